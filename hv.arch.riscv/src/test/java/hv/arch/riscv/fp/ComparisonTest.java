package hv.arch.riscv.fp;

import static hv.arch.riscv.fp.Harness.SAMPLES;
import static hv.arch.riscv.fp.Harness.SEED;

import org.junit.jupiter.api.Test;

/**
 * fmin/fmax, feq/flt/fle and fclass on random operands against a reference that orders the
 * exact values, for both formats. Pairs are often equal in magnitude or value so that the
 * signed-zero and equality paths are exercised.
 */
class ComparisonTest {

    /** Pairs that are often equal, opposite, or neighbours. */
    private static long[] pair(Gen g) {
        long a = g.any();
        int k = g.pct();
        long b = k < 40 ? g.any() : k < 55 ? a : k < 70 ? g.flipSign(a) : g.nudge(a);
        return new long[] {a, b};
    }

    /** -1, 0, 1 comparing two non-NaN values by their exact value. */
    private static int compare(Ref.Fmt fmt, long a, long b) {
        Ref.Val x = new Ref.Val(fmt, a);
        Ref.Val y = new Ref.Val(fmt, b);
        if (x.inf() || y.inf()) {
            double dx = x.inf() ? (x.neg() ? -1 : 1) : 0;
            double dy = y.inf() ? (y.neg() ? -1 : 1) : 0;
            if (dx != dy) {
                return Double.compare(dx, dy);
            }
            if (dx != 0) {
                return 0; // same infinity
            }
        }
        Ref.Dyadic dy = y.value();
        return x.value().add(new Ref.Dyadic(dy.n().negate(), dy.e())).signum();
    }

    private static Ref.Result[] minMax(Ref.Fmt fmt, long a, long b, boolean max) {
        Ref.Val x = new Ref.Val(fmt, a);
        Ref.Val y = new Ref.Val(fmt, b);
        int nv = x.snan() || y.snan() ? Ref.NV : 0;
        long r;
        if (x.nan() && y.nan()) {
            r = fmt.canonicalNaN();
        } else if (x.nan()) {
            r = y.bits;
        } else if (y.nan()) {
            r = x.bits;
        } else {
            int c = compare(fmt, a, b);
            if (c == 0 && x.zero() && y.zero()) { // -0 is below +0
                c = x.neg() == y.neg() ? 0 : x.neg() ? -1 : 1;
            }
            r = (max ? c >= 0 : c <= 0) ? x.bits : y.bits;
        }
        Ref.Result res = new Ref.Result(r, nv);
        return new Ref.Result[] {res, res, res, res, res};
    }

    private static Ref.Result[] relation(Ref.Fmt fmt, long a, long b, int which) {
        Ref.Val x = new Ref.Val(fmt, a);
        Ref.Val y = new Ref.Val(fmt, b);
        Ref.Result res;
        if (x.nan() || y.nan()) {
            boolean signal = which != 0 || x.snan() || y.snan();
            res = new Ref.Result(0, signal ? Ref.NV : 0);
        } else {
            int c = compare(fmt, a, b);
            boolean v = which == 0 ? c == 0 : which == 1 ? c < 0 : c <= 0;
            res = new Ref.Result(v ? 1 : 0, 0);
        }
        return new Ref.Result[] {res, res, res, res, res};
    }

    private static Ref.Result[] fclass(Ref.Fmt fmt, long a) {
        Ref.Val x = new Ref.Val(fmt, a);
        int bit;
        if (x.nan()) {
            bit = x.snan() ? 8 : 9;
        } else if (x.inf()) {
            bit = x.neg() ? 0 : 7;
        } else if (x.zero()) {
            bit = x.neg() ? 3 : 4;
        } else if (x.mag() < 1L << (fmt.p - 1)) {
            bit = x.neg() ? 2 : 5;
        } else {
            bit = x.neg() ? 1 : 6;
        }
        Ref.Result res = new Ref.Result(1L << bit, 0);
        return new Ref.Result[] {res, res, res, res, res};
    }

    private static long bool(boolean v) {
        return v ? 1 : 0;
    }

    @Test
    void doubleMinimumMaximumAndComparisonsAgreeWithTheExactOrder() {
        Ref.Fmt b = Ref.Fmt.B64;
        Gen g = new Gen(SEED + 301, b);
        int n = SAMPLES / 8;
        Harness.check("F64.min", -1L, n, () -> pair(g), x -> minMax(b, x[0], x[1], false), (x, rm, f) -> F64.min(x[0], x[1], f));
        Harness.check("F64.max", -1L, n, () -> pair(g), x -> minMax(b, x[0], x[1], true), (x, rm, f) -> F64.max(x[0], x[1], f));
        Harness.check("F64.eq", -1L, n, () -> pair(g), x -> relation(b, x[0], x[1], 0),
                (x, rm, f) -> bool(F64.eq(x[0], x[1], f)));
        Harness.check("F64.lt", -1L, n, () -> pair(g), x -> relation(b, x[0], x[1], 1),
                (x, rm, f) -> bool(F64.lt(x[0], x[1], f)));
        Harness.check("F64.le", -1L, n, () -> pair(g), x -> relation(b, x[0], x[1], 2),
                (x, rm, f) -> bool(F64.le(x[0], x[1], f)));
        Harness.check("F64.classify", -1L, n, () -> new long[] {g.any()}, x -> fclass(b, x[0]),
                (x, rm, f) -> F64.classify(x[0]));
    }

    @Test
    void floatMinimumMaximumAndComparisonsAgreeWithTheExactOrder() {
        Ref.Fmt b = Ref.Fmt.B32;
        long m = 0xFFFF_FFFFL;
        Gen g = new Gen(SEED + 302, b);
        int n = SAMPLES / 8;
        Harness.check("F32.min", m, n, () -> pair(g), x -> minMax(b, x[0], x[1], false),
                (x, rm, f) -> F32.min((int) x[0], (int) x[1], f));
        Harness.check("F32.max", m, n, () -> pair(g), x -> minMax(b, x[0], x[1], true),
                (x, rm, f) -> F32.max((int) x[0], (int) x[1], f));
        Harness.check("F32.eq", m, n, () -> pair(g), x -> relation(b, x[0], x[1], 0),
                (x, rm, f) -> bool(F32.eq((int) x[0], (int) x[1], f)));
        Harness.check("F32.lt", m, n, () -> pair(g), x -> relation(b, x[0], x[1], 1),
                (x, rm, f) -> bool(F32.lt((int) x[0], (int) x[1], f)));
        Harness.check("F32.le", m, n, () -> pair(g), x -> relation(b, x[0], x[1], 2),
                (x, rm, f) -> bool(F32.le((int) x[0], (int) x[1], f)));
        Harness.check("F32.classify", m, n, () -> new long[] {g.any()}, x -> fclass(b, x[0]),
                (x, rm, f) -> F32.classify((int) x[0]));
    }
}
