package hv.arch.riscv;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * The instruction kinds of the engine: one int id per kind, the single list that the decoder
 * ({@link Decoder}), the interpreter ({@link Interpreter}) and a later bytecode translator share.
 *
 * <p>A decoded instruction is one packed int plus one long immediate (see {@link #pack}):
 * bits 0-8 kind, 9-14 rd (x0 as a destination is mapped to the sink register 32, so writes
 * to it vanish without a test), 15-19 rs1, 20-24 rs2, 25-29 rs3. Immediates are pre-extracted and
 * sign-extended; pc-relative ones (branches, jal, auipc) hold the target's offset from the block
 * start, so a block is independent of the virtual address it runs at.
 *
 * <p>Ids are grouped: {@code < FIRST_SYSTEM} never end a block except taken branches;
 * {@code >= FIRST_FP} need sstatus.FS != Off.
 */
public final class Op {

    private Op() {
    }

    // ---- integer: RV64I computational
    public static final int LUI = 0, AUIPC = 1, ADDI = 2, SLTI = 3, SLTIU = 4, XORI = 5, ORI = 6, ANDI = 7,
            SLLI = 8, SRLI = 9, SRAI = 10, ADD = 11, SUB = 12, SLL = 13, SLT = 14, SLTU = 15, XOR = 16, SRL = 17,
            SRA = 18, OR = 19, AND = 20, ADDIW = 21, SLLIW = 22, SRLIW = 23, SRAIW = 24, ADDW = 25, SUBW = 26,
            SLLW = 27, SRLW = 28, SRAW = 29;
    // ---- branches (imm = target offset from block start)
    public static final int BEQ = 30, BNE = 31, BLT = 32, BGE = 33, BLTU = 34, BGEU = 35;
    // ---- loads and stores
    public static final int LB = 36, LH = 37, LW = 38, LD = 39, LBU = 40, LHU = 41, LWU = 42,
            SB = 43, SH = 44, SW = 45, SD = 46;
    // ---- M
    public static final int MUL = 47, MULH = 48, MULHSU = 49, MULHU = 50, DIV = 51, DIVU = 52, REM = 53,
            REMU = 54, MULW = 55, DIVW = 56, DIVUW = 57, REMW = 58, REMUW = 59;
    // ---- Zba, Zbb, Zbs
    public static final int SH1ADD = 60, SH2ADD = 61, SH3ADD = 62, ADD_UW = 63, SH1ADD_UW = 64, SH2ADD_UW = 65,
            SH3ADD_UW = 66, SLLI_UW = 67, ANDN = 68, ORN = 69, XNOR = 70, CLZ = 71, CLZW = 72, CTZ = 73,
            CTZW = 74, CPOP = 75, CPOPW = 76, MAX = 77, MAXU = 78, MIN = 79, MINU = 80, SEXT_B = 81,
            SEXT_H = 82, ZEXT_H = 83, ROL = 84, ROLW = 85, ROR = 86, RORI = 87, RORIW = 88, RORW = 89,
            ORC_B = 90, REV8 = 91, BCLR = 92, BCLRI = 93, BEXT = 94, BEXTI = 95, BINV = 96, BINVI = 97,
            BSET = 98, BSETI = 99;
    // ---- fences and A (do not end a block)
    public static final int FENCE = 100, LR_W = 101, SC_W = 102, LR_D = 103, SC_D = 104,
            AMOSWAP_W = 105, AMOADD_W = 106, AMOXOR_W = 107, AMOAND_W = 108, AMOOR_W = 109, AMOMIN_W = 110,
            AMOMAX_W = 111, AMOMINU_W = 112, AMOMAXU_W = 113,
            AMOSWAP_D = 114, AMOADD_D = 115, AMOXOR_D = 116, AMOAND_D = 117, AMOOR_D = 118, AMOMIN_D = 119,
            AMOMAX_D = 120, AMOMINU_D = 121, AMOMAXU_D = 122;

    /** First kind that always ends its block. */
    public static final int FIRST_SYSTEM = 123;
    public static final int JAL = 123, JALR = 124, ECALL = 125, EBREAK = 126, SRET = 127, WFI = 128,
            SFENCE_VMA = 129, FENCE_I = 130, PAUSE = 131, CSRRW = 132, CSRRS = 133, CSRRC = 134, CSRRWI = 135,
            CSRRSI = 136, CSRRCI = 137,
            // not an instruction: the raw bits are in the block's bits[] for stval
            ILLEGAL = 138;

    /** First kind that needs the FPU (sstatus.FS != Off). */
    public static final int FIRST_FP = 139;
    public static final int FLW = 139, FLD = 140, FSW = 141, FSD = 142,
            FADD_S = 143, FSUB_S = 144, FMUL_S = 145, FDIV_S = 146, FSQRT_S = 147, FMIN_S = 148, FMAX_S = 149,
            FMADD_S = 150, FMSUB_S = 151, FNMSUB_S = 152, FNMADD_S = 153, FSGNJ_S = 154, FSGNJN_S = 155,
            FSGNJX_S = 156, FEQ_S = 157, FLT_S = 158, FLE_S = 159, FCLASS_S = 160, FCVT_W_S = 161,
            FCVT_WU_S = 162, FCVT_L_S = 163, FCVT_LU_S = 164, FCVT_S_W = 165, FCVT_S_WU = 166, FCVT_S_L = 167,
            FCVT_S_LU = 168, FMV_X_W = 169, FMV_W_X = 170,
            FADD_D = 171, FSUB_D = 172, FMUL_D = 173, FDIV_D = 174, FSQRT_D = 175, FMIN_D = 176, FMAX_D = 177,
            FMADD_D = 178, FMSUB_D = 179, FNMSUB_D = 180, FNMADD_D = 181, FSGNJ_D = 182, FSGNJN_D = 183,
            FSGNJX_D = 184, FEQ_D = 185, FLT_D = 186, FLE_D = 187, FCLASS_D = 188, FCVT_W_D = 189,
            FCVT_WU_D = 190, FCVT_L_D = 191, FCVT_LU_D = 192, FCVT_D_W = 193, FCVT_D_WU = 194, FCVT_D_L = 195,
            FCVT_D_LU = 196, FMV_X_D = 197, FMV_D_X = 198, FCVT_S_D = 199, FCVT_D_S = 200;

    /** Number of kinds. */
    public static final int COUNT = 201;

    /** The sink register index: decoded writes to x0 land here. */
    public static final int SINK = 32;

    private static final String[] NAMES = new String[COUNT];

    static {
        for (Field f : Op.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (f.getType() == int.class && Modifier.isStatic(m) && Modifier.isPublic(m)
                    && !f.getName().startsWith("FIRST_") && !f.getName().equals("COUNT")
                    && !f.getName().equals("SINK")) {
                try {
                    int id = f.getInt(null);
                    if (NAMES[id] != null) {
                        throw new ExceptionInInitializerError("op id " + id + " used twice: " + NAMES[id] + ", " + f.getName());
                    }
                    NAMES[id] = f.getName().toLowerCase().replace('_', '.');
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
    }

    /** Assembler name of a kind, for example {@code "amoadd.w"}. */
    public static String name(int op) {
        return op >= 0 && op < COUNT && NAMES[op] != null ? NAMES[op] : "op" + op;
    }

    /** True when the kind always ends its block (control transfer, system, CSR, illegal). */
    public static boolean endsBlock(int op) {
        return op >= FIRST_SYSTEM && op < FIRST_FP;
    }

    /** Packs a decoded instruction. rd must already be mapped (x0 to {@link #SINK}) where it names an x register. */
    public static int pack(int op, int rd, int rs1, int rs2, int rs3) {
        return op | rd << 9 | rs1 << 15 | rs2 << 20 | rs3 << 25;
    }

    public static int op(int w) {
        return w & 0x1ff;
    }

    public static int rd(int w) {
        return (w >>> 9) & 63;
    }

    public static int rs1(int w) {
        return (w >>> 15) & 31;
    }

    public static int rs2(int w) {
        return (w >>> 20) & 31;
    }

    public static int rs3(int w) {
        return (w >>> 25) & 31;
    }
}
