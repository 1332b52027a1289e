package hv.arch.riscv.fp;

import java.util.SplittableRandom;

/**
 * Operand generators for the randomized tests, biased towards the places where floating-point
 * implementations go wrong: special values and their neighbours, subnormals, exponent extremes,
 * sparse significands (exact results and exact ties), cancellation, and operand pairs whose
 * result lands next to a rounding boundary or the underflow/overflow thresholds.
 */
final class Gen {

    final SplittableRandom rnd;
    final Ref.Fmt fmt;
    final int p;
    final int expBits;
    final int bias;
    final long fracMask;
    final long maxExp;

    Gen(long seed, Ref.Fmt fmt) {
        this.rnd = new SplittableRandom(seed);
        this.fmt = fmt;
        this.p = fmt.p;
        this.expBits = fmt.expBits;
        this.bias = 1 - fmt.emin;
        this.fracMask = (1L << (p - 1)) - 1;
        this.maxExp = (1L << expBits) - 1;
    }

    int pct() {
        return rnd.nextInt(100);
    }

    long pack(boolean neg, long biasedExp, long frac) {
        return (neg ? fmt.signBit() : 0) | (biasedExp << (p - 1)) | (frac & fracMask);
    }

    /** A significand fraction field with an interesting shape. */
    long fraction() {
        int k = pct();
        if (k < 40) {
            return rnd.nextLong() & fracMask;
        }
        if (k < 65) { // sparse: a few set bits, so results are often exact or exact ties
            long f = 0;
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                f |= 1L << rnd.nextInt(p - 1);
            }
            return rnd.nextBoolean() ? f : f & -f;
        }
        if (k < 75) { // all ones, or all ones with a hole
            long f = fracMask;
            return rnd.nextBoolean() ? f : f ^ (1L << rnd.nextInt(p - 1));
        }
        if (k < 85) {
            return rnd.nextBoolean() ? 0 : 1;
        }
        // a short random head, the rest zeros: products and quotients often hit boundaries
        int top = 1 + rnd.nextInt(Math.min(26, p - 1));
        return (rnd.nextLong() & ((1L << top) - 1)) << (p - 1 - top);
    }

    /** A biased exponent field (0 for subnormals, never all ones). */
    long exponent() {
        int k = pct();
        if (k < 30) {
            return 1 + rnd.nextLong(maxExp - 1);
        }
        if (k < 50) { // around 1.0
            return clampExp(bias + rnd.nextInt(121) - 60);
        }
        if (k < 68) { // subnormals and the bottom of the normal range
            return rnd.nextInt(4) == 0 ? 0 : rnd.nextLong(Math.min(64, maxExp - 1));
        }
        if (k < 84) { // the top of the range
            return maxExp - 1 - rnd.nextLong(Math.min(64, maxExp - 1));
        }
        return clampExp(bias / 2 + rnd.nextInt(bias) - bias / 2 + (rnd.nextBoolean() ? bias / 2 : -bias / 2));
    }

    long clampExp(long e) {
        return Math.max(0, Math.min(maxExp - 1, e));
    }

    /** One of the special values and their neighbours. */
    long special() {
        long inf = fmt.infinity();
        long[] table = {
            0, 1, 2, fracMask, fracMask - 1, 1L << (p - 1), (1L << (p - 1)) + 1, inf - 1, inf - 2, inf,
            inf | 1L << (p - 2), inf | 1, inf | fracMask, (long) bias << (p - 1), ((long) bias << (p - 1)) + 1,
            ((long) bias << (p - 1)) - 1, (long) (bias + 1) << (p - 1), (long) (bias - 1) << (p - 1),
        };
        long v = table[rnd.nextInt(table.length)];
        if (v > inf && rnd.nextBoolean()) {
            v = inf | (rnd.nextLong() & fracMask);
            if (v == inf) {
                v = inf | 1;
            }
        }
        return rnd.nextBoolean() ? v | fmt.signBit() : v;
    }

    /** Any operand: specials, raw random bits, or shaped finite values. */
    long any() {
        int k = pct();
        if (k < 12) {
            return special();
        }
        if (k < 25) {
            return fmt == Ref.Fmt.B32 ? rnd.nextLong() & 0xFFFF_FFFFL : rnd.nextLong();
        }
        return pack(rnd.nextBoolean(), exponent(), fraction());
    }

    /** A finite nonzero operand. */
    long finite() {
        while (true) {
            long v = any();
            long m = v & (fmt.signBit() - 1);
            if (m != 0 && m < fmt.infinity()) {
                return v;
            }
        }
    }

    /** A finite value with a biased exponent near {@code e} (clamped into the format). */
    long near(long e, int spread) {
        long be = clampExp(e + rnd.nextInt(2 * spread + 1) - spread);
        return pack(rnd.nextBoolean(), be, fraction());
    }

    long biasedExp(long v) {
        return (v >>> (p - 1)) & maxExp;
    }

    /** Moves a finite value a few units in the last place (through zero and subnormals too). */
    long nudge(long v) {
        long sign = v & fmt.signBit();
        long m = v & (fmt.signBit() - 1);
        m += rnd.nextInt(7) - 3;
        if (m < 0) {
            m = 0;
        }
        if (m >= fmt.infinity()) {
            m = fmt.infinity() - 1;
        }
        return sign | m;
    }

    long flipSign(long v) {
        return v ^ fmt.signBit();
    }

    /** Pairs for addition: cancellation, alignment near the precision, carries. */
    long[] addPair() {
        long a = any();
        int k = pct();
        long b;
        if (k < 30) {
            b = any();
        } else if (k < 50) { // near cancellation
            b = nudge(flipSign(a));
        } else if (k < 75) { // b about p bits below a: the round and sticky bits
            long ea = biasedExp(a);
            b = pack(rnd.nextBoolean(), clampExp(ea - p + rnd.nextInt(6) - 3), fraction());
        } else if (k < 82) {
            b = near(biasedExp(a), 3);
        } else if (k < 90) { // half an ulp of a, possibly with a sticky tail: exact ties and near ties
            long ea = Math.max(1, biasedExp(a));
            long frac = rnd.nextBoolean() ? 0 : rnd.nextBoolean() ? 1 : fracMask;
            b = pack(rnd.nextBoolean(), clampExp(ea - p + (rnd.nextInt(4) == 0 ? -1 : 0)), frac);
        } else { // the top of the range, for overflow
            a = pack(rnd.nextBoolean(), maxExp - 1 - rnd.nextInt(2), fraction());
            boolean negA = (a & fmt.signBit()) != 0;
            b = pack(rnd.nextInt(5) == 0 != negA, maxExp - 1 - rnd.nextInt(p + 2), fraction());
        }
        return new long[] {a, b};
    }

    /** A finite nonzero value with an odd significand using all p bits. */
    long oddFull() {
        return pack(rnd.nextBoolean(), 1 + rnd.nextLong(maxExp - 1), fraction() | 1);
    }

    /** The quotient of two values in this format, rounded to nearest. */
    long quotientBits(long a, long b) {
        if (fmt == Ref.Fmt.B64) {
            return Double.doubleToRawLongBits(Double.longBitsToDouble(a) / Double.longBitsToDouble(b));
        }
        return Float.floatToRawIntBits(Float.intBitsToFloat((int) a) / Float.intBitsToFloat((int) b)) & 0xFFFF_FFFFL;
    }

    /** A magnitude at a threshold: smallest normal, largest finite, or a few subnormal units. */
    long threshold() {
        int k = rnd.nextInt(4);
        long v = k == 0 ? 1L << (p - 1) : k == 1 ? fmt.infinity() - 1 : k == 2 ? 1 + rnd.nextInt(8)
                : (1L << (p - 1)) - 1 - rnd.nextInt(4);
        return rnd.nextBoolean() ? v | fmt.signBit() : v;
    }

    /** Pairs for multiplication: products near the subnormal range, overflow, exact ties. */
    long[] mulPair() {
        int k = pct();
        if (k < 30) {
            return new long[] {any(), any()};
        }
        if (k < 38) { // a product within a few units of a threshold: b = threshold / a, nudged
            long a = finite();
            long b = quotientBits(threshold(), a);
            return new long[] {a, finiteBits(b) ? nudge(b) : b};
        }
        if (k < 45) { // odd full significand times 1.5 or 1.25 (scaled): often an exact tie
            long a = oddFull();
            long b = pack(rnd.nextBoolean(), 0, 0);
            long target = rnd.nextInt(3) == 0 ? rnd.nextInt(p + 2) : bias + rnd.nextInt(5) - 2;
            b |= clampExp(Math.max(1, target - biasedExp(a) + bias)) << (p - 1) | (rnd.nextBoolean() ? 1L << (p - 2) : 1L << (p - 3));
            return new long[] {a, b};
        }
        long a = finite();
        long ea = biasedExp(a);
        if (ea == 0) {
            ea = 1;
        }
        long target;
        if (k < 65) { // product around the smallest normal number and below
            target = 1 + rnd.nextInt(p + 8) - p; // biased exponent of the product, roughly
        } else if (k < 85) { // around the overflow threshold
            target = maxExp - 3 + rnd.nextInt(5);
        } else {
            target = bias + rnd.nextInt(9) - 4;
        }
        long eb = target - ea + bias;
        long b = pack(rnd.nextBoolean(), clampExp(eb), fraction());
        return new long[] {a, b};
    }

    /** Pairs for division: quotients near boundaries and thresholds. */
    long[] divPair() {
        int k = pct();
        if (k < 30) {
            return new long[] {any(), any()};
        }
        if (k < 38) { // a quotient within a few units of a threshold: a = threshold * b, nudged
            long b = finite();
            long a = product(threshold(), b);
            return new long[] {finiteBits(a) ? nudge(a) : a, b};
        }
        long b = finite();
        long eb = biasedExp(b);
        if (eb == 0) {
            eb = 1;
        }
        long target;
        if (k < 65) {
            target = 1 + rnd.nextInt(p + 8) - p;
        } else if (k < 85) {
            target = maxExp - 3 + rnd.nextInt(5);
        } else {
            target = bias + rnd.nextInt(9) - 4;
        }
        long ea = target + eb - bias;
        long a;
        if (rnd.nextBoolean()) { // a = b's significand with a few low bits changed: quotient near 1 * 2^k
            a = pack(rnd.nextBoolean(), clampExp(ea), (b & fracMask) + rnd.nextInt(5) - 2);
        } else {
            a = pack(rnd.nextBoolean(), clampExp(ea), fraction());
        }
        return new long[] {a, b};
    }

    /** The product of two values in this format, rounded to nearest (to build related operands). */
    long product(long a, long b) {
        if (fmt == Ref.Fmt.B64) {
            return Double.doubleToRawLongBits(Double.longBitsToDouble(a) * Double.longBitsToDouble(b));
        }
        return Float.floatToRawIntBits(Float.intBitsToFloat((int) a) * Float.intBitsToFloat((int) b)) & 0xFFFF_FFFFL;
    }

    boolean finiteBits(long v) {
        return (v & (fmt.signBit() - 1)) < fmt.infinity();
    }

    /** Square-root operands: near perfect squares, subnormals, extremes. */
    long sqrtOperand() {
        int k = pct();
        if (k < 30) {
            return any();
        }
        if (k < 60) {
            return nudge(pack(rnd.nextInt(10) == 0, exponent(), fraction()));
        }
        long s = pack(false, clampExp(bias + (exponent() - bias) / 2), fraction());
        long sq = product(s, s);
        return finiteBits(sq) ? nudge(sq) : sq;
    }

    /** Triples for fused multiply-add. */
    long[] fmaTriple() {
        int k = pct();
        if (k < 25) {
            return new long[] {any(), any(), any()};
        }
        long[] ab = mulPair();
        long a = ab[0];
        long b = ab[1];
        long prod = product(a, b);
        long c;
        if (k < 55 && finiteBits(prod)) { // cancellation against the rounded product
            c = nudge(flipSign(prod));
            if (rnd.nextBoolean()) { // or against the product with some low bits dropped
                c = c & ~((1L << rnd.nextInt(p - 1)) - 1);
            }
        } else if (k < 75) { // an addend far below the product: sticky bits and ties
            long ep = biasedExp(prod);
            c = pack(rnd.nextBoolean(), clampExp(ep - p - rnd.nextInt(p + 8)), fraction());
        } else if (k < 80) { // c = +-2^E, a*b = half an ulp of c, exactly or with a tail: ties
            long ec = 1 + rnd.nextLong(maxExp - 1);
            if (rnd.nextInt(3) == 0) {
                ec = 1 + rnd.nextInt(p + 2);
            }
            c = pack(rnd.nextBoolean(), ec, 0);
            long tail = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(3) == 0 ? 1 : rnd.nextLong() & fracMask;
            a = pack(rnd.nextBoolean(), bias, tail);
            long eb = ec - p;
            b = eb >= 1 ? pack(rnd.nextBoolean(), eb, 0)
                    : pack(rnd.nextBoolean(), 0, eb > 1 - p ? 1L << (p - 2 + eb) : 1);
        } else if (k < 85) { // around the subnormal range
            c = pack(rnd.nextBoolean(), rnd.nextInt(3), fraction());
        } else {
            c = any();
        }
        return new long[] {a, b, c};
    }
}
