package hv.arch.riscv.fp;

import static hv.arch.riscv.fp.FpFlags.DZ;
import static hv.arch.riscv.fp.FpFlags.NV;
import static hv.arch.riscv.fp.FpFlags.NX;
import static hv.arch.riscv.fp.FpFlags.OF;
import static hv.arch.riscv.fp.FpFlags.UF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Hand-worked expectations for special values, thresholds and the RISC-V specific rules, written
 * from the ISA manual and IEEE 754 rather than from the reference implementation.
 */
class SpecialValuesTest {

    // binary64
    static final long P0 = 0, N0 = 0x8000_0000_0000_0000L;
    static final long PINF = 0x7FF0_0000_0000_0000L, NINF = 0xFFF0_0000_0000_0000L;
    static final long CNAN = 0x7FF8_0000_0000_0000L;
    static final long QNAN = 0xFFF8_0000_0000_1234L; // quiet, negative, with a payload
    static final long SNAN = 0x7FF0_0000_0000_0001L;
    static final long SNAN2 = 0xFFF4_0000_0000_0000L;
    static final long MIN_SUB = 1, MAX_SUB = 0x000F_FFFF_FFFF_FFFFL, MIN_NORM = 0x0010_0000_0000_0000L;
    static final long MAX = 0x7FEF_FFFF_FFFF_FFFFL;
    static final long ONE = 0x3FF0_0000_0000_0000L;
    static final long NEG = 0x8000_0000_0000_0000L;

    // binary32
    static final int FP0 = 0, FN0 = 0x8000_0000, FPINF = 0x7F80_0000, FNINF = 0xFF80_0000;
    static final int FCNAN = 0x7FC0_0000, FQNAN = 0xFFC0_0042, FSNAN = 0x7F80_0001;
    static final int FMIN_SUB = 1, FMIN_NORM = 0x0080_0000, FMAX = 0x7F7F_FFFF, FONE = 0x3F80_0000;

    static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;

    interface Op {
        long run(int rm, FpFlags f);
    }

    static long b(double d) {
        return Double.doubleToRawLongBits(d);
    }

    static int fb(float v) {
        return Float.floatToRawIntBits(v);
    }

    /** The same result and flags in every rounding mode. */
    static void all(String what, long want, int flags, Op op) {
        for (int rm = 0; rm < 5; rm++) {
            one(what, rm, want, flags, op);
        }
    }

    static void one(String what, int rm, long want, int flags, Op op) {
        FpFlags f = new FpFlags();
        long got = op.run(rm, f);
        String ctx = what + " in " + FpRm.name(rm);
        assertEquals(Long.toHexString(want), Long.toHexString(got), ctx);
        assertEquals(FpFlags.describe(flags), FpFlags.describe(f.flags), ctx + " flags");
    }

    /** Per-mode results and flags, in the order RNE, RTZ, RDN, RUP, RMM. */
    static void modes(String what, Op op, long[] want, int[] flags) {
        for (int rm = 0; rm < 5; rm++) {
            one(what, rm, want[rm], flags[rm], op);
        }
    }

    static int[] flags(int f) {
        return new int[] {f, f, f, f, f};
    }

    @Test
    void nanOperandsGiveTheCanonicalNanAndOnlySignallingOnesRaiseInvalid() {
        for (long nan : new long[] {QNAN, CNAN}) {
            all("add qNaN", CNAN, 0, (rm, f) -> F64.add(nan, ONE, rm, f));
            all("sub qNaN", CNAN, 0, (rm, f) -> F64.sub(ONE, nan, rm, f));
            all("mul qNaN", CNAN, 0, (rm, f) -> F64.mul(nan, PINF, rm, f));
            all("div qNaN", CNAN, 0, (rm, f) -> F64.div(P0, nan, rm, f));
            all("sqrt qNaN", CNAN, 0, (rm, f) -> F64.sqrt(nan, rm, f));
            all("fma qNaN", CNAN, 0, (rm, f) -> F64.fma(ONE, ONE, nan, rm, f));
            all("toF32 qNaN", FCNAN, 0, (rm, f) -> F64.toF32(nan, rm, f));
        }
        for (long nan : new long[] {SNAN, SNAN2}) {
            all("add sNaN", CNAN, NV, (rm, f) -> F64.add(ONE, nan, rm, f));
            all("mul sNaN", CNAN, NV, (rm, f) -> F64.mul(nan, P0, rm, f));
            all("div sNaN", CNAN, NV, (rm, f) -> F64.div(nan, QNAN, rm, f));
            all("sqrt sNaN", CNAN, NV, (rm, f) -> F64.sqrt(nan, rm, f));
            all("fma sNaN", CNAN, NV, (rm, f) -> F64.fma(ONE, nan, ONE, rm, f));
            all("toF32 sNaN", FCNAN, NV, (rm, f) -> F64.toF32(nan, rm, f));
        }
        all("f32 add qNaN", FCNAN, 0, (rm, f) -> F32.add(FQNAN, FONE, rm, f));
        all("f32 mul sNaN", FCNAN, NV, (rm, f) -> F32.mul(FONE, FSNAN, rm, f));
        all("f32 fma sNaN", FCNAN, NV, (rm, f) -> F32.fma(FONE, FONE, FSNAN, rm, f));
        all("f32 sqrt qNaN", FCNAN, 0, (rm, f) -> F32.sqrt(FQNAN, rm, f));
        all("toF64 sNaN", CNAN, NV, (rm, f) -> F32.toF64(FSNAN, f));
        all("toF64 qNaN", CNAN, 0, (rm, f) -> F32.toF64(FQNAN, f));
    }

    @Test
    void invalidOperationsRaiseNvAndGiveTheCanonicalNan() {
        all("inf - inf", CNAN, NV, (rm, f) -> F64.sub(PINF, PINF, rm, f));
        all("inf + -inf", CNAN, NV, (rm, f) -> F64.add(NINF, PINF, rm, f));
        all("0 * inf", CNAN, NV, (rm, f) -> F64.mul(N0, PINF, rm, f));
        all("0 / 0", CNAN, NV, (rm, f) -> F64.div(P0, N0, rm, f));
        all("inf / inf", CNAN, NV, (rm, f) -> F64.div(NINF, PINF, rm, f));
        all("sqrt(-1)", CNAN, NV, (rm, f) -> F64.sqrt(NEG | ONE, rm, f));
        all("sqrt(-inf)", CNAN, NV, (rm, f) -> F64.sqrt(NINF, rm, f));
        all("sqrt(-min subnormal)", CNAN, NV, (rm, f) -> F64.sqrt(NEG | MIN_SUB, rm, f));
        all("fma(inf, 0, 1)", CNAN, NV, (rm, f) -> F64.fma(PINF, P0, ONE, rm, f));
        all("fma(0, inf, qNaN) is invalid on RISC-V", CNAN, NV, (rm, f) -> F64.fma(N0, PINF, QNAN, rm, f));
        all("fma(inf, 1, -inf)", CNAN, NV, (rm, f) -> F64.fma(PINF, ONE, NINF, rm, f));
        all("fma(inf, -1, inf)", CNAN, NV, (rm, f) -> F64.fma(PINF, NEG | ONE, PINF, rm, f));
        all("f32 fma(inf, 0, qNaN)", FCNAN, NV, (rm, f) -> F32.fma(FPINF, FP0, FQNAN, rm, f));
        all("f32 inf - inf", FCNAN, NV, (rm, f) -> F32.sub(FNINF, FNINF, rm, f));
        all("f32 0 / 0", FCNAN, NV, (rm, f) -> F32.div(FN0, FP0, rm, f));
        all("f32 sqrt(-0.5)", FCNAN, NV, (rm, f) -> F32.sqrt(fb(-0.5f), rm, f));
    }

    @Test
    void infinitiesPropagateWithoutFlags() {
        all("inf + max", PINF, 0, (rm, f) -> F64.add(PINF, MAX, rm, f));
        all("-inf * -2", PINF, 0, (rm, f) -> F64.mul(NINF, b(-2), rm, f));
        all("1 / -inf", N0, 0, (rm, f) -> F64.div(ONE, NINF, rm, f));
        all("-inf / 0", NINF, 0, (rm, f) -> F64.div(NINF, P0, rm, f));
        all("sqrt(inf)", PINF, 0, (rm, f) -> F64.sqrt(PINF, rm, f));
        all("fma(inf, 1, inf)", PINF, 0, (rm, f) -> F64.fma(PINF, ONE, PINF, rm, f));
        all("fma(max, max, -inf)", NINF, 0, (rm, f) -> F64.fma(MAX, MAX, NINF, rm, f));
        all("f32 fma(1, 1, -inf)", FNINF, 0, (rm, f) -> F32.fma(FONE, FONE, FNINF, rm, f));
    }

    @Test
    void divisionOfAFiniteNonzeroNumberByZeroRaisesDzAndGivesASignedInfinity() {
        all("1 / +0", PINF, DZ, (rm, f) -> F64.div(ONE, P0, rm, f));
        all("-1 / +0", NINF, DZ, (rm, f) -> F64.div(NEG | ONE, P0, rm, f));
        all("1 / -0", NINF, DZ, (rm, f) -> F64.div(ONE, N0, rm, f));
        all("min subnormal / 0", PINF, DZ, (rm, f) -> F64.div(MIN_SUB, P0, rm, f));
        all("f32 -max / -0", FPINF, DZ, (rm, f) -> F32.div(FMAX | FN0, FN0, rm, f));
    }

    @Test
    void exactZeroResultsArePositiveExceptWhenRoundingDownAndSameSignZerosKeepTheirSign() {
        long[] plusOrMinusInRdn = {P0, P0, N0, P0, P0};
        modes("x - x", (rm, f) -> F64.sub(b(1.5), b(1.5), rm, f), plusOrMinusInRdn, flags(0));
        modes("x + -x", (rm, f) -> F64.add(MIN_SUB, NEG | MIN_SUB, rm, f), plusOrMinusInRdn, flags(0));
        modes("+0 + -0", (rm, f) -> F64.add(P0, N0, rm, f), plusOrMinusInRdn, flags(0));
        all("-0 + -0", N0, 0, (rm, f) -> F64.add(N0, N0, rm, f));
        all("-0 - +0", N0, 0, (rm, f) -> F64.sub(N0, P0, rm, f));
        all("+0 + +0", P0, 0, (rm, f) -> F64.add(P0, P0, rm, f));
        modes("fma(1, 1, -1)", (rm, f) -> F64.fma(ONE, ONE, NEG | ONE, rm, f), plusOrMinusInRdn, flags(0));
        modes("fma(+0, 5, -0)", (rm, f) -> F64.fma(P0, b(5), N0, rm, f), plusOrMinusInRdn, flags(0));
        all("fma(-0, 5, -0)", N0, 0, (rm, f) -> F64.fma(N0, b(5), N0, rm, f));
        all("fma(-0, -5, +0)", P0, 0, (rm, f) -> F64.fma(N0, b(-5), P0, rm, f));
        all("fma(0, 5, -3)", b(-3), 0, (rm, f) -> F64.fma(P0, b(5), b(-3), rm, f));
        all("-0 * 3", N0, 0, (rm, f) -> F64.mul(N0, b(3), rm, f));
        all("sqrt(-0)", N0, 0, (rm, f) -> F64.sqrt(N0, rm, f));
        long[] f32PlusOrMinus = {FP0, FP0, FN0 & 0xFFFF_FFFFL, FP0, FP0};
        modes("f32 x - x", (rm, f) -> F32.sub(FONE, FONE, rm, f) & 0xFFFF_FFFFL, f32PlusOrMinus, flags(0));
        modes("f32 fma(2, 0.5, -1)", (rm, f) -> F32.fma(fb(2), fb(0.5f), fb(-1), rm, f) & 0xFFFF_FFFFL,
                f32PlusOrMinus, flags(0));
        all("f32 -0 + -0", FN0, 0, (rm, f) -> F32.add(FN0, FN0, rm, f));
    }

    @Test
    void overflowGivesInfinityOrTheLargestFiniteNumberByModeAndSign() {
        modes("max + max", (rm, f) -> F64.add(MAX, MAX, rm, f),
                new long[] {PINF, MAX, MAX, PINF, PINF}, flags(OF | NX));
        modes("-max - max", (rm, f) -> F64.sub(NEG | MAX, MAX, rm, f),
                new long[] {NINF, NEG | MAX, NINF, NEG | MAX, NINF}, flags(OF | NX));
        modes("max * 2", (rm, f) -> F64.mul(MAX, b(2), rm, f),
                new long[] {PINF, MAX, MAX, PINF, PINF}, flags(OF | NX));
        modes("max / -0.5", (rm, f) -> F64.div(MAX, b(-0.5), rm, f),
                new long[] {NINF, NEG | MAX, NINF, NEG | MAX, NINF}, flags(OF | NX));
        // max + ulp(max)/2 is a tie: RNE goes to the even 2^1024 (overflow), RTZ/RDN stay on max
        // without overflow, since their unbounded result is max itself.
        modes("max + half an ulp", (rm, f) -> F64.add(MAX, b(0x1p970), rm, f),
                new long[] {PINF, MAX, MAX, PINF, PINF}, new int[] {OF | NX, NX, NX, OF | NX, OF | NX});
        modes("max + a quarter ulp", (rm, f) -> F64.add(MAX, b(0x1p969), rm, f),
                new long[] {MAX, MAX, MAX, PINF, MAX}, new int[] {NX, NX, NX, OF | NX, NX});
        modes("fma(max, 2, -max)", (rm, f) -> F64.fma(MAX, b(2), NEG | MAX, rm, f), new long[] {MAX, MAX, MAX, MAX, MAX},
                flags(0));
        modes("f32 max * max", (rm, f) -> F32.mul(FMAX, FMAX, rm, f) & 0xFFFF_FFFFL,
                new long[] {FPINF, FMAX, FMAX, FPINF, FPINF}, flags(OF | NX));
        modes("toF32(-max double)", (rm, f) -> F64.toF32(NEG | MAX, rm, f) & 0xFFFF_FFFFL,
                new long[] {FNINF & 0xFFFF_FFFFL, (FMAX | FN0) & 0xFFFF_FFFFL, FNINF & 0xFFFF_FFFFL,
                    (FMAX | FN0) & 0xFFFF_FFFFL, FNINF & 0xFFFF_FFFFL}, flags(OF | NX));
    }

    @Test
    void underflowIsSignalledOnlyForTinyInexactResultsWithTininessDetectedAfterRounding() {
        all("min normal / 2 is exact", 0x0008_0000_0000_0000L, 0, (rm, f) -> F64.mul(MIN_NORM, b(0.5), rm, f));
        all("max subnormal + min subnormal", MIN_NORM, 0, (rm, f) -> F64.add(MAX_SUB, MIN_SUB, rm, f));
        all("min normal * 2^-52", MIN_SUB, 0, (rm, f) -> F64.mul(MIN_NORM, b(0x1p-52), rm, f));
        modes("min subnormal / 2", (rm, f) -> F64.mul(MIN_SUB, b(0.5), rm, f),
                new long[] {P0, P0, P0, MIN_SUB, MIN_SUB}, flags(UF | NX));
        modes("-min subnormal / 2", (rm, f) -> F64.div(NEG | MIN_SUB, b(2), rm, f),
                new long[] {N0, N0, NEG | MIN_SUB, N0, NEG | MIN_SUB}, flags(UF | NX));
        modes("3 min subnormal / 2", (rm, f) -> F64.mul(3, b(0.5), rm, f),
                new long[] {2, 1, 1, 2, 2}, flags(UF | NX));
        // (2^-1022 - 2^-1074)(1 + 2^-52) = 2^-1022 - 2^-1126: tiny before rounding, but rounds to
        // 2^-1022 with an unbounded exponent in RNE, RUP and RMM, so those raise NX only.
        long below = MIN_NORM - 1;
        long onePlus = ONE + 1;
        modes("just below min normal", (rm, f) -> F64.mul(below, onePlus, rm, f),
                new long[] {MIN_NORM, MAX_SUB, MAX_SUB, MIN_NORM, MIN_NORM},
                new int[] {NX, UF | NX, UF | NX, NX, NX});
        modes("fma just below min normal", (rm, f) -> F64.fma(below, onePlus, P0, rm, f),
                new long[] {MIN_NORM, MAX_SUB, MAX_SUB, MIN_NORM, MIN_NORM},
                new int[] {NX, UF | NX, UF | NX, NX, NX});
        modes("fma(min subnormal, 0.5, -0) keeps the sign of the exact result", (rm, f) -> F64.fma(MIN_SUB, b(0.5), N0, rm, f),
                new long[] {P0, P0, P0, MIN_SUB, MIN_SUB}, flags(UF | NX));
        modes("toF32(min subnormal double)", (rm, f) -> F64.toF32(MIN_SUB, rm, f),
                new long[] {FP0, FP0, FP0, FMIN_SUB, FP0}, flags(UF | NX));
        modes("f32 just below min normal", (rm, f) -> F32.mul(FMIN_NORM - 1, FONE + 1, rm, f) & 0xFFFF_FFFFL,
                new long[] {FMIN_NORM, FMIN_NORM - 1, FMIN_NORM - 1, FMIN_NORM, FMIN_NORM},
                new int[] {NX, UF | NX, UF | NX, NX, NX});
        // 2^-126 - 2^-150 has 24 bits: with an unbounded exponent it stays below 2^-126, so it
        // is tiny in every mode, even where the subnormal rounding reaches 2^-126.
        modes("f32 min normal * (1 - 2^-24)", (rm, f) -> F32.mul(FMIN_NORM, fb(1 - 0x1p-24f), rm, f) & 0xFFFF_FFFFL,
                new long[] {FMIN_NORM, FMIN_NORM - 1, FMIN_NORM - 1, FMIN_NORM, FMIN_NORM}, flags(UF | NX));
    }

    @Test
    void directedModesStepAwayFromTheNearestResultOnlyWhenTheErrorPointsThatWay() {
        long below1 = ONE - 1; // 1 - 2^-53
        modes("1 - min subnormal", (rm, f) -> F64.sub(ONE, MIN_SUB, rm, f),
                new long[] {ONE, below1, below1, ONE, ONE}, flags(NX));
        modes("-1 - min subnormal", (rm, f) -> F64.sub(NEG | ONE, MIN_SUB, rm, f),
                new long[] {NEG | ONE, NEG | ONE, NEG | (ONE + 1), NEG | ONE, NEG | ONE}, flags(NX));
        // 1 + 2^-53 is a tie: even is 1, away is 1 + 2^-52
        modes("1 + 2^-53", (rm, f) -> F64.add(ONE, b(0x1p-53), rm, f),
                new long[] {ONE, ONE, ONE, ONE + 1, ONE + 1}, flags(NX));
        modes("fma(1, 1, -min subnormal)", (rm, f) -> F64.fma(ONE, ONE, NEG | MIN_SUB, rm, f),
                new long[] {ONE, below1, below1, ONE, ONE}, flags(NX));
        modes("sqrt(2)", (rm, f) -> F64.sqrt(b(2), rm, f),
                new long[] {0x3FF6A09E667F3BCDL, 0x3FF6A09E667F3BCCL, 0x3FF6A09E667F3BCCL, 0x3FF6A09E667F3BCDL,
                    0x3FF6A09E667F3BCDL}, flags(NX));
        modes("1 / 3", (rm, f) -> F64.div(ONE, b(3), rm, f),
                new long[] {0x3FD5555555555555L, 0x3FD5555555555555L, 0x3FD5555555555555L, 0x3FD5555555555556L,
                    0x3FD5555555555555L}, flags(NX));
        modes("f32 1 + 2^-24", (rm, f) -> F32.add(FONE, fb(0x1p-24f), rm, f) & 0xFFFF_FFFFL,
                new long[] {FONE, FONE, FONE, FONE + 1, FONE + 1}, flags(NX));
        modes("f32 -1 / 3", (rm, f) -> F32.div(fb(-1), fb(3), rm, f) & 0xFFFF_FFFFL,
                new long[] {0xBEAAAAABL, 0xBEAAAAAAL, 0xBEAAAAABL, 0xBEAAAAAAL, 0xBEAAAAABL}, flags(NX));
    }

    @Test
    void fusedMultiplyAddRoundsOnlyOnce() {
        // (1 + 2^-52)(1 - 2^-53) - 1 = 2^-53 - 2^-105 exactly, whereas a separate multiply
        // would round the product to 1 first and give 0.
        all("fma is exact here", b(0x1p-53 - 0x1p-105), 0, (rm, f) -> F64.fma(ONE + 1, ONE - 1, NEG | ONE, rm, f));
        all("f32 fma is exact here", fb(0x1p-24f - 0x1p-47f), 0,
                (rm, f) -> F32.fma(FONE + 1, FONE - 1, fb(-1), rm, f));
    }

    @Test
    void minimumAndMaximumOrderSignedZerosAndPreferNumbersToNans() {
        all("min(+0, -0)", N0, 0, (rm, f) -> F64.min(P0, N0, f));
        all("min(-0, +0)", N0, 0, (rm, f) -> F64.min(N0, P0, f));
        all("max(-0, +0)", P0, 0, (rm, f) -> F64.max(N0, P0, f));
        all("max(+0, -0)", P0, 0, (rm, f) -> F64.max(P0, N0, f));
        all("min(qNaN, 1)", ONE, 0, (rm, f) -> F64.min(QNAN, ONE, f));
        all("max(1, qNaN)", ONE, 0, (rm, f) -> F64.max(ONE, QNAN, f));
        all("min(sNaN, 1)", ONE, NV, (rm, f) -> F64.min(SNAN, ONE, f));
        all("max(qNaN, qNaN)", CNAN, 0, (rm, f) -> F64.max(QNAN, QNAN, f));
        all("min(sNaN, qNaN)", CNAN, NV, (rm, f) -> F64.min(SNAN2, QNAN, f));
        all("max(1, -inf)", ONE, 0, (rm, f) -> F64.max(ONE, NINF, f));
        all("min(inf, max)", MAX, 0, (rm, f) -> F64.min(PINF, MAX, f));
        all("min(-max, -min subnormal)", NEG | MAX, 0, (rm, f) -> F64.min(NEG | MIN_SUB, NEG | MAX, f));
        all("f32 min(+0, -0)", FN0, 0, (rm, f) -> F32.min(FP0, FN0, f));
        all("f32 max(sNaN, -1)", fb(-1), NV, (rm, f) -> F32.max(FSNAN, fb(-1), f));
        all("f32 max(qNaN, qNaN)", FCNAN, 0, (rm, f) -> F32.max(FQNAN, FQNAN, f));
    }

    static long bool(boolean b) {
        return b ? 1 : 0;
    }

    @Test
    void equalityIsQuietAndOrderingSignalsOnNans() {
        all("eq(qNaN, qNaN)", 0, 0, (rm, f) -> bool(F64.eq(QNAN, QNAN, f)));
        all("eq(sNaN, 1)", 0, NV, (rm, f) -> bool(F64.eq(SNAN, ONE, f)));
        all("lt(qNaN, 1)", 0, NV, (rm, f) -> bool(F64.lt(QNAN, ONE, f)));
        all("le(1, qNaN)", 0, NV, (rm, f) -> bool(F64.le(ONE, QNAN, f)));
        all("eq(-0, +0)", 1, 0, (rm, f) -> bool(F64.eq(N0, P0, f)));
        all("lt(-0, +0)", 0, 0, (rm, f) -> bool(F64.lt(N0, P0, f)));
        all("le(-0, +0)", 1, 0, (rm, f) -> bool(F64.le(N0, P0, f)));
        all("lt(max subnormal, min normal)", 1, 0, (rm, f) -> bool(F64.lt(MAX_SUB, MIN_NORM, f)));
        all("lt(-inf, -max)", 1, 0, (rm, f) -> bool(F64.lt(NINF, NEG | MAX, f)));
        all("le(inf, inf)", 1, 0, (rm, f) -> bool(F64.le(PINF, PINF, f)));
        all("f32 eq(sNaN, sNaN)", 0, NV, (rm, f) -> bool(F32.eq(FSNAN, FSNAN, f)));
        all("f32 eq(qNaN, 1)", 0, 0, (rm, f) -> bool(F32.eq(FQNAN, FONE, f)));
        all("f32 le(qNaN, 1)", 0, NV, (rm, f) -> bool(F32.le(FQNAN, FONE, f)));
        all("f32 lt(-0, +0)", 0, 0, (rm, f) -> bool(F32.lt(FN0, FP0, f)));
    }

    @Test
    void classifyReportsEachOfTheTenClasses() {
        long[] values = {NINF, NEG | ONE, NEG | MAX_SUB, N0, P0, MIN_SUB, MIN_NORM, PINF, SNAN, CNAN};
        for (int i = 0; i < values.length; i++) {
            assertEquals(1 << i, F64.classify(values[i]), "class of " + Long.toHexString(values[i]));
        }
        assertEquals(1 << 9, F64.classify(QNAN));
        assertEquals(1 << 8, F64.classify(SNAN2));
        int[] floats = {FNINF, fb(-1), FN0 | 5, FN0, FP0, FMIN_SUB, FMAX, FPINF, FSNAN, FQNAN};
        for (int i = 0; i < floats.length; i++) {
            assertEquals(1 << i, F32.classify(floats[i]), "class of " + Integer.toHexString(floats[i]));
        }
    }

    @Test
    void conversionsToIntegersSaturateAsTheRiscVTableSays() {
        // NaN: the largest value; -inf and below: the smallest; unsigned negative: 0. NV only.
        all("w(NaN)", 0x7FFF_FFFFL, NV, (rm, f) -> F64.toInt32(QNAN, rm, f));
        all("wu(NaN)", -1L, NV, (rm, f) -> F64.toUInt32(CNAN, rm, f));
        all("l(NaN)", Long.MAX_VALUE, NV, (rm, f) -> F64.toInt64(SNAN, rm, f));
        all("lu(NaN)", -1L, NV, (rm, f) -> F64.toUInt64(QNAN, rm, f));
        all("w(-inf)", 0xFFFF_FFFF_8000_0000L, NV, (rm, f) -> F64.toInt32(NINF, rm, f));
        all("wu(-inf)", 0, NV, (rm, f) -> F64.toUInt32(NINF, rm, f));
        all("l(-inf)", Long.MIN_VALUE, NV, (rm, f) -> F64.toInt64(NINF, rm, f));
        all("lu(inf)", -1L, NV, (rm, f) -> F64.toUInt64(PINF, rm, f));
        all("wu(-1)", 0, NV, (rm, f) -> F64.toUInt32(b(-1), rm, f));
        // the rounded value decides: -0.3 rounds to 0 (inexact, valid) except when rounding down
        modes("wu(-0.3)", (rm, f) -> F64.toUInt32(b(-0.3), rm, f), new long[] {0, 0, 0, 0, 0},
                new int[] {NX, NX, NV, NX, NX});
        modes("wu(-0.7)", (rm, f) -> F64.toUInt32(b(-0.7), rm, f), new long[] {0, 0, 0, 0, 0},
                new int[] {NV, NX, NV, NX, NV});
        modes("w(2147483647.5)", (rm, f) -> F64.toInt32(b(2147483647.5), rm, f),
                new long[] {0x7FFF_FFFFL, 0x7FFF_FFFFL, 0x7FFF_FFFFL, 0x7FFF_FFFFL, 0x7FFF_FFFFL},
                new int[] {NV, NX, NX, NV, NV});
        modes("w(-2147483648.5)", (rm, f) -> F64.toInt32(b(-2147483648.5), rm, f),
                new long[] {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE},
                new int[] {NX, NX, NV, NX, NV});
        all("wu(3e9) is sign-extended", 0xFFFF_FFFF_B2D0_5E00L, 0, (rm, f) -> F64.toUInt32(b(3e9), rm, f));
        modes("wu(4294967295.4)", (rm, f) -> F64.toUInt32(b(4294967295.4), rm, f), new long[] {-1L, -1L, -1L, -1L, -1L},
                new int[] {NX, NX, NX, NV, NX});
        modes("w(2.5)", (rm, f) -> F64.toInt32(b(2.5), rm, f), new long[] {2, 2, 2, 3, 3}, flags(NX));
        modes("l(-2.5)", (rm, f) -> F64.toInt64(b(-2.5), rm, f), new long[] {-2, -2, -3, -2, -3}, flags(NX));
        all("l(2^63)", Long.MAX_VALUE, NV, (rm, f) -> F64.toInt64(b(0x1p63), rm, f));
        all("l(-2^63)", Long.MIN_VALUE, 0, (rm, f) -> F64.toInt64(b(-0x1p63), rm, f));
        all("lu(2^64 - 2^11)", 0xFFFF_FFFF_FFFF_F800L, 0, (rm, f) -> F64.toUInt64(b(0x1p64 - 0x1p11), rm, f));
        all("lu(2^64)", -1L, NV, (rm, f) -> F64.toUInt64(b(0x1p64), rm, f));
        all("lu(-0)", 0, 0, (rm, f) -> F64.toUInt64(N0, rm, f));
        modes("lu(min subnormal)", (rm, f) -> F64.toUInt64(MIN_SUB, rm, f), new long[] {0, 0, 0, 1, 0}, flags(NX));
        all("f32 w(NaN)", 0x7FFF_FFFFL, NV, (rm, f) -> F32.toInt32(FQNAN, rm, f));
        all("f32 wu(-inf)", 0, NV, (rm, f) -> F32.toUInt32(FNINF, rm, f));
        all("f32 lu(1.5 * 2^63)", 0xC000_0000_0000_0000L, 0, (rm, f) -> F32.toUInt64(fb(0x1.8p63f), rm, f));
    }

    @Test
    void conversionsFromIntegersRoundInTheMode() {
        long two53 = b(0x1p53);
        modes("d.l(2^53 + 1)", (rm, f) -> F64.fromInt64((1L << 53) + 1, rm, f),
                new long[] {two53, two53, two53, two53 + 1, two53 + 1}, flags(NX));
        modes("d.l(-(2^53 + 1))", (rm, f) -> F64.fromInt64(-(1L << 53) - 1, rm, f),
                new long[] {NEG | two53, NEG | two53, NEG | (two53 + 1), NEG | two53, NEG | (two53 + 1)}, flags(NX));
        modes("d.lu(2^64 - 1)", (rm, f) -> F64.fromUInt64(-1L, rm, f),
                new long[] {b(0x1p64), b(0x1p64) - 1, b(0x1p64) - 1, b(0x1p64), b(0x1p64)}, flags(NX));
        all("d.l(min)", b(-0x1p63), 0, (rm, f) -> F64.fromInt64(Long.MIN_VALUE, rm, f));
        all("d.w(min)", b(-0x1p31), 0, (rm, f) -> F64.fromInt32(Integer.MIN_VALUE, rm, f));
        all("d.wu(-1)", b(4294967295.0), 0, (rm, f) -> F64.fromUInt32(-1, rm, f));
        all("d.l(0) is +0", P0, 0, (rm, f) -> F64.fromInt64(0, rm, f));
        int two24 = fb(0x1p24f);
        modes("s.w(2^24 + 1)", (rm, f) -> F32.fromInt32((1 << 24) + 1, rm, f),
                new long[] {two24, two24, two24, two24 + 1, two24 + 1}, flags(NX));
        modes("s.w(2^24 + 3)", (rm, f) -> F32.fromInt32((1 << 24) + 3, rm, f),
                new long[] {two24 + 2, two24 + 1, two24 + 1, two24 + 2, two24 + 2}, flags(NX));
        all("s.w(min)", fb(-0x1p31f), 0, (rm, f) -> F32.fromInt32(Integer.MIN_VALUE, rm, f));
        modes("s.lu(2^64 - 1)", (rm, f) -> F32.fromUInt64(-1L, rm, f),
                new long[] {fb(0x1p64f), fb(0x1p64f) - 1, fb(0x1p64f) - 1, fb(0x1p64f), fb(0x1p64f)}, flags(NX));
    }
}
