package hv.arch.riscv.fp;

import static hv.arch.riscv.fp.FpFlags.DZ;
import static hv.arch.riscv.fp.FpFlags.NV;
import static hv.arch.riscv.fp.FpFlags.NX;
import static hv.arch.riscv.fp.FpFlags.OF;
import static hv.arch.riscv.fp.FpRm.RDN;
import static hv.arch.riscv.fp.FpRm.RMM;
import static hv.arch.riscv.fp.FpRm.RNE;
import static hv.arch.riscv.fp.FpRm.RUP;

/**
 * IEEE 754 binary64 arithmetic with RISC-V semantics (the D extension), on raw bits held in a
 * {@code long}: every rounding mode, exact accrued flags (tininess after rounding), canonical
 * NaN results, subnormals throughout.
 *
 * <p>Fast path: the JVM's {@code double} arithmetic is correctly rounded to nearest-even, so it
 * gives the round-to-nearest value; an error-free transformation (Fast2Sum, or {@link Math#fma}
 * for products, quotients and square roots) yields the exact rounding error, which decides
 * inexactness and, for the directed modes, whether to step the result one unit towards or away
 * from zero. When the result is near the underflow or overflow thresholds the operation falls
 * back to a slow path that scales the operands, applies the same transformations, and rounds
 * the exact pair with {@link FpCore#roundPair64}; fused multiply-add uses 128-bit integer
 * arithmetic there. See docs/riscv-fp.md.
 *
 * <p>Nothing allocates. Methods are static and thread-safe apart from the caller's {@link FpFlags}.
 */
public final class F64 {

    /** The canonical NaN, the only NaN RISC-V arithmetic produces. */
    public static final long CANONICAL_NAN = 0x7FF8_0000_0000_0000L;
    public static final long POSITIVE_INFINITY = 0x7FF0_0000_0000_0000L;
    public static final long NEGATIVE_INFINITY = 0xFFF0_0000_0000_0000L;

    static final long SIGN = 0x8000_0000_0000_0000L;
    static final long MAG = 0x7FFF_FFFF_FFFF_FFFFL;
    static final long INF = POSITIVE_INFINITY;
    static final long FRAC = 0x000F_FFFF_FFFF_FFFFL;
    static final long HIDDEN = 0x0010_0000_0000_0000L;
    static final long QUIET = 0x0008_0000_0000_0000L;
    /** Bits of the smallest normal number, 2^-1022. */
    static final long MIN_NORMAL = HIDDEN;
    /**
     * Magnitude (bits) from which the error terms of products and quotients are exact: above
     * 2^-960 the error of a product, and the remainder of a quotient whose dividend is this
     * large, are multiples of 2^-1074 that fit in a double.
     */
    static final long SAFE = (1023L - 960) << 52;

    private F64() {
    }

    // ------------------------------------------------------------------------------------------
    // Classification helpers

    static boolean isNaN(long a) {
        return (a & MAG) > INF;
    }

    static boolean isSignalling(long a) {
        return (a & MAG) > INF && (a & QUIET) == 0;
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    /** Result of an operation with a NaN operand: NV if any operand signals; the canonical NaN. */
    private static long nan(long a, long b, FpFlags f) {
        if (isSignalling(a) || isSignalling(b)) {
            f.flags |= NV;
        }
        return CANONICAL_NAN;
    }

    private static long invalid(FpFlags f) {
        f.flags |= NV;
        return CANONICAL_NAN;
    }

    /** Unbiased exponent of the leading bit of a finite nonzero magnitude. */
    static int exponent(long mag) {
        return mag >= HIDDEN ? (int) (mag >>> 52) - 1023 : -1011 - Long.numberOfLeadingZeros(mag);
    }

    /** The 53-bit significand of a finite nonzero magnitude, leading bit at bit 52. */
    static long significand(long mag) {
        return mag >= HIDDEN ? (mag & FRAC) | HIDDEN : mag << (Long.numberOfLeadingZeros(mag) - 11);
    }

    /** The finite nonzero magnitude scaled by a power of two into [1, 2); see {@link #exponent}. */
    private static double unit(long mag) {
        return d((significand(mag) & FRAC) | (1023L << 52));
    }

    /**
     * Steps a round-to-nearest result {@code r} (normal, above the smallest normal, finite) to the
     * result of the directed mode {@code rm}, given the exact error {@code err = T - r} (nonzero).
     * Raises OF when stepping past the largest finite number.
     */
    private static long adjust(long r, double err, int rm, FpFlags f) {
        boolean larger = (err > 0) != (r < 0); // |T| > |r|
        // RMM differs from RNE only on a tie that RNE resolved towards zero (to the even r)
        return step(r, larger, rm == RMM && larger && Math.abs(err) == 0.5 * Math.ulp(d(r)), rm, f);
    }

    /**
     * The result in mode {@code rm} given the round-to-nearest result {@code r}, whether the
     * exact magnitude is {@code larger} than |r|, and whether it lies exactly half-way to the
     * next larger magnitude ({@code tieAbove}, only consulted for RMM).
     */
    private static long step(long r, boolean larger, boolean tieAbove, int rm, FpFlags f) {
        long out;
        if (rm == RNE) {
            return r;
        } else if (rm == RMM) {
            out = tieAbove ? r + 1 : r;
        } else {
            out = directed(r, larger, rm);
        }
        if ((out & MAG) == INF) {
            f.flags |= OF;
        }
        return out;
    }

    /** {@link #adjust} for operations that have no ties (division, square root): only the error's sign. */
    private static long adjustNoTie(long r, boolean exactAbove, int rm, FpFlags f) {
        return step(r, exactAbove != (r < 0), false, rm, f);
    }

    /**
     * The RTZ, RDN or RUP result, given the round-to-nearest result {@code r}: r is one of the two
     * neighbours of the exact value T, and the other one is a step farther from zero when
     * {@code larger} (|T| > |r|), else a step nearer. The mode wants the neighbour nearer zero
     * (RTZ, RDN of a positive, RUP of a negative value) or the one farther from it. Adding or
     * subtracting one to the bits steps the magnitude.
     */
    private static long directed(long r, boolean larger, int rm) {
        boolean neg = r < 0;
        boolean away = rm == RDN ? neg : rm == RUP && !neg;
        return away ? (larger ? r + 1 : r) : (larger ? r : r - 1);
    }

    // ------------------------------------------------------------------------------------------
    // Addition and subtraction

    public static long add(long a, long b, int rm, FpFlags f) {
        double x = d(a);
        double y = d(b);
        double s = x + y;
        if (Double.isFinite(s)) {
            if (rm == RNE) {
                if ((f.flags & NX) == 0 && twoSumError(x, y, s) != 0) {
                    f.flags |= NX;
                }
                return bits(s);
            }
            if (s == 0) { // always exact; -0 in RDN unless both operands are +0
                return rm == RDN ? bits(-(-x + -y)) : bits(s);
            }
            double err = twoSumError(x, y, s);
            if (err == 0) {
                return bits(s);
            }
            // An inexact sum is at least 2^-1021 in magnitude: never tiny.
            f.flags |= NX;
            return adjust(bits(s), err, rm, f);
        }
        return addSpecial(a, b, rm, f);
    }

    public static long sub(long a, long b, int rm, FpFlags f) {
        return add(a, b ^ SIGN, rm, f);
    }

    /** Exact error of {@code s = RN(x + y)} (Fast2Sum on the operands ordered by magnitude). */
    private static double twoSumError(double x, double y, double s) {
        return Math.abs(x) >= Math.abs(y) ? y - (s - x) : x - (s - y);
    }

    private static long addSpecial(long a, long b, int rm, FpFlags f) {
        long ma = a & MAG;
        long mb = b & MAG;
        if (ma > INF || mb > INF) {
            return nan(a, b, f);
        }
        if (ma == INF) {
            return mb == INF && (a ^ b) < 0 ? invalid(f) : a;
        }
        if (mb == INF) {
            return b;
        }
        // Finite operands whose round-to-nearest sum overflows: both are at least 2^970 in
        // magnitude, so quartering them is exact.
        double x = d(a) * 0.25;
        double y = d(b) * 0.25;
        double s = x + y;
        double err = twoSumError(x, y, s);
        boolean neg = s < 0;
        return roundPair64(neg, Math.abs(s), neg ? -err : err, 2, rm, f);
    }

    private static long roundPair64(boolean neg, double s, double err, int k, int rm, FpFlags f) {
        return FpCore.roundPair64(neg, s, err, k, rm, f);
    }

    // ------------------------------------------------------------------------------------------
    // Multiplication

    public static long mul(long a, long b, int rm, FpFlags f) {
        double x = d(a);
        double y = d(b);
        double p = x * y;
        long pb = bits(p);
        long pm = pb & MAG;
        if (pm >= SAFE && pm < INF) {
            if (rm == RNE) {
                if ((f.flags & NX) == 0 && Math.fma(x, y, -p) != 0) {
                    f.flags |= NX;
                }
                return pb;
            }
            double err = Math.fma(x, y, -p);
            if (err == 0) {
                return pb;
            }
            f.flags |= NX;
            return adjust(pb, err, rm, f);
        }
        return mulSlow(a, b, rm, f);
    }

    private static long mulSlow(long a, long b, int rm, FpFlags f) {
        long ma = a & MAG;
        long mb = b & MAG;
        long sign = (a ^ b) & SIGN;
        if (ma > INF || mb > INF) {
            return nan(a, b, f);
        }
        if (ma == INF || mb == INF) {
            return ma == 0 || mb == 0 ? invalid(f) : sign | INF;
        }
        if (ma == 0 || mb == 0) {
            return sign;
        }
        // Tiny, huge or overflowing product: multiply the significands scaled into [1, 2),
        // where the error of the product is exact, and round the pair at the true exponent.
        double ux = unit(ma);
        double uy = unit(mb);
        double p = ux * uy;
        double err = Math.fma(ux, uy, -p);
        return roundPair64(sign != 0, p, err, exponent(ma) + exponent(mb), rm, f);
    }

    // ------------------------------------------------------------------------------------------
    // Division

    public static long div(long a, long b, int rm, FpFlags f) {
        double x = d(a);
        double y = d(b);
        double q = x / y;
        long qb = bits(q);
        long qm = qb & MAG;
        if (qm > MIN_NORMAL && qm < INF && (a & MAG) >= SAFE) {
            // Quotients have no ties in the normal range, so RMM rounds as RNE.
            if (rm == RNE || rm == RMM) {
                if ((f.flags & NX) == 0 && Math.fma(-q, y, x) != 0) {
                    f.flags |= NX;
                }
                return qb;
            }
            double r = Math.fma(-q, y, x); // exact remainder x - q*y; x/y - q has the sign of r/y
            if (r == 0) {
                return qb;
            }
            f.flags |= NX;
            return adjustNoTie(qb, (r > 0) == (y > 0), rm, f);
        }
        return divSlow(a, b, rm, f);
    }

    private static long divSlow(long a, long b, int rm, FpFlags f) {
        long ma = a & MAG;
        long mb = b & MAG;
        long sign = (a ^ b) & SIGN;
        if (ma > INF || mb > INF) {
            return nan(a, b, f);
        }
        if (ma == INF) {
            return mb == INF ? invalid(f) : sign | INF;
        }
        if (mb == INF) {
            return sign;
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
        double ux = unit(ma);
        double uy = unit(mb);
        double q = ux / uy;
        double r = Math.fma(-q, uy, ux);
        // No ties are possible (see div): a tiny error of the right sign stands for the exact one.
        double err = r == 0 ? 0 : Math.copySign(Math.ulp(q) * 0x1p-12, r);
        return roundPair64(sign != 0, q, err, exponent(ma) - exponent(mb), rm, f);
    }

    // ------------------------------------------------------------------------------------------
    // Square root

    public static long sqrt(long a, int rm, FpFlags f) {
        if (a <= 0 || a >= INF) {
            if (a == 0 || a == SIGN || a == INF) {
                return a; // +-0 and +inf are their own roots
            }
            return isNaN(a) ? nan(a, a, f) : invalid(f);
        }
        double x = d(a);
        double s = Math.sqrt(x); // always normal: no underflow nor overflow
        if (rm == RNE && (f.flags & NX) != 0) {
            return bits(s);
        }
        boolean scaled = a < SAFE;
        double xs = scaled ? x * 0x1p108 : x; // exact; then the remainder below is exact
        double ss = scaled ? Math.sqrt(xs) : s;
        double r = Math.fma(-ss, ss, xs);
        if (r == 0) {
            return bits(s);
        }
        f.flags |= NX;
        if (rm == RNE || rm == RMM) { // square roots have no ties
            return bits(s);
        }
        long sb = bits(ss);
        if (rm == RUP) {
            if (r > 0) {
                sb++;
            }
        } else if (r < 0) { // RTZ, RDN: towards zero for a positive root
            sb--;
        }
        return scaled ? bits(d(sb) * 0x1p-54) : sb;
    }

    // ------------------------------------------------------------------------------------------
    // Fused multiply-add

    /** Bits of 2^960: below this magnitude sums and products of doubles cannot overflow. */
    static final long HUGE = (1023L + 960) << 52;

    /**
     * {@code a*b + c} with a single rounding. RISC-V raises NV for {@code inf*0 + qNaN} too.
     *
     * <p>The JVM's fused multiply-add gives the round-to-nearest value r. Away from the
     * underflow and overflow thresholds, the exact error {@code a*b + c - r} is then obtained as
     * an unevaluated sum r2 + r3 of two doubles, with |r3| <= ulp(r2)/2, by the error-free
     * "ErrFma" transformation of Boldo and Muller (Exact and Approximated Error of the FMA,
     * IEEE Transactions on Computers 60(2), 2011): the product's exact error by a second fma,
     * then error-free sums. Elsewhere (zero, tiny or huge operands and results) the 128-bit
     * integer path computes the result.
     */
    public static long fma(long a, long b, long c, int rm, FpFlags f) {
        double x = d(a);
        double y = d(b);
        double z = d(c);
        double r = Math.fma(x, y, z);
        long rb = bits(r);
        long rmag = rb & MAG;
        if (rmag > MIN_NORMAL && rmag < INF && rm == RNE && (f.flags & NX) != 0) {
            return rb; // nothing more to raise: inexactness is already recorded
        }
        return fmaError(a, b, c, x, y, z, rb, rm, f);
    }

    /** The rest of {@link #fma}, apart so that the common path stays small enough to inline. */
    private static long fmaError(long a, long b, long c, double x, double y, double z, long rb, int rm,
            FpFlags f) {
        double r = d(rb);
        long rmag = rb & MAG;
        double p = x * y;
        long pm = bits(p) & MAG;
        if (rmag >= SAFE && rmag <= HUGE && pm >= SAFE && pm <= HUGE && (c & MAG) <= HUGE) {
            double u2 = Math.fma(x, y, -p); // a*b = p + u2
            double a1 = z + u2; // z + u2 = a1 + a2
            double t = a1 - u2;
            double a2 = (z - t) + (u2 - (a1 - t));
            double b1 = p + a1; // p + a1 = b1 + b2
            t = b1 - a1;
            double b2 = (p - t) + (a1 - (b1 - t));
            double g = (b1 - r) + b2; // exact, by the theorem
            double r2 = g + a2; // g + a2 = r2 + r3 = a*b + c - r
            t = r2 - a2;
            double r3 = (g - t) + (a2 - (r2 - t));
            if (r2 == 0) {
                return rb;
            }
            f.flags |= NX;
            boolean larger = (r2 > 0) != (rb < 0);
            return step(rb, larger, larger && r3 == 0 && Math.abs(r2) == 0.5 * Math.ulp(r), rm, f);
        }
        return fmaSlow(a, b, c, rm, f);
    }

    private static long fmaSlow(long a, long b, long c, int rm, FpFlags f) {
        long ma = a & MAG;
        long mb = b & MAG;
        long mc = c & MAG;
        long signP = (a ^ b) & SIGN;
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
            return c; // c infinite, product finite
        }
        if (ma == 0 || mb == 0) {
            if (mc != 0) {
                return c;
            }
            // Exact zero: equal signs are kept, opposite ones give +0 (-0 when rounding down).
            return signP == (c & SIGN) ? c : rm == RDN ? SIGN : 0;
        }
        if (mc == 0) {
            return mul(a, b, rm, f); // a*b is nonzero, so the zero addend never decides the sign
        }
        return fmaCore(signP != 0, ma, mb, c < 0, mc, rm, f);
    }

    /**
     * Exact fused multiply-add of finite nonzero operands: the 106-bit product and the aligned
     * addend in 128-bit integers, a sticky bit for whatever is shifted out, one rounding.
     */
    private static long fmaCore(boolean negP, long ma, long mb, boolean negC, long mc, int rm, FpFlags f) {
        int ea = exponent(ma);
        int eb = exponent(mb);
        int ec = exponent(mc);
        long x = significand(ma) << 10; // a = x * 2^(ea - 62)
        long y = significand(mb) << 11; // b = y * 2^(eb - 63)
        // P = x*y in [2^125, 2^127): a*b = P * 2^(ea + eb - 125), at least 21 low zero bits.
        long pHi = Math.unsignedMultiplyHigh(x, y);
        long pLo = x * y;
        // C = c's significand at bit 125: c = C * 2^(ec - 125), 73 low zero bits.
        long cHi = significand(mc) << 9;
        long cLo = 0;
        int d = ea + eb - ec;
        int be; // exponent of bit 0 after alignment
        if (d >= 0) {
            cLo = shiftRightSticky(cHi, cLo, d);
            cHi = d >= 64 ? 0 : cHi >>> d;
            be = ea + eb - 125;
        } else {
            pLo = shiftRightSticky(pHi, pLo, -d);
            pHi = -d >= 64 ? 0 : pHi >>> -d;
            be = ec - 125;
        }
        // Only the smaller operand ever loses bits into its sticky bit, and the larger one has
        // zeros at the bottom, so the sticky bit keeps its meaning through the subtraction.
        long sHi;
        long sLo;
        boolean neg = negP;
        if (negP == negC) {
            sLo = pLo + cLo;
            sHi = pHi + cHi + (Long.compareUnsigned(sLo, pLo) < 0 ? 1 : 0);
        } else {
            sLo = pLo - cLo;
            sHi = pHi - cHi - (Long.compareUnsigned(pLo, cLo) < 0 ? 1 : 0);
            if (sHi < 0) {
                sLo = -sLo;
                sHi = ~sHi + (sLo == 0 ? 1 : 0);
                neg = negC;
            }
            if ((sHi | sLo) == 0) {
                return rm == RDN ? SIGN : 0; // exact cancellation
            }
        }
        int lead = sHi != 0 ? 127 - Long.numberOfLeadingZeros(sHi) : 63 - Long.numberOfLeadingZeros(sLo);
        long sig = lead > 62 ? shiftRightSticky(sHi, sLo, lead - 62) : sLo << (62 - lead);
        return FpCore.roundPack64(neg, be + lead, sig, rm, f);
    }

    /**
     * Low 64 bits of the 128-bit {@code hi:lo} shifted right by {@code n >= 0}, with every bit
     * shifted out ORed into bit 0.
     */
    static long shiftRightSticky(long hi, long lo, int n) {
        if (n == 0) {
            return lo;
        }
        if (n < 64) {
            return (lo >>> n) | (hi << (64 - n)) | ((lo << (64 - n)) != 0 ? 1 : 0);
        }
        if (n < 128) {
            int m = n - 64;
            if (m == 0) {
                return hi | (lo != 0 ? 1 : 0);
            }
            return (hi >>> m) | (lo != 0 || (hi << (64 - m)) != 0 ? 1 : 0);
        }
        return (hi | lo) != 0 ? 1 : 0;
    }

    // ------------------------------------------------------------------------------------------
    // Minimum, maximum, comparisons, classification

    /** Total order key of a non-NaN value: -0 below +0. */
    private static long key(long a) {
        return a ^ ((a >> 63) & MAG);
    }

    /** RISC-V fmin (2.2 and later): -0 < +0; a NaN operand yields the other; NV for a signalling NaN. */
    public static long min(long a, long b, FpFlags f) {
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

    /** RISC-V fmax; see {@link #min}. */
    public static long max(long a, long b, FpFlags f) {
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

    /** feq: quiet comparison, NV only for a signalling NaN. */
    public static boolean eq(long a, long b, FpFlags f) {
        if (isNaN(a) || isNaN(b)) {
            if (isSignalling(a) || isSignalling(b)) {
                f.flags |= NV;
            }
            return false;
        }
        return a == b || ((a | b) & MAG) == 0;
    }

    /** flt: signalling comparison, NV for any NaN. */
    public static boolean lt(long a, long b, FpFlags f) {
        if (isNaN(a) || isNaN(b)) {
            f.flags |= NV;
            return false;
        }
        return d(a) < d(b);
    }

    /** fle: signalling comparison, NV for any NaN. */
    public static boolean le(long a, long b, FpFlags f) {
        if (isNaN(a) || isNaN(b)) {
            f.flags |= NV;
            return false;
        }
        return d(a) <= d(b);
    }

    /**
     * fclass: one bit of ten set: 0 -inf, 1 negative normal, 2 negative subnormal, 3 -0, 4 +0,
     * 5 positive subnormal, 6 positive normal, 7 +inf, 8 signalling NaN, 9 quiet NaN.
     */
    public static int classify(long a) {
        boolean neg = a < 0;
        long mag = a & MAG;
        if (mag >= INF) {
            if (mag == INF) {
                return neg ? 1 : 1 << 7;
            }
            return (mag & QUIET) != 0 ? 1 << 9 : 1 << 8;
        }
        if (mag == 0) {
            return neg ? 1 << 3 : 1 << 4;
        }
        if (mag < HIDDEN) {
            return neg ? 1 << 2 : 1 << 5;
        }
        return neg ? 1 << 1 : 1 << 6;
    }

    // ------------------------------------------------------------------------------------------
    // Conversions to integers

    private static final int I32 = 0;
    private static final int U32 = 1;
    private static final int I64 = 2;
    private static final int U64 = 3;

    /** fcvt.w.d: the result sign-extended to 64 bits; NaN and +large give 2^31-1, -large -2^31. */
    public static long toInt32(long a, int rm, FpFlags f) {
        return toInteger(a, rm, f, I32);
    }

    /** fcvt.wu.d: the 32-bit result sign-extended to 64 bits; NaN and +large give 2^32-1, negative 0. */
    public static long toUInt32(long a, int rm, FpFlags f) {
        return toInteger(a, rm, f, U32);
    }

    /** fcvt.l.d: NaN and +large give 2^63-1, -large -2^63. */
    public static long toInt64(long a, int rm, FpFlags f) {
        return toInteger(a, rm, f, I64);
    }

    /** fcvt.lu.d: NaN and +large give 2^64-1, negative 0. */
    public static long toUInt64(long a, int rm, FpFlags f) {
        return toInteger(a, rm, f, U64);
    }

    private static long saturate(boolean neg, int kind, FpFlags f) {
        f.flags |= NV;
        switch (kind) {
            case I32:
                return neg ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            case U32:
            case U64:
                return neg ? 0 : -1L; // 2^32-1 sign-extended, or 2^64-1
            default:
                return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * Rounds to an integer in the mode, then checks the range: a rounded value that does not
     * fit saturates with NV only (no NX), as in the RISC-V table; NaN saturates to the maximum.
     */
    static long toInteger(long a, int rm, FpFlags f, int kind) {
        long mag = a & MAG;
        boolean neg = a < 0;
        if (mag > INF) {
            return saturate(false, kind, f);
        }
        if (mag >= 0x43F0_0000_0000_0000L) { // |a| >= 2^64, or infinite
            return saturate(neg, kind, f);
        }
        long m; // rounded magnitude, unsigned (up to 2^64 - 2^11)
        boolean inexact = false;
        if (mag == 0) {
            m = 0;
        } else {
            int e = exponent(mag) - 52; // a = sig * 2^e
            long sig = significand(mag);
            if (e >= 0) {
                m = sig << e; // e <= 11 here
            } else {
                int sh = -e;
                long rem;
                long half;
                if (sh <= 53) {
                    m = sig >>> sh;
                    rem = sig & ((1L << sh) - 1);
                    half = 1L << (sh - 1);
                } else { // below one half
                    m = 0;
                    rem = 1;
                    half = 2;
                }
                if (rem != 0) {
                    inexact = true;
                    if (FpCore.roundUp(rm, neg, m & 1, rem, half)) {
                        m++;
                    }
                }
            }
        }
        long result;
        switch (kind) {
            case I32:
                if (Long.compareUnsigned(m, neg ? 0x8000_0000L : 0x7FFF_FFFFL) > 0) {
                    return saturate(neg, kind, f);
                }
                result = neg ? -m : m;
                break;
            case U32:
                if (neg ? m != 0 : Long.compareUnsigned(m, 0xFFFF_FFFFL) > 0) {
                    return saturate(neg, kind, f);
                }
                result = (int) m;
                break;
            case I64:
                if (Long.compareUnsigned(m, neg ? SIGN : Long.MAX_VALUE) > 0) {
                    return saturate(neg, kind, f);
                }
                result = neg ? -m : m;
                break;
            default: // U64
                if (neg && m != 0) {
                    return saturate(neg, kind, f);
                }
                result = m;
        }
        if (inexact) {
            f.flags |= NX;
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------
    // Conversions from integers and between formats

    /** fcvt.d.w: always exact. */
    public static long fromInt32(int v, int rm, FpFlags f) {
        return bits(v);
    }

    /** fcvt.d.wu: always exact. */
    public static long fromUInt32(int v, int rm, FpFlags f) {
        return bits(v & 0xFFFF_FFFFL);
    }

    /** fcvt.d.l. */
    public static long fromInt64(long v, int rm, FpFlags f) {
        if (v == 0) {
            return 0;
        }
        boolean neg = v < 0;
        return FpCore.roundInteger(neg, neg ? -v : v, rm, f, 53, -1022, 11);
    }

    /** fcvt.d.lu. */
    public static long fromUInt64(long v, int rm, FpFlags f) {
        if (v == 0) {
            return 0;
        }
        return FpCore.roundInteger(false, v, rm, f, 53, -1022, 11);
    }

    /** fcvt.s.d: narrowing, rounded in the mode; NaN gives the canonical binary32 NaN. */
    public static int toF32(long a, int rm, FpFlags f) {
        long mag = a & MAG;
        if (mag >= INF) {
            if (mag > INF) {
                if (isSignalling(a)) {
                    f.flags |= NV;
                }
                return F32.CANONICAL_NAN;
            }
            return a < 0 ? F32.NEGATIVE_INFINITY : F32.POSITIVE_INFINITY;
        }
        if (mag == 0) {
            return (int) (a >>> 32);
        }
        if (rm == RNE && (f.flags & NX) != 0) {
            int r = Float.floatToRawIntBits((float) d(a));
            int rmag = r & 0x7FFF_FFFF;
            if (rmag > 0x0080_0000 && rmag < 0x7F80_0000) {
                return r;
            }
        }
        return FpCore.roundToF32(d(a), 0, rm, f);
    }
}
