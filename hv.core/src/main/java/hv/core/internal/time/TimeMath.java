package hv.core.internal.time;

import java.math.BigInteger;

/** Overflow-safe conversions between clocks. */
public final class TimeMath {

    /** Nanoseconds per second. */
    public static final long NS_PER_S = 1_000_000_000L;

    private TimeMath() {
    }

    /** {@code floor(a * b / c)} for non-negative operands, saturating at {@link Long#MAX_VALUE}. */
    public static long mulDiv(long a, long b, long c) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            return lo / c;
        }
        BigInteger r = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c));
        return r.bitLength() < 64 ? r.longValue() : Long.MAX_VALUE;
    }

    /** {@code ceil(a * b / c)} for non-negative operands, saturating. */
    public static long mulDivCeil(long a, long b, long c) {
        long q = mulDiv(a, b, c);
        if (q == Long.MAX_VALUE) {
            return q;
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            return lo % c == 0 ? q : q + 1;
        }
        BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(c));
        return qr[1].signum() == 0 ? q : q + 1;
    }

    /** {@code a + b} for non-negative operands, saturating. */
    public static long addSat(long a, long b) {
        long s = a + b;
        return s < a ? Long.MAX_VALUE : s;
    }
}
