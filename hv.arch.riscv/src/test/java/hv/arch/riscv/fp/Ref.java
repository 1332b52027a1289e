package hv.arch.riscv.fp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Reference IEEE 754 / RISC-V arithmetic for the tests, written independently of the
 * production code: the exact value of an operation in {@link BigDecimal}, and a rounding to
 * binary64 or binary32 in a rounding mode that goes through integers and powers of two only.
 * Slow but obviously right: every decision is a comparison of exact numbers.
 */
final class Ref {

    static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;
    static final int NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;

    /** A binary interchange format. */
    enum Fmt {
        B64(53, -1022, 1023, 11), B32(24, -126, 127, 8);

        final int p, emin, emax, expBits;

        Fmt(int p, int emin, int emax, int expBits) {
            this.p = p;
            this.emin = emin;
            this.emax = emax;
            this.expBits = expBits;
        }

        long signBit() {
            return 1L << (p - 1 + expBits);
        }

        long infinity() {
            return ((1L << expBits) - 1) << (p - 1);
        }

        long canonicalNaN() {
            return infinity() | 1L << (p - 2);
        }
    }

    /** Where the discarded fraction lies. */
    static final int EXACT = 0, BELOW_HALF = 1, HALF = 2, ABOVE_HALF = 3;

    /** floor(|V| * 2^k) and the class of the discarded fraction. */
    record Scaled(BigInteger n, int frac) {
    }

    /** The magnitude of a nonzero exact real value, able to scale and truncate itself exactly. */
    interface Magnitude {
        Scaled scaled(int k);

        /** A rough log2 of the value (within a few units). */
        int log2Estimate();
    }

    /** Result bits (binary32 in the low 32 bits) and the flags raised. */
    record Result(long bits, int flags) {
    }

    // ------------------------------------------------------------------------------------------
    // Exact values

    /**
     * An exact dyadic value {@code n * 2^e}, {@code n} an integer held in a BigDecimal of scale
     * 0. Binary floating-point values and the exact results of additions, multiplications and
     * fused multiply-adds are all of this form; keeping the power of two apart keeps the
     * BigDecimal arithmetic on integers (fast) instead of long decimal fractions.
     */
    record Dyadic(BigDecimal n, int e) {
        int signum() {
            return n.signum();
        }

        Dyadic add(Dyadic o) {
            int m = Math.min(e, o.e);
            return new Dyadic(shl(n, e - m).add(shl(o.n, o.e - m)), m);
        }

        Dyadic multiply(Dyadic o) {
            return new Dyadic(n.multiply(o.n), e + o.e);
        }

        /** The same value as a plain (decimal) BigDecimal. */
        BigDecimal toBigDecimal() {
            return e >= 0 ? shl(n, e) : n.multiply(pow2(e));
        }
    }

    private static final int POW_RANGE = 5000;
    private static final BigDecimal[] POW2 = new BigDecimal[2 * POW_RANGE + 1];

    /** 2^k exactly (an integer for k >= 0, a terminating decimal fraction below). */
    static BigDecimal pow2(int k) {
        if (k < -POW_RANGE || k > POW_RANGE) {
            return k >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(k))
                    : new BigDecimal(BigInteger.valueOf(5).pow(-k), -k);
        }
        BigDecimal v = POW2[k + POW_RANGE];
        if (v == null) {
            v = k >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(k)) : new BigDecimal(BigInteger.valueOf(5).pow(-k), -k);
            POW2[k + POW_RANGE] = v;
        }
        return v;
    }

    /** n * 2^k for an integer n and k >= 0. */
    static BigDecimal shl(BigDecimal n, int k) {
        return k == 0 ? n : n.multiply(pow2(k));
    }




    /** The magnitude of an exact nonzero dyadic value. */
    static Magnitude exact(Dyadic v) {
        BigInteger n = v.n().toBigIntegerExact().abs();
        int e = v.e();
        return new Magnitude() {
            @Override
            public Scaled scaled(int k) {
                int j = e + k;
                if (j >= 0) {
                    return new Scaled(n.shiftLeft(j), EXACT);
                }
                // floor(n / 2^s) and the discarded bits n mod 2^s against 2^(s-1)
                int s = -j;
                int low = n.getLowestSetBit();
                int frac = low >= s ? EXACT : !n.testBit(s - 1) ? BELOW_HALF : low == s - 1 ? HALF : ABOVE_HALF;
                return new Scaled(n.shiftRight(s), frac);
            }

            @Override
            public int log2Estimate() {
                return n.bitLength() - 1 + e;
            }
        };
    }

    /** |x / y| for nonzero x, y: floor((nx * 2^ex / (ny * 2^ey)) * 2^k) by one integer division. */
    static Magnitude quotient(Dyadic x, Dyadic y) {
        BigInteger nx = x.n().toBigIntegerExact().abs();
        BigInteger ny = y.n().toBigIntegerExact().abs();
        return new Magnitude() {
            @Override
            public Scaled scaled(int k) {
                int j = x.e() - y.e() + k;
                BigInteger num = j >= 0 ? nx.shiftLeft(j) : nx;
                BigInteger den = j >= 0 ? ny : ny.shiftLeft(-j);
                BigInteger[] qr = num.divideAndRemainder(den);
                int c = qr[1].shiftLeft(1).compareTo(den);
                int frac = qr[1].signum() == 0 ? EXACT : c < 0 ? BELOW_HALF : c == 0 ? HALF : ABOVE_HALF;
                return new Scaled(qr[0], frac);
            }

            @Override
            public int log2Estimate() {
                return nx.bitLength() + x.e() - ny.bitLength() - y.e();
            }
        };
    }

    /** sqrt(x) for positive x: floor(sqrt(x) * 2^k) = floor(sqrt(floor(x * 4^k))). */
    static Magnitude sqrt(Dyadic x) {
        BigInteger nx = x.n().toBigIntegerExact();
        return new Magnitude() {
            @Override
            public Scaled scaled(int k) {
                // Y = (sqrt(x) * 2^k)^2 = num / 2^s
                int j = x.e() + 2 * k;
                BigInteger num = j >= 0 ? nx.shiftLeft(j) : nx;
                int s = j >= 0 ? 0 : -j;
                BigInteger n = num.shiftRight(s).sqrt();
                BigInteger nn = n.multiply(n);
                if (num.equals(nn.shiftLeft(s))) {
                    return new Scaled(n, EXACT);
                }
                // Y against (n + 1/2)^2: 4 num against (4n^2 + 4n + 1) 2^s
                BigInteger mid = nn.add(n).shiftLeft(2).add(BigInteger.ONE).shiftLeft(s);
                int c = num.shiftLeft(2).compareTo(mid);
                return new Scaled(n, c < 0 ? BELOW_HALF : c == 0 ? HALF : ABOVE_HALF);
            }

            @Override
            public int log2Estimate() {
                return (nx.bitLength() + x.e()) / 2;
            }
        };
    }

    // ------------------------------------------------------------------------------------------
    // Rounding

    /** The rounding-mode independent facts about a value, computed once for all five modes. */
    record Prepared(Fmt fmt, int exp, Scaled unbounded, Scaled bounded) {
    }

    /** floor(log2 |V|). */
    static int log2(Magnitude m) {
        int est = m.log2Estimate();
        while (true) {
            int k = 64 - est;
            Scaled s = m.scaled(k);
            if (s.n().signum() > 0) {
                return s.n().bitLength() - 1 - k;
            }
            est -= 200;
        }
    }

    static Prepared prepare(Fmt fmt, Magnitude m) {
        int e = log2(m);
        Scaled u = m.scaled(fmt.p - 1 - e);
        Scaled b = e >= fmt.emin ? u : m.scaled(fmt.p - 1 - fmt.emin);
        return new Prepared(fmt, e, u, b);
    }

    static boolean increment(int rm, boolean neg, BigInteger n, int frac) {
        return switch (rm) {
            case RNE -> frac == ABOVE_HALF || (frac == HALF && n.testBit(0));
            case RTZ -> false;
            case RDN -> neg && frac != EXACT;
            case RUP -> !neg && frac != EXACT;
            case RMM -> frac == HALF || frac == ABOVE_HALF;
            default -> throw new IllegalArgumentException("rm " + rm);
        };
    }

    /** Rounds the prepared nonzero value with the given sign in a mode. */
    static Result round(Prepared pr, boolean neg, int rm) {
        Fmt fmt = pr.fmt();
        long sign = neg ? fmt.signBit() : 0;
        // With an unbounded exponent: overflow and tininess are decided on this value.
        BigInteger nu = pr.unbounded().n();
        if (increment(rm, neg, nu, pr.unbounded().frac())) {
            nu = nu.add(BigInteger.ONE);
        }
        int eu = nu.bitLength() > fmt.p ? pr.exp() + 1 : pr.exp();
        if (eu > fmt.emax) {
            boolean toInf = switch (rm) {
                case RNE, RMM -> true;
                case RTZ -> false;
                case RDN -> neg;
                default -> !neg;
            };
            return new Result(sign | (toInf ? fmt.infinity() : fmt.infinity() - 1), OF | NX);
        }
        boolean tiny = eu < fmt.emin;
        // With the format's exponent range: the quantum is that of the value's binade, or the
        // subnormal quantum below the normal range.
        int q = Math.max(pr.exp(), fmt.emin) - (fmt.p - 1);
        BigInteger n = pr.bounded().n();
        if (increment(rm, neg, n, pr.bounded().frac())) {
            n = n.add(BigInteger.ONE);
        }
        boolean inexact = pr.bounded().frac() != EXACT;
        int flags = inexact ? (tiny ? NX | UF : NX) : 0;
        return new Result(sign | encode(fmt, n, q), flags);
    }

    /** Bits of the magnitude n * 2^q, which is representable. */
    static long encode(Fmt fmt, BigInteger n, int q) {
        if (n.signum() == 0) {
            return 0;
        }
        int lead = n.bitLength() - 1;
        int e = q + lead;
        if (e < fmt.emin) { // subnormal: q is the subnormal quantum
            if (q != fmt.emin - fmt.p + 1) {
                throw new AssertionError("bad subnormal quantum");
            }
            return n.longValueExact();
        }
        BigInteger sig = lead >= fmt.p - 1 ? n.shiftRight(lead - (fmt.p - 1)) : n.shiftLeft(fmt.p - 1 - lead);
        if (!sig.shiftLeft(Math.max(0, lead - (fmt.p - 1))).equals(n.shiftLeft(Math.max(0, fmt.p - 1 - lead)))) {
            throw new AssertionError("not representable");
        }
        long frac = sig.longValueExact() - (1L << (fmt.p - 1));
        long biased = e + (1 - fmt.emin);
        return biased << (fmt.p - 1) | frac;
    }

    /** Rounds an exact real value (nonzero) of the given sign in all five modes. */
    static Result[] roundAll(Fmt fmt, boolean neg, Magnitude m) {
        Prepared pr = prepare(fmt, m);
        Result[] r = new Result[5];
        for (int rm = 0; rm < 5; rm++) {
            r[rm] = round(pr, neg, rm);
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------
    // Operand decoding

    /** A format value, given as bits, decoded exactly. */
    static final class Val {
        final Fmt fmt;
        final long bits;

        Val(Fmt fmt, long bits) {
            this.fmt = fmt;
            this.bits = fmt == Fmt.B32 ? bits & 0xFFFF_FFFFL : bits;
        }

        long mag() {
            return bits & (fmt.signBit() - 1);
        }

        boolean neg() {
            return (bits & fmt.signBit()) != 0;
        }

        boolean nan() {
            return mag() > fmt.infinity();
        }

        boolean snan() {
            return nan() && (bits & 1L << (fmt.p - 2)) == 0;
        }

        boolean inf() {
            return mag() == fmt.infinity();
        }

        boolean zero() {
            return mag() == 0;
        }

        /** The exact value of a finite operand, from its fields. */
        Dyadic value() {
            long m = mag();
            long exp = m >>> (fmt.p - 1);
            long frac = m & ((1L << (fmt.p - 1)) - 1);
            long sig = exp == 0 ? frac : frac | 1L << (fmt.p - 1);
            int e = (exp == 0 ? fmt.emin : (int) exp - (1 - fmt.emin)) - (fmt.p - 1);
            return new Dyadic(BigDecimal.valueOf(neg() ? -sig : sig), e);
        }
    }

    private static Result[] all(long bits, int flags) {
        Result r = new Result(bits, flags);
        return new Result[] {r, r, r, r, r};
    }

    private static Result[] nan(Fmt fmt, int flags) {
        return all(fmt.canonicalNaN(), flags);
    }

    /** A signed zero per mode: {@code sign} for RNE..RMM except RDN uses {@code rdnSign}. */
    private static Result[] zeros(Fmt fmt, boolean neg, boolean negInRdn) {
        Result[] r = new Result[5];
        for (int rm = 0; rm < 5; rm++) {
            boolean n = rm == RDN ? negInRdn : neg;
            r[rm] = new Result(n ? fmt.signBit() : 0, 0);
        }
        return r;
    }

    private static Result[] rounded(Fmt fmt, Dyadic v) {
        return roundAll(fmt, v.signum() < 0, exact(v));
    }

    // ------------------------------------------------------------------------------------------
    // Operations: results for rm = 0..4

    static Result[] add(Fmt fmt, long a, long b) {
        Val x = new Val(fmt, a);
        Val y = new Val(fmt, b);
        if (x.nan() || y.nan()) {
            return nan(fmt, x.snan() || y.snan() ? NV : 0);
        }
        if (x.inf() && y.inf() && x.neg() != y.neg()) {
            return nan(fmt, NV);
        }
        if (x.inf()) {
            return all(x.bits, 0);
        }
        if (y.inf()) {
            return all(y.bits, 0);
        }
        Dyadic v = x.value().add(y.value());
        if (v.signum() == 0) {
            if (x.zero() && y.zero() && x.neg() == y.neg()) {
                return zeros(fmt, x.neg(), x.neg());
            }
            return zeros(fmt, false, true);
        }
        return rounded(fmt, v);
    }

    static Result[] sub(Fmt fmt, long a, long b) {
        return add(fmt, a, b ^ fmt.signBit());
    }

    static Result[] mul(Fmt fmt, long a, long b) {
        Val x = new Val(fmt, a);
        Val y = new Val(fmt, b);
        boolean neg = x.neg() != y.neg();
        if (x.nan() || y.nan()) {
            return nan(fmt, x.snan() || y.snan() ? NV : 0);
        }
        if (x.inf() || y.inf()) {
            if (x.zero() || y.zero()) {
                return nan(fmt, NV);
            }
            return all((neg ? fmt.signBit() : 0) | fmt.infinity(), 0);
        }
        if (x.zero() || y.zero()) {
            return zeros(fmt, neg, neg);
        }
        return rounded(fmt, x.value().multiply(y.value()));
    }

    static Result[] div(Fmt fmt, long a, long b) {
        Val x = new Val(fmt, a);
        Val y = new Val(fmt, b);
        boolean neg = x.neg() != y.neg();
        long sign = neg ? fmt.signBit() : 0;
        if (x.nan() || y.nan()) {
            return nan(fmt, x.snan() || y.snan() ? NV : 0);
        }
        if (x.inf() && y.inf() || x.zero() && y.zero()) {
            return nan(fmt, NV);
        }
        if (x.inf()) {
            return all(sign | fmt.infinity(), 0);
        }
        if (y.inf()) {
            return zeros(fmt, neg, neg);
        }
        if (y.zero()) {
            return all(sign | fmt.infinity(), DZ);
        }
        if (x.zero()) {
            return zeros(fmt, neg, neg);
        }
        return roundAll(fmt, neg, quotient(x.value(), y.value()));
    }

    static Result[] sqrt(Fmt fmt, long a) {
        Val x = new Val(fmt, a);
        if (x.nan()) {
            return nan(fmt, x.snan() ? NV : 0);
        }
        if (x.zero()) {
            return all(x.bits, 0);
        }
        if (x.neg()) {
            return nan(fmt, NV);
        }
        if (x.inf()) {
            return all(x.bits, 0);
        }
        return roundAll(fmt, false, sqrt(x.value()));
    }

    static Result[] fma(Fmt fmt, long a, long b, long c) {
        Val x = new Val(fmt, a);
        Val y = new Val(fmt, b);
        Val z = new Val(fmt, c);
        boolean infTimesZero = x.inf() && y.zero() || x.zero() && y.inf();
        if (x.nan() || y.nan() || z.nan()) {
            return nan(fmt, x.snan() || y.snan() || z.snan() || infTimesZero ? NV : 0);
        }
        if (infTimesZero) {
            return nan(fmt, NV);
        }
        boolean negP = x.neg() != y.neg();
        if (x.inf() || y.inf()) {
            if (z.inf() && z.neg() != negP) {
                return nan(fmt, NV);
            }
            return all((negP ? fmt.signBit() : 0) | fmt.infinity(), 0);
        }
        if (z.inf()) {
            return all(z.bits, 0);
        }
        Dyadic v = x.value().multiply(y.value()).add(z.value());
        if (v.signum() == 0) {
            boolean productZero = x.zero() || y.zero();
            if (productZero && z.zero() && negP == z.neg()) {
                return zeros(fmt, negP, negP);
            }
            return zeros(fmt, false, true);
        }
        return rounded(fmt, v);
    }

    /** Narrowing or widening conversion between the formats. */
    static Result[] convert(Fmt from, Fmt to, long a) {
        Val x = new Val(from, a);
        if (x.nan()) {
            return nan(to, x.snan() ? NV : 0);
        }
        long sign = x.neg() ? to.signBit() : 0;
        if (x.inf()) {
            return all(sign | to.infinity(), 0);
        }
        if (x.zero()) {
            return all(sign, 0);
        }
        return rounded(to, x.value());
    }

    /** Integer to float; {@code v} is the exact integer. */
    static Result[] fromInteger(Fmt fmt, BigInteger v) {
        if (v.signum() == 0) {
            return all(0, 0);
        }
        return rounded(fmt, new Dyadic(new BigDecimal(v), 0));
    }

    static final int I32 = 0, U32 = 1, I64 = 2, U64 = 3;

    /** Float to integer, as the 64-bit register value (32-bit results sign-extended). */
    static Result[] toInteger(Fmt fmt, long a, int kind) {
        Val x = new Val(fmt, a);
        BigInteger lo = switch (kind) {
            case I32 -> BigInteger.valueOf(Integer.MIN_VALUE);
            case I64 -> BigInteger.valueOf(Long.MIN_VALUE);
            default -> BigInteger.ZERO;
        };
        BigInteger hi = switch (kind) {
            case I32 -> BigInteger.valueOf(Integer.MAX_VALUE);
            case U32 -> BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
            case I64 -> BigInteger.valueOf(Long.MAX_VALUE);
            default -> BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        };
        if (x.nan()) {
            return all(register(hi, kind), NV);
        }
        if (x.inf()) {
            return all(register(x.neg() ? lo : hi, kind), NV);
        }
        BigDecimal v = x.value().toBigDecimal();
        Result[] r = new Result[5];
        RoundingMode[] modes = {RoundingMode.HALF_EVEN, RoundingMode.DOWN, RoundingMode.FLOOR,
            RoundingMode.CEILING, RoundingMode.HALF_UP};
        for (int rm = 0; rm < 5; rm++) {
            BigInteger n = v.setScale(0, modes[rm]).toBigIntegerExact();
            if (n.compareTo(lo) < 0) {
                r[rm] = new Result(register(lo, kind), NV);
            } else if (n.compareTo(hi) > 0) {
                r[rm] = new Result(register(hi, kind), NV);
            } else {
                r[rm] = new Result(register(n, kind), new BigDecimal(n).compareTo(v) == 0 ? 0 : NX);
            }
        }
        return r;
    }

    /** The RV64 register image of an integer result. */
    private static long register(BigInteger n, int kind) {
        long v = n.longValue(); // low 64 bits
        return kind == I32 || kind == U32 ? (int) v : v;
    }
}
