package hv.arch.riscv.fp;

import static hv.arch.riscv.fp.FpFlags.DZ;
import static hv.arch.riscv.fp.FpFlags.NV;
import static hv.arch.riscv.fp.FpFlags.NX;
import static hv.arch.riscv.fp.FpRm.RDN;
import static hv.arch.riscv.fp.FpRm.RNE;

/**
 * IEEE 754 binary32 arithmetic with RISC-V semantics (the F extension), on raw bits held in an
 * {@code int}; the conventions are those of {@link F64}.
 *
 * <p>Every operation is computed in binary64 first, where it is exact or leaves an exactly
 * known error: products of two binary32 numbers are exact, sums and fused multiply-adds are
 * split into a double and its exact error by Fast2Sum, quotients and square roots give the sign
 * of their error through an exact remainder ({@link Math#fma}). The double and the error's sign
 * are then rounded once to binary32 ({@link FpCore#roundToF32}), which is exact because every
 * binary32 rounding boundary is a binary64 number. In round-to-nearest, the JVM's own
 * {@code float} arithmetic gives the result directly when it is a normal number, and the exact
 * double computation only decides NX (skipped when NX is already raised).
 */
public final class F32 {

    /** The canonical NaN, the only NaN RISC-V arithmetic produces. */
    public static final int CANONICAL_NAN = 0x7FC0_0000;
    public static final int POSITIVE_INFINITY = 0x7F80_0000;
    public static final int NEGATIVE_INFINITY = 0xFF80_0000;

    static final int SIGN = 0x8000_0000;
    static final int MAG = 0x7FFF_FFFF;
    static final int INF = POSITIVE_INFINITY;
    static final int QUIET = 0x0040_0000;
    static final int MIN_NORMAL = 0x0080_0000;

    private F32() {
    }

    static boolean isNaN(int a) {
        return (a & MAG) > INF;
    }

    static boolean isSignalling(int a) {
        return (a & MAG) > INF && (a & QUIET) == 0;
    }

    private static float fl(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static int bits(float v) {
        return Float.floatToRawIntBits(v);
    }

    /** A finite binary32 value as a double (exact). */
    private static double wide(int bits) {
        return Float.intBitsToFloat(bits);
    }

    /** Whether a round-to-nearest float result can be returned as is once NX is already set. */
    private static boolean plainNormal(int r) {
        int m = r & MAG;
        return m > MIN_NORMAL && m < INF;
    }

    private static int nan(int a, int b, FpFlags f) {
        if (isSignalling(a) || isSignalling(b)) {
            f.flags |= NV;
        }
        return CANONICAL_NAN;
    }

    private static int invalid(FpFlags f) {
        f.flags |= NV;
        return CANONICAL_NAN;
    }

    // ------------------------------------------------------------------------------------------
    // Arithmetic

    public static int add(int a, int b, int rm, FpFlags f) {
        if (rm == RNE) {
            float v = fl(a) + fl(b);
            int r = bits(v);
            if (plainNormal(r)) {
                if ((f.flags & NX) == 0) {
                    double x = wide(a);
                    double y = wide(b);
                    double s = x + y;
                    if (s != v || twoSumError(x, y, s) != 0) {
                        f.flags |= NX;
                    }
                }
                return r;
            }
        }
        return addSlow(a, b, rm, f);
    }

    private static int addSlow(int a, int b, int rm, FpFlags f) {
        int ma = a & MAG;
        int mb = b & MAG;
        if (ma >= INF || mb >= INF) {
            if (ma > INF || mb > INF) {
                return nan(a, b, f);
            }
            if (ma == INF) {
                return mb == INF && (a ^ b) < 0 ? invalid(f) : a;
            }
            return b;
        }
        double x = wide(a);
        double y = wide(b);
        double s = x + y;
        if (s == 0) { // exact; -0 in RDN unless both operands are +0
            return bits((float) (rm == RDN ? -(-x + -y) : s));
        }
        return FpCore.roundToF32(s, FpCore.signum(twoSumError(x, y, s)), rm, f);
    }

    /** Exact error of {@code s = RN(x + y)} (Fast2Sum on the operands ordered by magnitude). */
    private static double twoSumError(double x, double y, double s) {
        return Math.abs(x) >= Math.abs(y) ? y - (s - x) : x - (s - y);
    }

    public static int sub(int a, int b, int rm, FpFlags f) {
        return add(a, b ^ SIGN, rm, f);
    }

    public static int mul(int a, int b, int rm, FpFlags f) {
        if (rm == RNE) {
            float v = fl(a) * fl(b);
            int r = bits(v);
            if (plainNormal(r)) {
                if ((f.flags & NX) == 0 && wide(a) * wide(b) != v) { // the double product is exact
                    f.flags |= NX;
                }
                return r;
            }
        }
        return mulSlow(a, b, rm, f);
    }

    private static int mulSlow(int a, int b, int rm, FpFlags f) {
        int ma = a & MAG;
        int mb = b & MAG;
        int sign = (a ^ b) & SIGN;
        if (ma >= INF || mb >= INF) {
            if (ma > INF || mb > INF) {
                return nan(a, b, f);
            }
            return ma == 0 || mb == 0 ? invalid(f) : sign | INF;
        }
        if (ma == 0 || mb == 0) {
            return sign;
        }
        return FpCore.roundToF32(wide(a) * wide(b), 0, rm, f); // the product of two floats is exact
    }

    public static int div(int a, int b, int rm, FpFlags f) {
        if (rm == RNE) {
            float v = fl(a) / fl(b);
            int r = bits(v);
            if (plainNormal(r)) {
                if ((f.flags & NX) == 0 && (double) v * wide(b) != wide(a)) { // exact double product
                    f.flags |= NX;
                }
                return r;
            }
        }
        return divSlow(a, b, rm, f);
    }

    private static int divSlow(int a, int b, int rm, FpFlags f) {
        int ma = a & MAG;
        int mb = b & MAG;
        int sign = (a ^ b) & SIGN;
        if (ma >= INF || mb >= INF) {
            if (ma > INF || mb > INF) {
                return nan(a, b, f);
            }
            if (ma == INF) {
                return mb == INF ? invalid(f) : sign | INF;
            }
            return sign; // finite / inf
        }
        if (mb == 0) {
            if (ma == 0) {
                return invalid(f);
            }
            f.flags |= DZ;
            return sign | INF;
        }
        if (ma == 0) {
            return sign;
        }
        double x = wide(a);
        double y = wide(b);
        double q = x / y;
        double r = Math.fma(-q, y, x); // exact remainder: x/y - q has the sign of r/y
        return FpCore.roundToF32(q, FpCore.signum(r) * (y > 0 ? 1 : -1), rm, f);
    }

    public static int sqrt(int a, int rm, FpFlags f) {
        if (a <= 0 || a >= INF) {
            if (a == 0 || a == SIGN || a == INF) {
                return a;
            }
            return isNaN(a) ? nan(a, a, f) : invalid(f);
        }
        if (rm == RNE) {
            float v = (float) Math.sqrt(fl(a)); // double rounding is innocuous for sqrt
            if ((f.flags & NX) == 0 && (double) v * v != wide(a)) { // exact double product
                f.flags |= NX;
            }
            return bits(v);
        }
        double x = wide(a);
        double s = Math.sqrt(x);
        return FpCore.roundToF32(s, FpCore.signum(Math.fma(-s, s, x)), rm, f);
    }

    /** {@code a*b + c} with a single rounding; NV for {@code inf*0 + qNaN} too. */
    public static int fma(int a, int b, int c, int rm, FpFlags f) {
        if (rm == RNE) {
            float v = Math.fma(fl(a), fl(b), fl(c)); // correctly rounded binary32 fma
            int r = bits(v);
            if (plainNormal(r)) {
                if ((f.flags & NX) == 0) {
                    double p = wide(a) * wide(b);
                    double z = wide(c);
                    double s = p + z;
                    if (s != v || twoSumError(p, z, s) != 0) {
                        f.flags |= NX;
                    }
                }
                return r;
            }
        }
        return fmaSlow(a, b, c, rm, f);
    }

    private static int fmaSlow(int a, int b, int c, int rm, FpFlags f) {
        int ma = a & MAG;
        int mb = b & MAG;
        int mc = c & MAG;
        int signP = (a ^ b) & SIGN;
        if (ma >= INF || mb >= INF || mc >= INF) {
            boolean infTimesZero = (ma == INF && mb == 0) || (mb == INF && ma == 0);
            if (ma > INF || mb > INF || mc > INF) {
                if (infTimesZero || isSignalling(a) || isSignalling(b) || isSignalling(c)) {
                    f.flags |= NV;
                }
                return CANONICAL_NAN;
            }
            if (infTimesZero) {
                return invalid(f);
            }
            if (ma == INF || mb == INF) {
                return mc == INF && (c & SIGN) != signP ? invalid(f) : signP | INF;
            }
            return c;
        }
        double p = wide(a) * wide(b); // exact
        double z = wide(c);
        double s = p + z;
        if (s == 0) { // exact zero, including signed zero operands
            return bits((float) (rm == RDN ? -(-p + -z) : s));
        }
        return FpCore.roundToF32(s, FpCore.signum(twoSumError(p, z, s)), rm, f);
    }

    // ------------------------------------------------------------------------------------------
    // Minimum, maximum, comparisons, classification

    private static int key(int a) {
        return a ^ ((a >> 31) & MAG);
    }

    /** RISC-V fmin.s; see {@link F64#min}. */
    public static int min(int a, int b, FpFlags f) {
        boolean na = isNaN(a);
        boolean nb = isNaN(b);
        if (na || nb) {
            if (isSignalling(a) || isSignalling(b)) {
                f.flags |= NV;
            }
            return na ? (nb ? CANONICAL_NAN : b) : a;
        }
        return key(a) <= key(b) ? a : b;
    }

    /** RISC-V fmax.s; see {@link F64#min}. */
    public static int max(int a, int b, FpFlags f) {
        boolean na = isNaN(a);
        boolean nb = isNaN(b);
        if (na || nb) {
            if (isSignalling(a) || isSignalling(b)) {
                f.flags |= NV;
            }
            return na ? (nb ? CANONICAL_NAN : b) : a;
        }
        return key(a) >= key(b) ? a : b;
    }

    public static boolean eq(int a, int b, FpFlags f) {
        if (isNaN(a) || isNaN(b)) {
            if (isSignalling(a) || isSignalling(b)) {
                f.flags |= NV;
            }
            return false;
        }
        return a == b || ((a | b) & MAG) == 0;
    }

    public static boolean lt(int a, int b, FpFlags f) {
        if (isNaN(a) || isNaN(b)) {
            f.flags |= NV;
            return false;
        }
        return fl(a) < fl(b);
    }

    public static boolean le(int a, int b, FpFlags f) {
        if (isNaN(a) || isNaN(b)) {
            f.flags |= NV;
            return false;
        }
        return fl(a) <= fl(b);
    }

    /** fclass.s; see {@link F64#classify}. */
    public static int classify(int a) {
        boolean neg = a < 0;
        int mag = a & MAG;
        if (mag >= INF) {
            if (mag == INF) {
                return neg ? 1 : 1 << 7;
            }
            return (mag & QUIET) != 0 ? 1 << 9 : 1 << 8;
        }
        if (mag == 0) {
            return neg ? 1 << 3 : 1 << 4;
        }
        if (mag < MIN_NORMAL) {
            return neg ? 1 << 2 : 1 << 5;
        }
        return neg ? 1 << 1 : 1 << 6;
    }

    // ------------------------------------------------------------------------------------------
    // Conversions

    /** The binary64 bits of a binary32 value (exact), any NaN as the canonical one. */
    private static long widenBits(int a) {
        return isNaN(a) ? F64.CANONICAL_NAN : Double.doubleToRawLongBits(wide(a));
    }

    /** fcvt.w.s; conventions of {@link F64#toInt32}. */
    public static long toInt32(int a, int rm, FpFlags f) {
        return F64.toInt32(widenBits(a), rm, f);
    }

    /** fcvt.wu.s; conventions of {@link F64#toUInt32}. */
    public static long toUInt32(int a, int rm, FpFlags f) {
        return F64.toUInt32(widenBits(a), rm, f);
    }

    /** fcvt.l.s; conventions of {@link F64#toInt64}. */
    public static long toInt64(int a, int rm, FpFlags f) {
        return F64.toInt64(widenBits(a), rm, f);
    }

    /** fcvt.lu.s; conventions of {@link F64#toUInt64}. */
    public static long toUInt64(int a, int rm, FpFlags f) {
        return F64.toUInt64(widenBits(a), rm, f);
    }

    /** fcvt.s.w. */
    public static int fromInt32(int v, int rm, FpFlags f) {
        if (v == 0) {
            return 0;
        }
        boolean neg = v < 0;
        return fromMagnitude(neg, neg ? -(long) v : v, rm, f);
    }

    /** fcvt.s.wu. */
    public static int fromUInt32(int v, int rm, FpFlags f) {
        return v == 0 ? 0 : fromMagnitude(false, v & 0xFFFF_FFFFL, rm, f);
    }

    /** fcvt.s.l. */
    public static int fromInt64(long v, int rm, FpFlags f) {
        if (v == 0) {
            return 0;
        }
        boolean neg = v < 0;
        return fromMagnitude(neg, neg ? -v : v, rm, f);
    }

    /** fcvt.s.lu. */
    public static int fromUInt64(long v, int rm, FpFlags f) {
        return v == 0 ? 0 : fromMagnitude(false, v, rm, f);
    }

    private static int fromMagnitude(boolean neg, long m, int rm, FpFlags f) {
        return (int) FpCore.roundInteger(neg, m, rm, f, 24, -126, 8);
    }

    /** fcvt.d.s: exact; NaN gives the canonical binary64 NaN (NV if it signals). */
    public static long toF64(int a, FpFlags f) {
        if (isNaN(a)) {
            if (isSignalling(a)) {
                f.flags |= NV;
            }
            return F64.CANONICAL_NAN;
        }
        return Double.doubleToRawLongBits(wide(a));
    }
}
