package hv.arch.riscv.fp;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs an operation against the reference on generated operands, in every rounding mode. */
final class Harness {

    /** Samples per operation; raise with -Dhv.fp.samples=... for a deeper run. */
    static final int SAMPLES = Integer.getInteger("hv.fp.samples", 200_000);
    /** Base seed; every test derives its own from it. Override to explore other operands. */
    static final long SEED = Long.getLong("hv.fp.seed", 0x5EED_F10A7L);

    interface Op {
        long apply(long[] operands, int rm, FpFlags f);
    }

    private Harness() {
    }

    /**
     * Checks {@code op} on {@code samples} operand tuples: the result bits and the raised flags
     * must equal the reference's in all five rounding modes, both from clear flags and with NX
     * already set (which takes the fast paths), where the flags must be the reference's plus NX.
     */
    static void check(String name, long resultMask, int samples, Supplier<long[]> operands,
            Function<long[], Ref.Result[]> reference, Op op) {
        List<String> failures = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < samples; i++) {
            long[] x = operands.get();
            Ref.Result[] expected = reference.apply(x);
            for (int rm = 0; rm < 5; rm++) {
                for (int pre : new int[] {0, FpFlags.NX}) {
                    FpFlags f = new FpFlags(pre);
                    long got = op.apply(x, rm, f) & resultMask;
                    long want = expected[rm].bits() & resultMask;
                    int wantFlags = expected[rm].flags() | pre;
                    if (got != want || f.flags != wantFlags) {
                        failed++;
                        if (failures.size() < 25) {
                            failures.add(String.format("%s%s rm=%s%s: got %s %s, want %s %s", name, hex(x, resultMask),
                                    FpRm.name(rm), pre != 0 ? " (NX preset)" : "", hex(got, resultMask),
                                    FpFlags.describe(f.flags), hex(want, resultMask), FpFlags.describe(wantFlags)));
                        }
                    }
                }
            }
        }
        if (failed > 0) {
            fail(failed + " mismatches in " + name + ", first ones:\n  " + String.join("\n  ", failures));
        }
    }

    static String hex(long v, long mask) {
        return mask == 0xFFFF_FFFFL ? String.format("%08x", v & mask) : String.format("%016x", v);
    }

    static String hex(long[] x, long mask) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < x.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(hex(x[i], mask));
        }
        return sb.append(')').toString();
    }
}
