package hv.arch.riscv.fp;

import static hv.arch.riscv.fp.Harness.SAMPLES;
import static hv.arch.riscv.fp.Harness.SEED;

import org.junit.jupiter.api.Test;

/**
 * Binary32 arithmetic against the exact BigDecimal reference, on operands drawn to hit edge
 * cases, in every rounding mode, comparing result bits and flags exactly.
 */
class F32ArithmeticTest {

    private static final Ref.Fmt B = Ref.Fmt.B32;
    private static final long ALL = 0xFFFF_FFFFL;

    @Test
    void additionIsCorrectlyRoundedWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 101, B);
        Harness.check("add", ALL, SAMPLES, g::addPair, x -> Ref.add(B, x[0], x[1]),
                (x, rm, f) -> F32.add((int) x[0], (int) x[1], rm, f));
    }

    @Test
    void subtractionIsCorrectlyRoundedWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 102, B);
        Harness.check("sub", ALL, SAMPLES / 4, g::addPair, x -> Ref.sub(B, x[0], x[1]),
                (x, rm, f) -> F32.sub((int) x[0], (int) x[1], rm, f));
    }

    @Test
    void multiplicationIsCorrectlyRoundedWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 103, B);
        Harness.check("mul", ALL, SAMPLES, g::mulPair, x -> Ref.mul(B, x[0], x[1]),
                (x, rm, f) -> F32.mul((int) x[0], (int) x[1], rm, f));
    }

    @Test
    void divisionIsCorrectlyRoundedWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 104, B);
        Harness.check("div", ALL, SAMPLES, g::divPair, x -> Ref.div(B, x[0], x[1]),
                (x, rm, f) -> F32.div((int) x[0], (int) x[1], rm, f));
    }

    @Test
    void squareRootIsCorrectlyRoundedWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 105, B);
        Harness.check("sqrt", ALL, SAMPLES, () -> new long[] {g.sqrtOperand()}, x -> Ref.sqrt(B, x[0]),
                (x, rm, f) -> F32.sqrt((int) x[0], rm, f));
    }

    @Test
    void fusedMultiplyAddRoundsOnceWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 106, B);
        Harness.check("fma", ALL, SAMPLES, g::fmaTriple, x -> Ref.fma(B, x[0], x[1], x[2]),
                (x, rm, f) -> F32.fma((int) x[0], (int) x[1], (int) x[2], rm, f));
    }
}
