package hv.arch.riscv;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny RISC-V assembler for focused engine tests. Encodings are written from the ISA manual's
 * instruction formats independently of {@link Decoder}, so tests check the decoder rather than
 * mirror it. Labels resolve forward and backward branches and jumps.
 */
final class Asm {

    // ABI register names
    static final int ZERO = 0, RA = 1, SP = 2, GP = 3, TP = 4, T0 = 5, T1 = 6, T2 = 7, S0 = 8, S1 = 9, A0 = 10,
            A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15, A6 = 16, A7 = 17, S2 = 18, S3 = 19, S4 = 20, S5 = 21,
            S6 = 22, S7 = 23, S8 = 24, S9 = 25, S10 = 26, S11 = 27, T3 = 28, T4 = 29, T5 = 30, T6 = 31;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> labels = new HashMap<>();
    private final List<Object[]> fixups = new ArrayList<>();
    final long origin;

    Asm(long origin) {
        this.origin = origin;
    }

    Asm() {
        this(TestBus.RAM_BASE);
    }

    int pos() {
        return out.size();
    }

    long addr(String label) {
        Integer p = labels.get(label);
        if (p == null) {
            throw new IllegalArgumentException("no label " + label);
        }
        return origin + p;
    }

    Asm label(String name) {
        labels.put(name, pos());
        return this;
    }

    Asm word(int w) {
        out.write(w);
        out.write(w >>> 8);
        out.write(w >>> 16);
        out.write(w >>> 24);
        return this;
    }

    Asm dword(long v) {
        word((int) v);
        return word((int) (v >>> 32));
    }

    Asm half(int h) {
        out.write(h);
        out.write(h >>> 8);
        return this;
    }

    Asm align(int n) {
        while (pos() % n != 0) {
            out.write(0);
        }
        return this;
    }

    byte[] bytes() {
        byte[] b = out.toByteArray();
        for (Object[] f : fixups) {
            int at = (Integer) f[0];
            String kind = (String) f[1];
            Integer target = labels.get((String) f[2]);
            if (target == null) {
                throw new IllegalArgumentException("undefined label " + f[2]);
            }
            int off = target - at;
            int w = (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
            if (kind.equals("b") || kind.equals("j")) {
                w |= (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
                w |= kind.equals("b") ? bImm(off) : jImm(off);
                b[at + 2] = (byte) (w >>> 16);
                b[at + 3] = (byte) (w >>> 24);
            } else if (kind.equals("cj")) {
                w |= cjImm(off);
            } else {
                w |= cbImm(off);
            }
            b[at] = (byte) w;
            b[at + 1] = (byte) (w >>> 8);
        }
        return b;
    }

    // ------------------------------------------------------------------ formats

    static int r(int op, int f3, int f7, int rd, int rs1, int rs2) {
        return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
    }

    static int i(int op, int f3, int rd, int rs1, long imm) {
        return ((int) imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
    }

    static int s(int op, int f3, int rs1, int rs2, long imm) {
        int m = (int) imm;
        return ((m >> 5) & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (m & 31) << 7 | op;
    }

    static int bImm(int off) {
        return ((off >> 12) & 1) << 31 | ((off >> 5) & 0x3f) << 25 | ((off >> 1) & 0xf) << 8 | ((off >> 11) & 1) << 7;
    }

    static int jImm(int off) {
        return ((off >> 20) & 1) << 31 | ((off >> 1) & 0x3ff) << 21 | ((off >> 11) & 1) << 20 | ((off >> 12) & 0xff) << 12;
    }

    static int cjImm(int off) {
        return ((off >> 11) & 1) << 12 | ((off >> 4) & 1) << 11 | ((off >> 8) & 3) << 9 | ((off >> 10) & 1) << 8
                | ((off >> 6) & 1) << 7 | ((off >> 7) & 1) << 6 | ((off >> 1) & 7) << 3 | ((off >> 5) & 1) << 2;
    }

    static int cbImm(int off) {
        return ((off >> 8) & 1) << 12 | ((off >> 3) & 3) << 10 | ((off >> 6) & 3) << 5 | ((off >> 1) & 3) << 3
                | ((off >> 5) & 1) << 2;
    }

    // ------------------------------------------------------------------ table-driven mnemonics

    private static final Map<String, int[]> R = new HashMap<>();
    private static final Map<String, int[]> I = new HashMap<>();

    private static void r(String m, int op, int f3, int f7) {
        R.put(m, new int[] {op, f3, f7});
    }

    static {
        String[] base = {"add", "sll", "slt", "sltu", "xor", "srl", "or", "and"};
        for (int k = 0; k < 8; k++) {
            r(base[k], 0x33, k, 0);
        }
        r("sub", 0x33, 0, 0x20);
        r("sra", 0x33, 5, 0x20);
        String[] m = {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"};
        for (int k = 0; k < 8; k++) {
            r(m[k], 0x33, k, 1);
        }
        r("sh1add", 0x33, 2, 0x10);
        r("sh2add", 0x33, 4, 0x10);
        r("sh3add", 0x33, 6, 0x10);
        r("andn", 0x33, 7, 0x20);
        r("orn", 0x33, 6, 0x20);
        r("xnor", 0x33, 4, 0x20);
        r("min", 0x33, 4, 5);
        r("minu", 0x33, 5, 5);
        r("max", 0x33, 6, 5);
        r("maxu", 0x33, 7, 5);
        r("rol", 0x33, 1, 0x30);
        r("ror", 0x33, 5, 0x30);
        r("bclr", 0x33, 1, 0x24);
        r("bext", 0x33, 5, 0x24);
        r("binv", 0x33, 1, 0x34);
        r("bset", 0x33, 1, 0x14);
        r("addw", 0x3b, 0, 0);
        r("subw", 0x3b, 0, 0x20);
        r("sllw", 0x3b, 1, 0);
        r("srlw", 0x3b, 5, 0);
        r("sraw", 0x3b, 5, 0x20);
        r("mulw", 0x3b, 0, 1);
        r("divw", 0x3b, 4, 1);
        r("divuw", 0x3b, 5, 1);
        r("remw", 0x3b, 6, 1);
        r("remuw", 0x3b, 7, 1);
        r("add.uw", 0x3b, 0, 4);
        r("sh1add.uw", 0x3b, 2, 0x10);
        r("sh2add.uw", 0x3b, 4, 0x10);
        r("sh3add.uw", 0x3b, 6, 0x10);
        r("rolw", 0x3b, 1, 0x30);
        r("rorw", 0x3b, 5, 0x30);
        // I-type: {opcode, f3, imm-high-bits (ORed into the immediate), shift-amount mask or -1}
        I.put("addi", new int[] {0x13, 0, 0, -1});
        I.put("slti", new int[] {0x13, 2, 0, -1});
        I.put("sltiu", new int[] {0x13, 3, 0, -1});
        I.put("xori", new int[] {0x13, 4, 0, -1});
        I.put("ori", new int[] {0x13, 6, 0, -1});
        I.put("andi", new int[] {0x13, 7, 0, -1});
        I.put("slli", new int[] {0x13, 1, 0, 63});
        I.put("srli", new int[] {0x13, 5, 0, 63});
        I.put("srai", new int[] {0x13, 5, 0x400, 63});
        I.put("rori", new int[] {0x13, 5, 0x600, 63});
        I.put("bclri", new int[] {0x13, 1, 0x480, 63});
        I.put("bexti", new int[] {0x13, 5, 0x480, 63});
        I.put("binvi", new int[] {0x13, 1, 0x680, 63});
        I.put("bseti", new int[] {0x13, 1, 0x280, 63});
        I.put("addiw", new int[] {0x1b, 0, 0, -1});
        I.put("slliw", new int[] {0x1b, 1, 0, 31});
        I.put("srliw", new int[] {0x1b, 5, 0, 31});
        I.put("sraiw", new int[] {0x1b, 5, 0x400, 31});
        I.put("roriw", new int[] {0x1b, 5, 0x600, 31});
        I.put("slli.uw", new int[] {0x1b, 1, 0x080, 63});
        String[] loads = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu"};
        for (int k = 0; k < loads.length; k++) {
            I.put(loads[k], new int[] {0x03, k, 0, -1});
        }
        I.put("jalr", new int[] {0x67, 0, 0, -1});
        I.put("flw", new int[] {0x07, 2, 0, -1});
        I.put("fld", new int[] {0x07, 3, 0, -1});
    }

    /** R-type by mnemonic. */
    Asm op(String m, int rd, int rs1, int rs2) {
        int[] e = R.get(m);
        if (e == null) {
            throw new IllegalArgumentException(m);
        }
        return word(r(e[0], e[1], e[2], rd, rs1, rs2));
    }

    /** I-type (incl. shifts by immediate and loads: {@code opi("ld", rd, base, off)}). */
    Asm opi(String m, int rd, int rs1, long imm) {
        int[] e = I.get(m);
        if (e == null) {
            throw new IllegalArgumentException(m);
        }
        long v = e[3] >= 0 ? (imm & e[3]) | e[2] : imm;
        return word(i(e[0], e[1], rd, rs1, v));
    }

    /** Unary Zbb ops: clz ctz cpop sext.b sext.h orc.b rev8 clzw ctzw cpopw zext.h. */
    Asm unary(String m, int rd, int rs1) {
        return word(switch (m) {
            case "clz" -> i(0x13, 1, rd, rs1, 0x600);
            case "ctz" -> i(0x13, 1, rd, rs1, 0x601);
            case "cpop" -> i(0x13, 1, rd, rs1, 0x602);
            case "sext.b" -> i(0x13, 1, rd, rs1, 0x604);
            case "sext.h" -> i(0x13, 1, rd, rs1, 0x605);
            case "orc.b" -> i(0x13, 5, rd, rs1, 0x287);
            case "rev8" -> i(0x13, 5, rd, rs1, 0x6b8);
            case "clzw" -> i(0x1b, 1, rd, rs1, 0x600);
            case "ctzw" -> i(0x1b, 1, rd, rs1, 0x601);
            case "cpopw" -> i(0x1b, 1, rd, rs1, 0x602);
            case "zext.h" -> r(0x3b, 4, 4, rd, rs1, 0);
            default -> throw new IllegalArgumentException(m);
        });
    }

    Asm addi(int rd, int rs1, long imm) {
        return opi("addi", rd, rs1, imm);
    }

    Asm add(int rd, int rs1, int rs2) {
        return op("add", rd, rs1, rs2);
    }

    Asm mv(int rd, int rs) {
        return addi(rd, rs, 0);
    }

    Asm nop() {
        return addi(0, 0, 0);
    }

    Asm lui(int rd, int imm20) {
        return word((imm20 & 0xfffff) << 12 | rd << 7 | 0x37);
    }

    Asm auipc(int rd, int imm20) {
        return word((imm20 & 0xfffff) << 12 | rd << 7 | 0x17);
    }

    /** Loads any 64-bit constant (lui/addiw, then shifts and addi for wider values). */
    Asm li(int rd, long v) {
        long lo = (v << 52) >> 52;
        if (v == (int) v) {
            long hi = ((v - lo) >> 12) & 0xfffff;
            if (hi == 0) {
                return addi(rd, 0, lo);
            }
            lui(rd, (int) hi);
            return lo != 0 ? opi("addiw", rd, rd, lo) : this;
        }
        long rest = (v - lo) >> 12;
        int shift = 12;
        while ((rest & 1) == 0 && shift < 40) {
            rest >>= 1;
            shift++;
        }
        li(rd, rest);
        opi("slli", rd, rd, shift);
        return lo != 0 ? addi(rd, rd, lo) : this;
    }

    /** Loads the address of a label (auipc + addi, fixed up at the end through a constant). */
    Asm la(int rd, long absolute) {
        return li(rd, absolute);
    }

    Asm ld(int rd, int base, long off) {
        return opi("ld", rd, base, off);
    }

    Asm lw(int rd, int base, long off) {
        return opi("lw", rd, base, off);
    }

    Asm store(String m, int rs2, int base, long off) {
        int f3 = switch (m) {
            case "sb" -> 0;
            case "sh" -> 1;
            case "sw" -> 2;
            case "sd" -> 3;
            default -> throw new IllegalArgumentException(m);
        };
        return word(s(0x23, f3, base, rs2, off));
    }

    Asm sd(int rs2, int base, long off) {
        return store("sd", rs2, base, off);
    }

    Asm sw(int rs2, int base, long off) {
        return store("sw", rs2, base, off);
    }

    Asm branch(String m, int rs1, int rs2, String label) {
        int f3 = switch (m) {
            case "beq" -> 0;
            case "bne" -> 1;
            case "blt" -> 4;
            case "bge" -> 5;
            case "bltu" -> 6;
            case "bgeu" -> 7;
            default -> throw new IllegalArgumentException(m);
        };
        fixups.add(new Object[] {pos(), "b", label});
        return word(r(0x63, f3, 0, 0, rs1, rs2));
    }

    Asm bnez(int rs, String label) {
        return branch("bne", rs, 0, label);
    }

    Asm beqz(int rs, String label) {
        return branch("beq", rs, 0, label);
    }

    Asm jal(int rd, String label) {
        fixups.add(new Object[] {pos(), "j", label});
        return word(rd << 7 | 0x6f);
    }

    Asm j(String label) {
        return jal(0, label);
    }

    Asm jalr(int rd, int rs1, long off) {
        return opi("jalr", rd, rs1, off);
    }

    // ------------------------------------------------------------------ system

    Asm ecall() {
        return word(0x73);
    }

    Asm ebreak() {
        return word(0x00100073);
    }

    Asm sret() {
        return word(0x10200073);
    }

    Asm mret() {
        return word(0x30200073);
    }

    Asm wfi() {
        return word(0x10500073);
    }

    Asm sfenceVma(int rs1, int rs2) {
        return word(r(0x73, 0, 0x09, 0, rs1, rs2));
    }

    Asm fence(int pred, int succ) {
        return word(pred << 24 | succ << 20 | 0x0f);
    }

    Asm fenceI() {
        return word(0x100f);
    }

    Asm pause() {
        return word(0x0100000f);
    }

    /** csrrw/csrrs/csrrc (register) and csrrwi/csrrsi/csrrci (immediate: rs1 is the 5-bit value). */
    Asm csr(String m, int rd, int csr, int rs1) {
        int f3 = switch (m) {
            case "csrrw" -> 1;
            case "csrrs" -> 2;
            case "csrrc" -> 3;
            case "csrrwi" -> 5;
            case "csrrsi" -> 6;
            case "csrrci" -> 7;
            default -> throw new IllegalArgumentException(m);
        };
        return word(i(0x73, f3, rd, rs1, csr));
    }

    Asm csrr(int rd, int csr) {
        return csr("csrrs", rd, csr, 0);
    }

    Asm csrw(int csr, int rs) {
        return csr("csrrw", 0, csr, rs);
    }

    /** Ends a test program: clears sie and waits, so run() returns WAIT even with pins raised. */
    Asm halt() {
        return csr("csrrw", 0, 0x104, 0).wfi();
    }

    // ------------------------------------------------------------------ A

    Asm amo(String m, int rd, int rs1, int rs2) {
        boolean d = m.endsWith(".d");
        String k = m.substring(0, m.length() - 2);
        int f5 = switch (k) {
            case "lr" -> 0x02;
            case "sc" -> 0x03;
            case "amoswap" -> 0x01;
            case "amoadd" -> 0x00;
            case "amoxor" -> 0x04;
            case "amoand" -> 0x0c;
            case "amoor" -> 0x08;
            case "amomin" -> 0x10;
            case "amomax" -> 0x14;
            case "amominu" -> 0x18;
            case "amomaxu" -> 0x1c;
            default -> throw new IllegalArgumentException(m);
        };
        return word(f5 << 27 | 3 << 25 | rs2 << 20 | rs1 << 15 | (d ? 3 : 2) << 12 | rd << 7 | 0x2f);
    }

    // ------------------------------------------------------------------ F and D

    /** OP-FP: funct7, rs2 field, rm field. */
    Asm fop(int f7, int rd, int rs1, int rs2, int rm) {
        return word(r(0x53, rm, f7, rd, rs1, rs2));
    }

    /** fmadd (0x43), fmsub (0x47), fnmsub (0x4b), fnmadd (0x4f); fmt 0 = S, 1 = D. */
    Asm fma(int opcode, int fmt, int rd, int rs1, int rs2, int rs3, int rm) {
        return word(rs3 << 27 | fmt << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | opcode);
    }

    Asm fstore(boolean dbl, int rs2, int base, long off) {
        return word(s(0x27, dbl ? 3 : 2, base, rs2, off));
    }

    Asm fload(boolean dbl, int rd, int base, long off) {
        return opi(dbl ? "fld" : "flw", rd, base, off);
    }

    // ------------------------------------------------------------------ C (compressed)

    Asm c(int h) {
        return half(h);
    }

    static int cr(int f4, int rd, int rs2) {
        return f4 << 12 | rd << 7 | rs2 << 2 | 2;
    }

    static int ci(int f3, int rd, int imm6, int q) {
        return f3 << 13 | ((imm6 >> 5) & 1) << 12 | rd << 7 | (imm6 & 31) << 2 | q;
    }

    Asm cAddi(int rd, int imm) {
        return c(ci(0, rd, imm, 1));
    }

    Asm cAddiw(int rd, int imm) {
        return c(ci(1, rd, imm, 1));
    }

    Asm cLi(int rd, int imm) {
        return c(ci(2, rd, imm, 1));
    }

    /** c.lui with the value's bits 17:12 as a signed 6-bit number. */
    Asm cLui(int rd, int imm6) {
        return c(ci(3, rd, imm6, 1));
    }

    Asm cAddi16sp(int imm) {
        int h = 3 << 13 | ((imm >> 9) & 1) << 12 | 2 << 7 | ((imm >> 4) & 1) << 6 | ((imm >> 6) & 1) << 5
                | ((imm >> 7) & 3) << 3 | ((imm >> 5) & 1) << 2 | 1;
        return c(h);
    }

    Asm cAddi4spn(int rdp, int uimm) {
        return c(((uimm >> 4) & 3) << 11 | ((uimm >> 6) & 15) << 7 | ((uimm >> 2) & 1) << 6 | ((uimm >> 3) & 1) << 5
                | (rdp - 8) << 2);
    }

    Asm cLw(int rdp, int rs1p, int uimm) {
        return c(2 << 13 | ((uimm >> 3) & 7) << 10 | (rs1p - 8) << 7 | ((uimm >> 2) & 1) << 6 | ((uimm >> 6) & 1) << 5
                | (rdp - 8) << 2);
    }

    Asm cSw(int rs2p, int rs1p, int uimm) {
        return c(6 << 13 | ((uimm >> 3) & 7) << 10 | (rs1p - 8) << 7 | ((uimm >> 2) & 1) << 6 | ((uimm >> 6) & 1) << 5
                | (rs2p - 8) << 2);
    }

    Asm cLd(int rdp, int rs1p, int uimm) {
        return c(3 << 13 | ((uimm >> 3) & 7) << 10 | (rs1p - 8) << 7 | ((uimm >> 6) & 3) << 5 | (rdp - 8) << 2);
    }

    Asm cSd(int rs2p, int rs1p, int uimm) {
        return c(7 << 13 | ((uimm >> 3) & 7) << 10 | (rs1p - 8) << 7 | ((uimm >> 6) & 3) << 5 | (rs2p - 8) << 2);
    }

    Asm cFld(int rdp, int rs1p, int uimm) {
        return c(1 << 13 | ((uimm >> 3) & 7) << 10 | (rs1p - 8) << 7 | ((uimm >> 6) & 3) << 5 | (rdp - 8) << 2);
    }

    Asm cFsd(int rs2p, int rs1p, int uimm) {
        return c(5 << 13 | ((uimm >> 3) & 7) << 10 | (rs1p - 8) << 7 | ((uimm >> 6) & 3) << 5 | (rs2p - 8) << 2);
    }

    Asm cSrli(int rdp, int sh) {
        return c(4 << 13 | ((sh >> 5) & 1) << 12 | (rdp - 8) << 7 | (sh & 31) << 2 | 1);
    }

    Asm cSrai(int rdp, int sh) {
        return c(4 << 13 | ((sh >> 5) & 1) << 12 | 1 << 10 | (rdp - 8) << 7 | (sh & 31) << 2 | 1);
    }

    Asm cAndi(int rdp, int imm) {
        return c(4 << 13 | ((imm >> 5) & 1) << 12 | 2 << 10 | (rdp - 8) << 7 | (imm & 31) << 2 | 1);
    }

    /** c.sub c.xor c.or c.and c.subw c.addw. */
    Asm cAlu(String m, int rdp, int rs2p) {
        int k = switch (m) {
            case "sub" -> 0;
            case "xor" -> 1;
            case "or" -> 2;
            case "and" -> 3;
            case "subw" -> 4;
            case "addw" -> 5;
            default -> throw new IllegalArgumentException(m);
        };
        return c(4 << 13 | (k >> 2) << 12 | 3 << 10 | (rdp - 8) << 7 | (k & 3) << 5 | (rs2p - 8) << 2 | 1);
    }

    Asm cJ(String label) {
        fixups.add(new Object[] {pos(), "cj", label});
        return c(5 << 13 | 1);
    }

    Asm cBeqz(int rs1p, String label) {
        fixups.add(new Object[] {pos(), "cb", label});
        return c(6 << 13 | (rs1p - 8) << 7 | 1);
    }

    Asm cBnez(int rs1p, String label) {
        fixups.add(new Object[] {pos(), "cb", label});
        return c(7 << 13 | (rs1p - 8) << 7 | 1);
    }

    Asm cSlli(int rd, int sh) {
        return c(ci(0, rd, sh, 2));
    }

    Asm cLwsp(int rd, int uimm) {
        return c(2 << 13 | ((uimm >> 5) & 1) << 12 | rd << 7 | ((uimm >> 2) & 7) << 4 | ((uimm >> 6) & 3) << 2 | 2);
    }

    Asm cLdsp(int rd, int uimm) {
        return c(3 << 13 | ((uimm >> 5) & 1) << 12 | rd << 7 | ((uimm >> 3) & 3) << 5 | ((uimm >> 6) & 7) << 2 | 2);
    }

    Asm cSwsp(int rs2, int uimm) {
        return c(6 << 13 | ((uimm >> 2) & 15) << 9 | ((uimm >> 6) & 3) << 7 | rs2 << 2 | 2);
    }

    Asm cSdsp(int rs2, int uimm) {
        return c(7 << 13 | ((uimm >> 3) & 7) << 10 | ((uimm >> 6) & 7) << 7 | rs2 << 2 | 2);
    }

    Asm cJr(int rs1) {
        return c(cr(8, rs1, 0));
    }

    Asm cJalr(int rs1) {
        return c(cr(9, rs1, 0));
    }

    Asm cMv(int rd, int rs2) {
        return c(cr(8, rd, rs2));
    }

    Asm cAdd(int rd, int rs2) {
        return c(cr(9, rd, rs2));
    }

    Asm cEbreak() {
        return c(cr(9, 0, 0));
    }
}
