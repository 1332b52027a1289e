package hv.arch.riscv.fp;

import static hv.arch.riscv.fp.Harness.SAMPLES;
import static hv.arch.riscv.fp.Harness.SEED;

import org.junit.jupiter.api.Test;

/**
 * Binary64 arithmetic against the exact BigDecimal reference, on operands drawn to hit edge
 * cases, in every rounding mode, comparing result bits and flags exactly.
 */
class F64ArithmeticTest {

    private static final Ref.Fmt B = Ref.Fmt.B64;
    private static final long ALL = -1L;

    @Test
    void additionIsCorrectlyRoundedWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 1, B);
        Harness.check("add", ALL, SAMPLES, g::addPair, x -> Ref.add(B, x[0], x[1]),
                (x, rm, f) -> F64.add(x[0], x[1], rm, f));
    }

    @Test
    void subtractionIsCorrectlyRoundedWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 2, B);
        Harness.check("sub", ALL, SAMPLES / 4, g::addPair, x -> Ref.sub(B, x[0], x[1]),
                (x, rm, f) -> F64.sub(x[0], x[1], rm, f));
    }

    @Test
    void multiplicationIsCorrectlyRoundedWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 3, B);
        Harness.check("mul", ALL, SAMPLES, g::mulPair, x -> Ref.mul(B, x[0], x[1]),
                (x, rm, f) -> F64.mul(x[0], x[1], rm, f));
    }

    @Test
    void divisionIsCorrectlyRoundedWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 4, B);
        Harness.check("div", ALL, SAMPLES, g::divPair, x -> Ref.div(B, x[0], x[1]),
                (x, rm, f) -> F64.div(x[0], x[1], rm, f));
    }

    @Test
    void squareRootIsCorrectlyRoundedWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 5, B);
        Harness.check("sqrt", ALL, SAMPLES, () -> new long[] {g.sqrtOperand()}, x -> Ref.sqrt(B, x[0]),
                (x, rm, f) -> F64.sqrt(x[0], rm, f));
    }

    @Test
    void fusedMultiplyAddRoundsOnceWithExactFlagsInEveryMode() {
        Gen g = new Gen(SEED + 6, B);
        Harness.check("fma", ALL, SAMPLES, g::fmaTriple, x -> Ref.fma(B, x[0], x[1], x[2]),
                (x, rm, f) -> F64.fma(x[0], x[1], x[2], rm, f));
    }
}
