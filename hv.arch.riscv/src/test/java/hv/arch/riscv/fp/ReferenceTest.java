package hv.arch.riscv.fp;

import static hv.arch.riscv.fp.Harness.SAMPLES;
import static hv.arch.riscv.fp.Harness.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Checks the test reference itself where an independent oracle exists: in round-to-nearest its
 * values must equal the JVM's own IEEE 754 arithmetic ({@code double}, {@code float},
 * {@link Math#sqrt}, {@link Math#fma}). Directed modes and flags have no such oracle; they are
 * covered by the hand-worked tables of {@link SpecialValuesTest}.
 */
class ReferenceTest {

    private static boolean nan(double d) {
        return Double.isNaN(d);
    }

    @Test
    void theReferenceRoundsToNearestExactlyLikeTheJvmForDoubles() {
        Gen g = new Gen(SEED + 401, Ref.Fmt.B64);
        Ref.Fmt b = Ref.Fmt.B64;
        for (int i = 0; i < SAMPLES / 10; i++) {
            long[] ab = g.mulPair();
            long[] abc = g.fmaTriple();
            double x = Double.longBitsToDouble(ab[0]);
            double y = Double.longBitsToDouble(ab[1]);
            double u = Double.longBitsToDouble(abc[0]);
            double v = Double.longBitsToDouble(abc[1]);
            double w = Double.longBitsToDouble(abc[2]);
            same("add", x + y, Ref.add(b, ab[0], ab[1]));
            same("mul", x * y, Ref.mul(b, ab[0], ab[1]));
            same("div", x / y, Ref.div(b, ab[0], ab[1]));
            same("sqrt", Math.sqrt(x), Ref.sqrt(b, ab[0]));
            same("fma", Math.fma(u, v, w), Ref.fma(b, abc[0], abc[1], abc[2]));
        }
    }

    @Test
    void theReferenceRoundsToNearestExactlyLikeTheJvmForFloats() {
        Gen g = new Gen(SEED + 402, Ref.Fmt.B32);
        Ref.Fmt b = Ref.Fmt.B32;
        for (int i = 0; i < SAMPLES / 10; i++) {
            long[] ab = g.mulPair();
            long[] abc = g.fmaTriple();
            float x = Float.intBitsToFloat((int) ab[0]);
            float y = Float.intBitsToFloat((int) ab[1]);
            same32("add", x + y, Ref.add(b, ab[0], ab[1]));
            same32("mul", x * y, Ref.mul(b, ab[0], ab[1]));
            same32("div", x / y, Ref.div(b, ab[0], ab[1]));
            same32("sqrt", (float) Math.sqrt(x), Ref.sqrt(b, ab[0]));
            float u = Float.intBitsToFloat((int) abc[0]);
            float v = Float.intBitsToFloat((int) abc[1]);
            float w = Float.intBitsToFloat((int) abc[2]);
            same32("fma", Math.fma(u, v, w), Ref.fma(b, abc[0], abc[1], abc[2]));
            long d = new Gen(g.rnd.nextLong(), Ref.Fmt.B64).any();
            same32("narrow", (float) Double.longBitsToDouble(d), Ref.convert(Ref.Fmt.B64, b, d));
        }
    }

    private static void same(String what, double jvm, Ref.Result[] ref) {
        long r = ref[Ref.RNE].bits();
        if (nan(jvm)) {
            assertEquals(Ref.Fmt.B64.canonicalNaN(), r, what);
        } else {
            assertEquals(Long.toHexString(Double.doubleToRawLongBits(jvm)), Long.toHexString(r), what);
        }
    }

    private static void same32(String what, float jvm, Ref.Result[] ref) {
        long r = ref[Ref.RNE].bits();
        if (Float.isNaN(jvm)) {
            assertEquals(Ref.Fmt.B32.canonicalNaN(), r, what);
        } else {
            assertEquals(Integer.toHexString(Float.floatToRawIntBits(jvm)), Long.toHexString(r), what);
        }
    }
}
