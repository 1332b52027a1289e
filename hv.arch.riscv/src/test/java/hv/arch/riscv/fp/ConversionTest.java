package hv.arch.riscv.fp;

import static hv.arch.riscv.fp.Harness.SAMPLES;
import static hv.arch.riscv.fp.Harness.SEED;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

/**
 * Conversions between the formats and to and from integers, against the exact reference in
 * every rounding mode: rounded values, saturation and flags, and RV64 register images
 * (32-bit integer results sign-extended).
 */
class ConversionTest {

    private static final Ref.Fmt B64 = Ref.Fmt.B64;
    private static final Ref.Fmt B32 = Ref.Fmt.B32;
    private static final long ALL = -1L;
    private static final long LOW32 = 0xFFFF_FFFFL;

    /** Floats around the integer ranges: halfway points, saturation thresholds, small fractions. */
    private static LongSupplier floatsForIntegers(Gen g) {
        return () -> {
            int k = g.pct();
            if (k < 40) {
                return g.any();
            }
            // a value of magnitude about 2^j, j in [-3, 66], with a sparse or random fraction
            long biased = g.bias + g.rnd.nextInt(70) - 3;
            long v = g.pack(g.rnd.nextBoolean(), biased, g.fraction());
            return k < 70 ? v : g.nudge(v);
        };
    }

    /** Integers: edges of the int/long ranges, powers of two and their neighbours, random. */
    private static long integer(SplittableRandom r) {
        int k = r.nextInt(100);
        if (k < 20) {
            long[] edges = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF_FFFFL, Long.MAX_VALUE,
                Long.MIN_VALUE, -2, 1L << 24, (1L << 24) + 1, 1L << 53, (1L << 53) + 1, (1L << 53) - 1};
            return edges[r.nextInt(edges.length)] + (r.nextInt(3) - 1) * (r.nextBoolean() ? 1 : 0);
        }
        if (k < 60) { // a power of two plus a small offset or a half-way pattern
            int j = r.nextInt(64);
            long v = 1L << j;
            int m = r.nextInt(4);
            if (m == 0) {
                v += r.nextInt(9) - 4;
            } else if (m == 1) {
                v += v >>> 24; // halfway for binary32 at this magnitude
            } else if (m == 2) {
                v += v >>> 53;
            } else {
                v |= r.nextLong() & (v - 1) & ~((1L << r.nextInt(Math.max(1, j))) - 1);
            }
            return r.nextBoolean() ? -v : v;
        }
        return r.nextInt(3) == 0 ? r.nextInt() : r.nextLong();
    }

    private static void toIntegers(String name, Ref.Fmt fmt, long seed, boolean f64) {
        Gen g = new Gen(seed, fmt);
        LongSupplier src = floatsForIntegers(g);
        String[] kinds = {"toInt32", "toUInt32", "toInt64", "toUInt64"};
        for (int kind = 0; kind < 4; kind++) {
            int kd = kind;
            Harness.Op op = f64
                    ? switch (kd) {
                        case 0 -> (x, rm, f) -> F64.toInt32(x[0], rm, f);
                        case 1 -> (x, rm, f) -> F64.toUInt32(x[0], rm, f);
                        case 2 -> (x, rm, f) -> F64.toInt64(x[0], rm, f);
                        default -> (x, rm, f) -> F64.toUInt64(x[0], rm, f);
                    }
                    : switch (kd) {
                        case 0 -> (x, rm, f) -> F32.toInt32((int) x[0], rm, f);
                        case 1 -> (x, rm, f) -> F32.toUInt32((int) x[0], rm, f);
                        case 2 -> (x, rm, f) -> F32.toInt64((int) x[0], rm, f);
                        default -> (x, rm, f) -> F32.toUInt64((int) x[0], rm, f);
                    };
            Harness.check(name + "." + kinds[kind], ALL, SAMPLES / 4, () -> new long[] {src.getAsLong()},
                    x -> Ref.toInteger(fmt, x[0], kd), op);
        }
    }

    @Test
    void doublesConvertToEveryIntegerTypeWithRoundingSaturationAndFlags() {
        toIntegers("F64", B64, SEED + 201, true);
    }

    @Test
    void floatsConvertToEveryIntegerTypeWithRoundingSaturationAndFlags() {
        toIntegers("F32", B32, SEED + 202, false);
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    @Test
    void integersConvertToDoublesRoundedInEveryMode() {
        SplittableRandom r = new SplittableRandom(SEED + 203);
        int n = SAMPLES / 4;
        Harness.check("F64.fromInt32", ALL, n / 4, () -> new long[] {integer(r)},
                x -> Ref.fromInteger(B64, BigInteger.valueOf((int) x[0])), (x, rm, f) -> F64.fromInt32((int) x[0], rm, f));
        Harness.check("F64.fromUInt32", ALL, n / 4, () -> new long[] {integer(r)},
                x -> Ref.fromInteger(B64, BigInteger.valueOf(x[0] & LOW32)), (x, rm, f) -> F64.fromUInt32((int) x[0], rm, f));
        Harness.check("F64.fromInt64", ALL, n, () -> new long[] {integer(r)},
                x -> Ref.fromInteger(B64, BigInteger.valueOf(x[0])), (x, rm, f) -> F64.fromInt64(x[0], rm, f));
        Harness.check("F64.fromUInt64", ALL, n, () -> new long[] {integer(r)},
                x -> Ref.fromInteger(B64, unsigned(x[0])), (x, rm, f) -> F64.fromUInt64(x[0], rm, f));
    }

    @Test
    void integersConvertToFloatsRoundedInEveryMode() {
        SplittableRandom r = new SplittableRandom(SEED + 204);
        int n = SAMPLES / 4;
        Harness.check("F32.fromInt32", LOW32, n, () -> new long[] {integer(r)},
                x -> Ref.fromInteger(B32, BigInteger.valueOf((int) x[0])), (x, rm, f) -> F32.fromInt32((int) x[0], rm, f));
        Harness.check("F32.fromUInt32", LOW32, n, () -> new long[] {integer(r)},
                x -> Ref.fromInteger(B32, BigInteger.valueOf(x[0] & LOW32)), (x, rm, f) -> F32.fromUInt32((int) x[0], rm, f));
        Harness.check("F32.fromInt64", LOW32, n, () -> new long[] {integer(r)},
                x -> Ref.fromInteger(B32, BigInteger.valueOf(x[0])), (x, rm, f) -> F32.fromInt64(x[0], rm, f));
        Harness.check("F32.fromUInt64", LOW32, n, () -> new long[] {integer(r)},
                x -> Ref.fromInteger(B32, unsigned(x[0])), (x, rm, f) -> F32.fromUInt64(x[0], rm, f));
    }

    @Test
    void doublesNarrowToFloatsRoundedInEveryModeWithUnderflowAndOverflow() {
        Gen g = new Gen(SEED + 205, B64);
        LongSupplier src = () -> {
            int k = g.pct();
            if (k < 40) {
                return g.any();
            }
            // exponents around binary32's range: its subnormals, its top, and beyond
            long[] centres = {1023 - 126, 1023 - 149, 1023 + 127, 1023 - 150, 1023};
            long v = g.near(centres[g.rnd.nextInt(centres.length)], 26);
            return k < 75 ? v : g.nudge(v);
        };
        Harness.check("F64.toF32", LOW32, SAMPLES, () -> new long[] {src.getAsLong()},
                x -> Ref.convert(B64, B32, x[0]), (x, rm, f) -> F64.toF32(x[0], rm, f));
    }

    @Test
    void floatsWidenToDoublesExactly() {
        Gen g = new Gen(SEED + 206, B32);
        Harness.check("F32.toF64", ALL, SAMPLES / 4, () -> new long[] {g.any()},
                x -> Ref.convert(B32, B64, x[0]), (x, rm, f) -> F32.toF64((int) x[0], f));
    }
}
