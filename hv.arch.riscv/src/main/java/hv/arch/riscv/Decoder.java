package hv.arch.riscv;

import static hv.arch.riscv.Op.*;

/**
 * Turns raw RISC-V instruction bits into the pre-decoded form of {@link Op}: one packed int plus
 * one immediate. Encodings follow the unprivileged ISA manual, chapter "RV32/64G Instruction Set
 * Listings", and the "C" chapter's quadrant tables. Anything not implemented (or disabled by the
 * VCPU's ISA string) decodes to {@link Op#ILLEGAL} with the raw bits as immediate, so that the
 * illegal-instruction trap can report them in stval.
 */
final class Decoder {

    private final int ext;

    /** @param ext the enabled extensions, {@link Isa} bits */
    Decoder(int ext) {
        this.ext = ext;
    }

    private boolean has(int bit) {
        return (ext & bit) != 0;
    }

    /** Destination x register: x0 becomes the sink. */
    private static int xd(int r) {
        return r == 0 ? SINK : r;
    }

    /**
     * Decodes the instruction at offset {@code pcOff} into slot {@code i} of {@code b}.
     *
     * @return the instruction length in bytes (2 or 4)
     */
    int decode(int inst, Block b, int i, int pcOff) {
        b.pcOff[i] = pcOff;
        if ((inst & 3) != 3) {
            int h = inst & 0xffff;
            b.bits[i] = h;
            if (!has(Isa.C)) {
                set(b, i, ILLEGAL, 0, 0, 0, 0, h);
                return 2;
            }
            decode16(h, b, i, pcOff);
            return 2;
        }
        b.bits[i] = inst;
        decode32(inst, b, i, pcOff);
        return 4;
    }

    private static void set(Block b, int i, int op, int rd, int rs1, int rs2, int rs3, long imm) {
        b.ops[i] = pack(op, rd, rs1, rs2, rs3);
        b.imm[i] = imm;
    }

    private static void illegal(Block b, int i, int inst) {
        set(b, i, ILLEGAL, 0, 0, 0, 0, inst & 0xffffffffL);
    }

    // ------------------------------------------------------------------ 32-bit

    private void decode32(int w, Block b, int i, int pcOff) {
        int rd = (w >>> 7) & 31;
        int f3 = (w >>> 12) & 7;
        int rs1 = (w >>> 15) & 31;
        int rs2 = (w >>> 20) & 31;
        int f7 = w >>> 25;
        long immI = w >> 20;
        switch (w & 0x7f) {
            case 0x37 -> set(b, i, LUI, xd(rd), 0, 0, 0, (long) (w & 0xfffff000));
            case 0x17 -> set(b, i, AUIPC, xd(rd), 0, 0, 0, pcOff + (long) (w & 0xfffff000));
            case 0x6f -> {
                long off = ((long) (w >> 31) << 20) | (((w >>> 12) & 0xff) << 12) | (((w >>> 20) & 1) << 11)
                        | (((w >>> 21) & 0x3ff) << 1);
                set(b, i, JAL, xd(rd), 0, 0, 0, pcOff + off);
            }
            case 0x67 -> {
                if (f3 != 0) {
                    illegal(b, i, w);
                } else {
                    set(b, i, JALR, xd(rd), rs1, 0, 0, immI);
                }
            }
            case 0x63 -> {
                long off = ((long) (w >> 31) << 12) | (((w >>> 7) & 1) << 11) | (((w >>> 25) & 0x3f) << 5)
                        | (((w >>> 8) & 0xf) << 1);
                int op = switch (f3) {
                    case 0 -> BEQ;
                    case 1 -> BNE;
                    case 4 -> BLT;
                    case 5 -> BGE;
                    case 6 -> BLTU;
                    case 7 -> BGEU;
                    default -> -1;
                };
                if (op < 0) {
                    illegal(b, i, w);
                } else {
                    set(b, i, op, 0, rs1, rs2, 0, pcOff + off);
                }
            }
            case 0x03 -> {
                int op = switch (f3) {
                    case 0 -> LB;
                    case 1 -> LH;
                    case 2 -> LW;
                    case 3 -> LD;
                    case 4 -> LBU;
                    case 5 -> LHU;
                    case 6 -> LWU;
                    default -> -1;
                };
                if (op < 0) {
                    illegal(b, i, w);
                } else {
                    set(b, i, op, xd(rd), rs1, 0, 0, immI);
                }
            }
            case 0x23 -> {
                long off = ((long) (w >> 25) << 5) | ((w >>> 7) & 31);
                if (f3 > 3) {
                    illegal(b, i, w);
                } else {
                    set(b, i, SB + f3, 0, rs1, rs2, 0, off);
                }
            }
            case 0x13 -> opImm(w, b, i, rd, f3, rs1, immI);
            case 0x1b -> opImm32(w, b, i, rd, f3, rs1, rs2, f7, immI);
            case 0x33 -> op(w, b, i, rd, f3, rs1, rs2, f7);
            case 0x3b -> op32(w, b, i, rd, f3, rs1, rs2, f7);
            case 0x0f -> {
                if (f3 == 0) {
                    // every FENCE encoding is a fence; pause is fm=0, pred=W, succ=0, rs1=rd=0
                    set(b, i, (w == 0x0100000f) ? PAUSE : FENCE, 0, 0, 0, 0, (w >>> 20) & 0xfff);
                } else if (f3 == 1) {
                    set(b, i, FENCE_I, 0, 0, 0, 0, 0);
                } else {
                    illegal(b, i, w);
                }
            }
            case 0x2f -> amo(w, b, i, rd, f3, rs1, rs2);
            case 0x73 -> system(w, b, i, rd, f3, rs1);
            case 0x07, 0x27 -> fpMem(w, b, i, rd, f3, rs1, rs2);
            case 0x43, 0x47, 0x4b, 0x4f -> fma(w, b, i, rd, f3, rs1, rs2);
            case 0x53 -> opFp(w, b, i, rd, f3, rs1, rs2, f7);
            default -> illegal(b, i, w);
        }
    }

    private void opImm(int w, Block b, int i, int rd, int f3, int rs1, long imm) {
        int sh = (int) imm & 63;
        int f6 = (int) (imm >>> 6) & 63;
        int f12 = (int) imm & 0xfff;
        int op;
        switch (f3) {
            case 0 -> op = ADDI;
            case 2 -> op = SLTI;
            case 3 -> op = SLTIU;
            case 4 -> op = XORI;
            case 6 -> op = ORI;
            case 7 -> op = ANDI;
            case 1 -> {
                if (f6 == 0) {
                    op = SLLI;
                } else if (f6 == 0x12 && has(Isa.ZBS)) {
                    op = BCLRI;
                } else if (f6 == 0x1a && has(Isa.ZBS)) {
                    op = BINVI;
                } else if (f6 == 0x0a && has(Isa.ZBS)) {
                    op = BSETI;
                } else if (has(Isa.ZBB) && f12 == 0x600) {
                    op = CLZ;
                } else if (has(Isa.ZBB) && f12 == 0x601) {
                    op = CTZ;
                } else if (has(Isa.ZBB) && f12 == 0x602) {
                    op = CPOP;
                } else if (has(Isa.ZBB) && f12 == 0x604) {
                    op = SEXT_B;
                } else if (has(Isa.ZBB) && f12 == 0x605) {
                    op = SEXT_H;
                } else {
                    op = -1;
                }
                imm = sh;
            }
            case 5 -> {
                if (f6 == 0) {
                    op = SRLI;
                } else if (f6 == 0x10) {
                    op = SRAI;
                } else if (f6 == 0x18 && has(Isa.ZBB)) {
                    op = RORI;
                } else if (f6 == 0x12 && has(Isa.ZBS)) {
                    op = BEXTI;
                } else if (f12 == 0x287 && has(Isa.ZBB)) {
                    op = ORC_B;
                } else if (f12 == 0x6b8 && has(Isa.ZBB)) {
                    op = REV8;
                } else {
                    op = -1;
                }
                imm = sh;
            }
            default -> op = -1;
        }
        if (op < 0) {
            illegal(b, i, w);
        } else {
            set(b, i, op, xd(rd), rs1, 0, 0, imm);
        }
    }

    private void opImm32(int w, Block b, int i, int rd, int f3, int rs1, int rs2, int f7, long imm) {
        int op = -1;
        if (f3 == 0) {
            op = ADDIW;
        } else if (f3 == 1) {
            if (f7 == 0) {
                op = SLLIW;
                imm = rs2;
            } else if ((f7 >>> 1) == 0x02 && has(Isa.ZBA)) {
                op = SLLI_UW;
                imm &= 63;
            } else if (f7 == 0x30 && has(Isa.ZBB)) {
                op = rs2 == 0 ? CLZW : rs2 == 1 ? CTZW : rs2 == 2 ? CPOPW : -1;
            }
        } else if (f3 == 5) {
            imm = rs2;
            op = f7 == 0 ? SRLIW : f7 == 0x20 ? SRAIW : (f7 == 0x30 && has(Isa.ZBB)) ? RORIW : -1;
        }
        if (op < 0) {
            illegal(b, i, w);
        } else {
            set(b, i, op, xd(rd), rs1, 0, 0, imm);
        }
    }

    private void op(int w, Block b, int i, int rd, int f3, int rs1, int rs2, int f7) {
        int op = -1;
        switch (f7) {
            case 0x00 -> op = switch (f3) {
                case 0 -> ADD;
                case 1 -> SLL;
                case 2 -> SLT;
                case 3 -> SLTU;
                case 4 -> XOR;
                case 5 -> SRL;
                case 6 -> OR;
                default -> AND;
            };
            case 0x20 -> op = switch (f3) {
                case 0 -> SUB;
                case 5 -> SRA;
                case 4 -> has(Isa.ZBB) ? XNOR : -1;
                case 6 -> has(Isa.ZBB) ? ORN : -1;
                case 7 -> has(Isa.ZBB) ? ANDN : -1;
                default -> -1;
            };
            case 0x01 -> op = has(Isa.M) ? MUL + f3 : -1;
            case 0x10 -> op = !has(Isa.ZBA) ? -1 : f3 == 2 ? SH1ADD : f3 == 4 ? SH2ADD : f3 == 6 ? SH3ADD : -1;
            case 0x05 -> op = !has(Isa.ZBB) ? -1 : switch (f3) {
                case 4 -> MIN;
                case 5 -> MINU;
                case 6 -> MAX;
                case 7 -> MAXU;
                default -> -1;
            };
            case 0x30 -> op = !has(Isa.ZBB) ? -1 : f3 == 1 ? ROL : f3 == 5 ? ROR : -1;
            case 0x24 -> op = !has(Isa.ZBS) ? -1 : f3 == 1 ? BCLR : f3 == 5 ? BEXT : -1;
            case 0x14 -> op = has(Isa.ZBS) && f3 == 1 ? BSET : -1;
            case 0x34 -> op = has(Isa.ZBS) && f3 == 1 ? BINV : -1;
            default -> op = -1;
        }
        if (op < 0) {
            illegal(b, i, w);
        } else {
            set(b, i, op, xd(rd), rs1, rs2, 0, 0);
        }
    }

    private void op32(int w, Block b, int i, int rd, int f3, int rs1, int rs2, int f7) {
        int op = -1;
        switch (f7) {
            case 0x00 -> op = f3 == 0 ? ADDW : f3 == 1 ? SLLW : f3 == 5 ? SRLW : -1;
            case 0x20 -> op = f3 == 0 ? SUBW : f3 == 5 ? SRAW : -1;
            case 0x01 -> op = !has(Isa.M) ? -1 : switch (f3) {
                case 0 -> MULW;
                case 4 -> DIVW;
                case 5 -> DIVUW;
                case 6 -> REMW;
                case 7 -> REMUW;
                default -> -1;
            };
            case 0x04 -> {
                if (f3 == 0 && has(Isa.ZBA)) {
                    op = ADD_UW;
                } else if (f3 == 4 && rs2 == 0 && has(Isa.ZBB)) {
                    op = ZEXT_H;
                }
            }
            case 0x10 -> op = !has(Isa.ZBA) ? -1
                    : f3 == 2 ? SH1ADD_UW : f3 == 4 ? SH2ADD_UW : f3 == 6 ? SH3ADD_UW : -1;
            case 0x30 -> op = !has(Isa.ZBB) ? -1 : f3 == 1 ? ROLW : f3 == 5 ? RORW : -1;
            default -> op = -1;
        }
        if (op < 0) {
            illegal(b, i, w);
        } else {
            set(b, i, op, xd(rd), rs1, rs2, 0, 0);
        }
    }

    private void amo(int w, Block b, int i, int rd, int f3, int rs1, int rs2) {
        if (!has(Isa.A) || (f3 != 2 && f3 != 3)) {
            illegal(b, i, w);
            return;
        }
        boolean d = f3 == 3;
        int op = switch (w >>> 27) {
            case 0x02 -> rs2 == 0 ? (d ? LR_D : LR_W) : -1;
            case 0x03 -> d ? SC_D : SC_W;
            case 0x01 -> d ? AMOSWAP_D : AMOSWAP_W;
            case 0x00 -> d ? AMOADD_D : AMOADD_W;
            case 0x04 -> d ? AMOXOR_D : AMOXOR_W;
            case 0x0c -> d ? AMOAND_D : AMOAND_W;
            case 0x08 -> d ? AMOOR_D : AMOOR_W;
            case 0x10 -> d ? AMOMIN_D : AMOMIN_W;
            case 0x14 -> d ? AMOMAX_D : AMOMAX_W;
            case 0x18 -> d ? AMOMINU_D : AMOMINU_W;
            case 0x1c -> d ? AMOMAXU_D : AMOMAXU_W;
            default -> -1;
        };
        if (op < 0) {
            illegal(b, i, w);
        } else {
            set(b, i, op, xd(rd), rs1, rs2, 0, 0);
        }
    }

    private void system(int w, Block b, int i, int rd, int f3, int rs1) {
        if (f3 == 0) {
            if (w == 0x00000073) {
                set(b, i, ECALL, 0, 0, 0, 0, 0);
            } else if (w == 0x00100073) {
                set(b, i, EBREAK, 0, 0, 0, 0, 0);
            } else if (w == 0x10200073) {
                set(b, i, SRET, 0, 0, 0, 0, 0);
            } else if (w == 0x10500073) {
                set(b, i, WFI, 0, 0, 0, 0, 0);
            } else if ((w >>> 25) == 0x09 && rd == 0) {
                set(b, i, SFENCE_VMA, 0, rs1, (w >>> 20) & 31, 0, 0);
            } else {
                illegal(b, i, w); // mret, hypervisor fences, ...
            }
            return;
        }
        if (f3 == 4) {
            illegal(b, i, w);
            return;
        }
        int op = CSRRW + (f3 & 3) - 1 + ((f3 & 4) != 0 ? 3 : 0);
        set(b, i, op, xd(rd), rs1, 0, 0, (w >>> 20) & 0xfff);
    }

    // ------------------------------------------------------------------ F and D

    private boolean fmtOk(int fmt) {
        return fmt == 0 ? has(Isa.F) : fmt == 1 && has(Isa.D);
    }

    private static boolean rmOk(int rm) {
        return rm != 5 && rm != 6;
    }

    private void fpMem(int w, Block b, int i, int rd, int f3, int rs1, int rs2) {
        boolean load = (w & 0x7f) == 0x07;
        if (!((f3 == 2 && has(Isa.F)) || (f3 == 3 && has(Isa.D)))) {
            illegal(b, i, w);
            return;
        }
        if (load) {
            set(b, i, f3 == 2 ? FLW : FLD, rd, rs1, 0, 0, w >> 20);
        } else {
            long off = ((long) (w >> 25) << 5) | ((w >>> 7) & 31);
            set(b, i, f3 == 2 ? FSW : FSD, 0, rs1, rs2, 0, off);
        }
    }

    private void fma(int w, Block b, int i, int rd, int rm, int rs1, int rs2) {
        int fmt = (w >>> 25) & 3;
        if (!fmtOk(fmt) || !rmOk(rm)) {
            illegal(b, i, w);
            return;
        }
        int k = ((w & 0x7f) - 0x43) >>> 2; // 0 madd, 1 msub, 2 nmsub, 3 nmadd
        int op = (fmt == 0 ? FMADD_S : FMADD_D) + k;
        set(b, i, op, rd, rs1, rs2, w >>> 27, rm);
    }

    private void opFp(int w, Block b, int i, int rd, int f3, int rs1, int rs2, int f7) {
        int fmt = f7 & 3;
        if (!fmtOk(fmt)) {
            illegal(b, i, w);
            return;
        }
        boolean d = fmt == 1;
        int rm = f3;
        int op = -1;
        int drd = rd; // FP destination by default
        switch (f7 >>> 2) {
            case 0x00 -> op = d ? FADD_D : FADD_S;
            case 0x01 -> op = d ? FSUB_D : FSUB_S;
            case 0x02 -> op = d ? FMUL_D : FMUL_S;
            case 0x03 -> op = d ? FDIV_D : FDIV_S;
            case 0x0b -> op = rs2 == 0 ? (d ? FSQRT_D : FSQRT_S) : -1;
            case 0x04 -> {
                op = f3 > 2 ? -1 : (d ? FSGNJ_D : FSGNJ_S) + f3;
                rm = 0;
            }
            case 0x05 -> {
                op = f3 > 1 ? -1 : (d ? FMIN_D : FMIN_S) + f3;
                rm = 0;
            }
            case 0x08 -> {
                // fcvt.s.d (fmt S, rs2 = 1) and fcvt.d.s (fmt D, rs2 = 0)
                if (!d && rs2 == 1 && has(Isa.D)) {
                    op = FCVT_S_D;
                } else if (d && rs2 == 0) {
                    op = FCVT_D_S;
                }
            }
            case 0x14 -> {
                op = f3 == 0 ? (d ? FLE_D : FLE_S) : f3 == 1 ? (d ? FLT_D : FLT_S) : f3 == 2 ? (d ? FEQ_D : FEQ_S) : -1;
                drd = xd(rd);
                rm = 0;
            }
            case 0x18 -> {
                op = rs2 > 3 ? -1 : (d ? FCVT_W_D : FCVT_W_S) + rs2;
                drd = xd(rd);
            }
            case 0x1a -> op = rs2 > 3 ? -1 : (d ? FCVT_D_W : FCVT_S_W) + rs2;
            case 0x1c -> {
                if (rs2 == 0 && f3 == 0) {
                    op = d ? FMV_X_D : FMV_X_W;
                } else if (rs2 == 0 && f3 == 1) {
                    op = d ? FCLASS_D : FCLASS_S;
                }
                drd = xd(rd);
                rm = 0;
            }
            case 0x1e -> {
                op = rs2 == 0 && f3 == 0 ? (d ? FMV_D_X : FMV_W_X) : -1;
                rm = 0;
            }
            default -> op = -1;
        }
        if (op < 0 || !rmOk(rm)) {
            illegal(b, i, w);
            return;
        }
        set(b, i, op, drd, rs1, rs2, 0, rm);
    }

    // ------------------------------------------------------------------ 16-bit (C)

    private static int sext(int v, int bits) {
        return (v << (32 - bits)) >> (32 - bits);
    }

    private void decode16(int h, Block b, int i, int pcOff) {
        int f3 = (h >>> 13) & 7;
        int rdp = ((h >>> 2) & 7) + 8; // rd' / rs2'
        int rs1p = ((h >>> 7) & 7) + 8;
        int r = (h >>> 7) & 31; // rd / rs1 full
        int r2 = (h >>> 2) & 31;
        switch (h & 3) {
            case 0 -> {
                switch (f3) {
                    case 0 -> {
                        int imm = ((h >>> 7) & 0x30) | ((h >>> 1) & 0x3c0) | ((h >>> 4) & 4) | ((h >>> 2) & 8);
                        if (imm == 0) {
                            illegal(b, i, h);
                        } else {
                            set(b, i, ADDI, rdp, 2, 0, 0, imm);
                        }
                    }
                    case 1 -> cfp(b, i, h, FLD, has(Isa.D), rdp, rs1p, 0, ((h >>> 7) & 0x38) | ((h << 1) & 0xc0));
                    case 2 -> set(b, i, LW, rdp, rs1p, 0, 0, ((h >>> 7) & 0x38) | ((h >>> 4) & 4) | ((h << 1) & 0x40));
                    case 3 -> set(b, i, LD, rdp, rs1p, 0, 0, ((h >>> 7) & 0x38) | ((h << 1) & 0xc0));
                    case 5 -> cfp(b, i, h, FSD, has(Isa.D), 0, rs1p, rdp, ((h >>> 7) & 0x38) | ((h << 1) & 0xc0));
                    case 6 -> set(b, i, SW, 0, rs1p, rdp, 0, ((h >>> 7) & 0x38) | ((h >>> 4) & 4) | ((h << 1) & 0x40));
                    case 7 -> set(b, i, SD, 0, rs1p, rdp, 0, ((h >>> 7) & 0x38) | ((h << 1) & 0xc0));
                    default -> illegal(b, i, h);
                }
            }
            case 1 -> {
                int imm6 = sext(((h >>> 7) & 0x20) | ((h >>> 2) & 0x1f), 6);
                switch (f3) {
                    case 0 -> set(b, i, ADDI, xd(r), r, 0, 0, imm6);
                    case 1 -> {
                        if (r == 0) {
                            illegal(b, i, h);
                        } else {
                            set(b, i, ADDIW, r, r, 0, 0, imm6);
                        }
                    }
                    case 2 -> set(b, i, ADDI, xd(r), 0, 0, 0, imm6);
                    case 3 -> {
                        if (r == 2) {
                            int imm = sext(((h >>> 3) & 0x200) | ((h >>> 2) & 0x10) | ((h << 1) & 0x40)
                                    | ((h << 4) & 0x180) | ((h << 3) & 0x20), 10);
                            if (imm == 0) {
                                illegal(b, i, h);
                            } else {
                                set(b, i, ADDI, 2, 2, 0, 0, imm);
                            }
                        } else {
                            int imm = sext(((h << 5) & 0x20000) | ((h << 10) & 0x1f000), 18);
                            if (imm == 0) {
                                illegal(b, i, h);
                            } else {
                                set(b, i, LUI, xd(r), 0, 0, 0, imm);
                            }
                        }
                    }
                    case 4 -> cAlu(h, b, i, rs1p, rdp);
                    case 5 -> {
                        int off = sext(((h >>> 1) & 0x800) | ((h >>> 7) & 0x10) | ((h >>> 1) & 0x300) | ((h << 2) & 0x400)
                                | ((h >>> 1) & 0x40) | ((h << 1) & 0x80) | ((h >>> 2) & 0xe) | ((h << 3) & 0x20), 12);
                        set(b, i, JAL, SINK, 0, 0, 0, pcOff + (long) off);
                    }
                    default -> { // 6 beqz, 7 bnez
                        int off = sext(((h >>> 4) & 0x100) | ((h >>> 7) & 0x18) | ((h << 1) & 0xc0) | ((h >>> 2) & 6)
                                | ((h << 3) & 0x20), 9);
                        set(b, i, f3 == 6 ? BEQ : BNE, 0, rs1p, 0, 0, pcOff + (long) off);
                    }
                }
            }
            default -> { // quadrant 2
                switch (f3) {
                    case 0 -> set(b, i, SLLI, xd(r), r, 0, 0, ((h >>> 7) & 0x20) | ((h >>> 2) & 0x1f));
                    case 1 -> cfp(b, i, h, FLD, has(Isa.D), r, 2, 0, ((h >>> 7) & 0x20) | ((h >>> 2) & 0x18) | ((h << 4) & 0x1c0));
                    case 2 -> {
                        if (r == 0) {
                            illegal(b, i, h);
                        } else {
                            set(b, i, LW, r, 2, 0, 0, ((h >>> 7) & 0x20) | ((h >>> 2) & 0x1c) | ((h << 4) & 0xc0));
                        }
                    }
                    case 3 -> {
                        if (r == 0) {
                            illegal(b, i, h);
                        } else {
                            set(b, i, LD, r, 2, 0, 0, ((h >>> 7) & 0x20) | ((h >>> 2) & 0x18) | ((h << 4) & 0x1c0));
                        }
                    }
                    case 4 -> {
                        boolean bit12 = (h & 0x1000) != 0;
                        if (!bit12) {
                            if (r2 == 0) {
                                if (r == 0) {
                                    illegal(b, i, h);
                                } else {
                                    set(b, i, JALR, SINK, r, 0, 0, 0);
                                }
                            } else {
                                set(b, i, ADD, xd(r), 0, r2, 0, 0);
                            }
                        } else if (r2 == 0) {
                            if (r == 0) {
                                set(b, i, EBREAK, 0, 0, 0, 0, 0);
                            } else {
                                set(b, i, JALR, 1, r, 0, 0, 0);
                            }
                        } else {
                            set(b, i, ADD, xd(r), r, r2, 0, 0);
                        }
                    }
                    case 5 -> cfp(b, i, h, FSD, has(Isa.D), 0, 2, r2, ((h >>> 7) & 0x38) | ((h >>> 1) & 0x1c0));
                    case 6 -> set(b, i, SW, 0, 2, r2, 0, ((h >>> 7) & 0x3c) | ((h >>> 1) & 0xc0));
                    default -> set(b, i, SD, 0, 2, r2, 0, ((h >>> 7) & 0x38) | ((h >>> 1) & 0x1c0));
                }
            }
        }
    }

    private static void cfp(Block b, int i, int h, int op, boolean ok, int rd, int rs1, int rs2, int imm) {
        if (ok) {
            set(b, i, op, rd, rs1, rs2, 0, imm);
        } else {
            illegal(b, i, h);
        }
    }

    private void cAlu(int h, Block b, int i, int rd, int rs2) {
        int sh = ((h >>> 7) & 0x20) | ((h >>> 2) & 0x1f);
        switch ((h >>> 10) & 3) {
            case 0 -> set(b, i, SRLI, rd, rd, 0, 0, sh);
            case 1 -> set(b, i, SRAI, rd, rd, 0, 0, sh);
            case 2 -> set(b, i, ANDI, rd, rd, 0, 0, sext(sh, 6));
            default -> {
                int op = switch (((h >>> 10) & 4) | ((h >>> 5) & 3)) {
                    case 0 -> SUB;
                    case 1 -> XOR;
                    case 2 -> OR;
                    case 3 -> AND;
                    case 4 -> SUBW;
                    case 5 -> ADDW;
                    default -> -1;
                };
                if (op < 0) {
                    illegal(b, i, h);
                } else {
                    set(b, i, op, rd, rd, rs2, 0, 0);
                }
            }
        }
    }
}
