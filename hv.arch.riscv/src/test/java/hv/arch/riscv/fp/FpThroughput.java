package hv.arch.riscv.fp;

import java.util.SplittableRandom;

/**
 * A rough single-thread throughput probe (not a test, not run by the build):
 * {@code java -cp <test and main classes> hv.arch.riscv.fp.FpThroughput [name-filter]}. Each
 * measurement shares one call site, so for figures without megamorphic-call overhead run one
 * name per JVM, e.g. {@code FpThroughput "F64.add  rne steady"}. Operands are random
 * normal numbers; "steady" keeps NX set as it is after a guest's first inexact operation,
 * "clean" clears the flags before every operation (the engine's worst case), and the plain
 * JVM operation is shown for scale.
 */
public final class FpThroughput {

    private static final int N = 4096;
    private static final long[] A = new long[N];
    private static final long[] B = new long[N];
    private static final long[] C = new long[N];
    private static final int[] FA = new int[N];
    private static final int[] FB = new int[N];
    private static final int[] FC = new int[N];
    private static long sink;

    interface Body {
        long run(int i, FpFlags f);
    }

    private FpThroughput() {
    }

    public static void main(String[] args) {
        filter = args.length > 0 ? args[0] : "";
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < N; i++) {
            A[i] = Double.doubleToRawLongBits((1 + r.nextDouble()) * Math.scalb(1.0, r.nextInt(-20, 20)));
            B[i] = Double.doubleToRawLongBits((1 + r.nextDouble()) * Math.scalb(1.0, r.nextInt(-20, 20)));
            C[i] = Double.doubleToRawLongBits((r.nextBoolean() ? 1 : -1) * r.nextDouble());
            FA[i] = Float.floatToRawIntBits((float) Double.longBitsToDouble(A[i]));
            FB[i] = Float.floatToRawIntBits((float) Double.longBitsToDouble(B[i]));
            FC[i] = Float.floatToRawIntBits((float) Double.longBitsToDouble(C[i]));
        }
        for (int round = 0; round < 3; round++) {
            boolean print = round == 2;
            bench(print, "jvm double add", (i, f) -> Double.doubleToRawLongBits(
                    Double.longBitsToDouble(A[i]) + Double.longBitsToDouble(B[i])), false);
            bench(print, "jvm double mul", (i, f) -> Double.doubleToRawLongBits(
                    Double.longBitsToDouble(A[i]) * Double.longBitsToDouble(B[i])), false);
            for (int rm : new int[] {FpRm.RNE, FpRm.RTZ}) {
                String m = FpRm.name(rm);
                for (boolean clean : new boolean[] {false, true}) {
                    String s = m + (clean ? " clean " : " steady");
                    bench(print, "F64.add  " + s, (i, f) -> F64.add(A[i], B[i], rm, f), clean);
                    bench(print, "F64.mul  " + s, (i, f) -> F64.mul(A[i], B[i], rm, f), clean);
                    bench(print, "F64.div  " + s, (i, f) -> F64.div(A[i], B[i], rm, f), clean);
                    bench(print, "F64.sqrt " + s, (i, f) -> F64.sqrt(A[i], rm, f), clean);
                    bench(print, "F64.fma  " + s, (i, f) -> F64.fma(A[i], B[i], C[i], rm, f), clean);
                    bench(print, "F32.add  " + s, (i, f) -> F32.add(FA[i], FB[i], rm, f), clean);
                    bench(print, "F32.mul  " + s, (i, f) -> F32.mul(FA[i], FB[i], rm, f), clean);
                    bench(print, "F32.fma  " + s, (i, f) -> F32.fma(FA[i], FB[i], FC[i], rm, f), clean);
                }
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static String filter = "";

    private static void bench(boolean print, String name, Body body, boolean clean) {
        if (!name.contains(filter)) {
            return;
        }
        FpFlags f = new FpFlags(FpFlags.NX);
        long acc = 0;
        long ops = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + 300_000_000L;
        long t;
        do {
            for (int rep = 0; rep < 64; rep++) {
                for (int i = 0; i < N; i++) {
                    if (clean) {
                        f.flags = 0;
                    }
                    acc += body.run(i, f);
                }
            }
            ops += 64L * N;
            t = System.nanoTime();
        } while (t < deadline);
        sink ^= acc + f.flags;
        if (print) {
            System.out.printf("%-24s %7.1f Mops/s%n", name, ops * 1e3 / (t - t0));
        }
    }
}
