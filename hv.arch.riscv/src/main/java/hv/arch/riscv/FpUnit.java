package hv.arch.riscv;

import static hv.arch.riscv.Op.*;

import hv.arch.riscv.fp.F32;
import hv.arch.riscv.fp.F64;
import hv.arch.riscv.fp.FpFlags;

/**
 * The F and D instructions: register file, NaN boxing, loads and stores, moves, sign injection and
 * the calls into the soft-float library ({@code hv.arch.riscv.fp}) for arithmetic. sstatus.FS has
 * been checked by the caller; any write to f registers or fflags sets FS to Dirty.
 *
 * <p>Single-precision values live NaN-boxed in the 64-bit registers (upper 32 bits all ones); an
 * input that is not properly boxed reads as the canonical NaN (unprivileged ISA, "NaN Boxing of
 * Narrower Values").
 */
final class FpUnit {

    static final long BOX = 0xffff_ffff_0000_0000L;
    static final int SIGN32 = 0x8000_0000;
    static final long SIGN64 = 0x8000_0000_0000_0000L;

    private FpUnit() {
    }

    static long box(int v) {
        return BOX | (v & 0xffff_ffffL);
    }

    static int unbox(long v) {
        return (v >> 32) == -1 ? (int) v : F32.CANONICAL_NAN;
    }

    static void exec(Interpreter e, int w, long imm, int bits) {
        final long[] f = e.f;
        final long[] x = e.x;
        final FpFlags fl = e.fpFlags;
        int op = w & 0x1ff;
        int rd = (w >>> 9) & 63;
        int rs1 = (w >>> 15) & 31;
        int rs2 = (w >>> 20) & 31;
        boolean writesF = true;
        switch (op) {
            case FLW -> f[rd] = box((int) e.load(x[rs1] + imm, 4));
            case FLD -> f[rd] = e.load(x[rs1] + imm, 8);
            case FSW -> {
                e.store(x[rs1] + imm, 4, f[rs2]);
                writesF = false;
            }
            case FSD -> {
                e.store(x[rs1] + imm, 8, f[rs2]);
                writesF = false;
            }
            case FMV_X_W -> {
                x[rd] = (int) f[rs1];
                writesF = false;
            }
            case FMV_X_D -> {
                x[rd] = f[rs1];
                writesF = false;
            }
            case FMV_W_X -> f[rd] = box((int) x[rs1]);
            case FMV_D_X -> f[rd] = x[rs1];
            case FCLASS_S -> {
                x[rd] = F32.classify(unbox(f[rs1]));
                writesF = false;
            }
            case FCLASS_D -> {
                x[rd] = F64.classify(f[rs1]);
                writesF = false;
            }
            case FSGNJ_S, FSGNJN_S, FSGNJX_S -> {
                int a = unbox(f[rs1]);
                int b = unbox(f[rs2]);
                int sign = op == FSGNJ_S ? b : op == FSGNJN_S ? ~b : a ^ b;
                f[rd] = box((a & ~SIGN32) | (sign & SIGN32));
            }
            case FSGNJ_D, FSGNJN_D, FSGNJX_D -> {
                long a = f[rs1];
                long b = f[rs2];
                long sign = op == FSGNJ_D ? b : op == FSGNJN_D ? ~b : a ^ b;
                f[rd] = (a & ~SIGN64) | (sign & SIGN64);
            }
            case FMIN_S -> f[rd] = box(F32.min(unbox(f[rs1]), unbox(f[rs2]), fl));
            case FMAX_S -> f[rd] = box(F32.max(unbox(f[rs1]), unbox(f[rs2]), fl));
            case FMIN_D -> f[rd] = F64.min(f[rs1], f[rs2], fl);
            case FMAX_D -> f[rd] = F64.max(f[rs1], f[rs2], fl);
            case FEQ_S, FLT_S, FLE_S -> {
                int a = unbox(f[rs1]);
                int b = unbox(f[rs2]);
                boolean r = op == FEQ_S ? F32.eq(a, b, fl) : op == FLT_S ? F32.lt(a, b, fl) : F32.le(a, b, fl);
                x[rd] = r ? 1 : 0;
                writesF = false;
            }
            case FEQ_D, FLT_D, FLE_D -> {
                long a = f[rs1];
                long b = f[rs2];
                boolean r = op == FEQ_D ? F64.eq(a, b, fl) : op == FLT_D ? F64.lt(a, b, fl) : F64.le(a, b, fl);
                x[rd] = r ? 1 : 0;
                writesF = false;
            }
            default -> {
                int rm = e.roundingMode((int) imm & 7, bits);
                if (op <= FCVT_S_LU || op == FCVT_S_D) {
                    writesF = single(e, op, rd, rs1, rs2, (w >>> 25) & 31, rm, fl);
                } else {
                    writesF = dbl(e, op, rd, rs1, rs2, (w >>> 25) & 31, rm, fl);
                }
            }
        }
        if (fl.flags != 0) {
            e.fcsr |= fl.flags;
            fl.flags = 0;
            writesF = true;
        }
        if (writesF) {
            e.fpDirty();
        }
    }

    /** Single-precision arithmetic and conversions; returns true when an f register was written. */
    private static boolean single(Interpreter e, int op, int rd, int rs1, int rs2, int rs3, int rm, FpFlags fl) {
        final long[] f = e.f;
        final long[] x = e.x;
        int a = unbox(f[rs1]);
        int b = unbox(f[rs2]);
        switch (op) {
            case FADD_S -> f[rd] = box(F32.add(a, b, rm, fl));
            case FSUB_S -> f[rd] = box(F32.sub(a, b, rm, fl));
            case FMUL_S -> f[rd] = box(F32.mul(a, b, rm, fl));
            case FDIV_S -> f[rd] = box(F32.div(a, b, rm, fl));
            case FSQRT_S -> f[rd] = box(F32.sqrt(a, rm, fl));
            case FMADD_S -> f[rd] = box(F32.fma(a, b, unbox(f[rs3]), rm, fl));
            case FMSUB_S -> f[rd] = box(F32.fma(a, b, unbox(f[rs3]) ^ SIGN32, rm, fl));
            case FNMSUB_S -> f[rd] = box(F32.fma(a ^ SIGN32, b, unbox(f[rs3]), rm, fl));
            case FNMADD_S -> f[rd] = box(F32.fma(a ^ SIGN32, b, unbox(f[rs3]) ^ SIGN32, rm, fl));
            case FCVT_W_S -> x[rd] = F32.toInt32(a, rm, fl);
            case FCVT_WU_S -> x[rd] = F32.toUInt32(a, rm, fl);
            case FCVT_L_S -> x[rd] = F32.toInt64(a, rm, fl);
            case FCVT_LU_S -> x[rd] = F32.toUInt64(a, rm, fl);
            case FCVT_S_W -> f[rd] = box(F32.fromInt32((int) x[rs1], rm, fl));
            case FCVT_S_WU -> f[rd] = box(F32.fromUInt32((int) x[rs1], rm, fl));
            case FCVT_S_L -> f[rd] = box(F32.fromInt64(x[rs1], rm, fl));
            case FCVT_S_LU -> f[rd] = box(F32.fromUInt64(x[rs1], rm, fl));
            case FCVT_S_D -> f[rd] = box(F64.toF32(f[rs1], rm, fl));
            default -> throw new IllegalStateException("not a single-precision kind: " + Op.name(op));
        }
        return op < FCVT_W_S || op > FCVT_LU_S;
    }

    /** Double-precision arithmetic and conversions; returns true when an f register was written. */
    private static boolean dbl(Interpreter e, int op, int rd, int rs1, int rs2, int rs3, int rm, FpFlags fl) {
        final long[] f = e.f;
        final long[] x = e.x;
        long a = f[rs1];
        long b = f[rs2];
        switch (op) {
            case FADD_D -> f[rd] = F64.add(a, b, rm, fl);
            case FSUB_D -> f[rd] = F64.sub(a, b, rm, fl);
            case FMUL_D -> f[rd] = F64.mul(a, b, rm, fl);
            case FDIV_D -> f[rd] = F64.div(a, b, rm, fl);
            case FSQRT_D -> f[rd] = F64.sqrt(a, rm, fl);
            case FMADD_D -> f[rd] = F64.fma(a, b, f[rs3], rm, fl);
            case FMSUB_D -> f[rd] = F64.fma(a, b, f[rs3] ^ SIGN64, rm, fl);
            case FNMSUB_D -> f[rd] = F64.fma(a ^ SIGN64, b, f[rs3], rm, fl);
            case FNMADD_D -> f[rd] = F64.fma(a ^ SIGN64, b, f[rs3] ^ SIGN64, rm, fl);
            case FCVT_W_D -> x[rd] = F64.toInt32(a, rm, fl);
            case FCVT_WU_D -> x[rd] = F64.toUInt32(a, rm, fl);
            case FCVT_L_D -> x[rd] = F64.toInt64(a, rm, fl);
            case FCVT_LU_D -> x[rd] = F64.toUInt64(a, rm, fl);
            case FCVT_D_W -> f[rd] = F64.fromInt32((int) x[rs1], rm, fl);
            case FCVT_D_WU -> f[rd] = F64.fromUInt32((int) x[rs1], rm, fl);
            case FCVT_D_L -> f[rd] = F64.fromInt64(x[rs1], rm, fl);
            case FCVT_D_LU -> f[rd] = F64.fromUInt64(x[rs1], rm, fl);
            case FCVT_D_S -> f[rd] = F32.toF64(unbox(f[rs1]), fl);
            default -> throw new IllegalStateException("not a double-precision kind: " + Op.name(op));
        }
        return op < FCVT_W_D || op > FCVT_LU_D;
    }
}
