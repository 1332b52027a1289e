package hv.arch.riscv;

import static hv.arch.riscv.Asm.*;
import static hv.arch.riscv.Traps.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** F and D: register file, NaN boxing, FS tracking, fcsr, rounding modes, and the arithmetic call sites. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FloatingPointTest {

    static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7;
    static final long BOX = 0xffff_ffff_0000_0000L;
    static final long CANONICAL_NAN_S = BOX | 0x7fc0_0000L;

    static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }

    static long s(float v) {
        return BOX | (Float.floatToRawIntBits(v) & 0xffff_ffffL);
    }

    /** Puts raw bits into f1, f2, f3 (through x registers and fmv.d.x). */
    static Asm withF(long f1, long f2, long f3) {
        return program().li(T0, f1).fop(0x79, 1, T0, 0, 0).li(T0, f2).fop(0x79, 2, T0, 0, 0).li(T0, f3)
                .fop(0x79, 3, T0, 0, 0);
    }

    static long fmvXd(Machine m, int fr) {
        return m.cpu().f[fr];
    }

    @Test
    void fp_state_starts_initial_and_any_fp_write_makes_it_dirty_with_sd() {
        Machine m = trap(withF(d(1), d(2), 0).csrr(A3, SSTATUS).halt());
        assertEquals(3L << 13, m.x(A3) & (3L << 13));
        assertEquals(1L << 63, m.x(A3) & (1L << 63));
        Machine n = trap(program().csrr(A3, SSTATUS).halt());
        assertEquals(1L << 13, n.x(A3) & (3L << 13), "Initial after reset");
    }

    @Test
    void with_fs_off_every_fp_instruction_and_fp_csr_is_illegal() {
        int[] insns = {Asm.r(0x53, 0, 0x01, 1, 2, 3), Asm.i(0x07, 3, 1, 10, 0), Asm.r(0x53, 0, 0x70, A0, 1, 0),
                Asm.i(0x73, 2, A0, 0, FCSR), Asm.i(0x73, 2, A0, 0, FFLAGS)};
        for (int insn : insns) {
            Asm p = program().li(T0, 3L << 13).csr("csrrc", ZERO, SSTATUS, T0).word(insn);
            Machine m = trap(p);
            assertEquals(2, m.x(A0), Integer.toHexString(insn));
            assertEquals(insn & 0xffffffffL, m.x(A1));
        }
    }

    @Test
    void single_precision_values_are_nan_boxed_and_bad_boxes_read_as_the_canonical_nan() {
        Asm p = program().li(T0, 0x3f80_0000L).fop(0x78, 4, T0, 0, 0) // fmv.w.x f4 = 1.0f
                .fop(0x71, A3, 4, 0, 0) // fmv.x.d a3 = raw f4
                .fop(0x70, A4, 4, 0, 0) // fmv.x.w a4 (sign-extended low word)
                .li(T0, 0x3f80_0000L).fop(0x79, 5, T0, 0, 0) // f5 = unboxed 1.0f
                .fop(0x00, 6, 4, 5, RNE) // fadd.s f6 = f4 + f5 (f5 reads as NaN)
                .fop(0x10, 7, 5, 4, 0) // fsgnj.s f7 = sign of f4 on f5 (canonical NaN)
                .li(T0, 0xbf80_0000L).fop(0x78, 8, T0, 0, 0).fop(0x70, A5, 8, 0, 0).halt();
        Machine m = trap(p);
        assertEquals(s(1f), m.x(A3));
        assertEquals(0x3f80_0000L, m.x(A4));
        assertEquals(CANONICAL_NAN_S, fmvXd(m, 6));
        assertEquals(CANONICAL_NAN_S, fmvXd(m, 7));
        assertEquals(0xffff_ffff_bf80_0000L, m.x(A5), "fmv.x.w sign-extends");
    }

    @Test
    void flw_boxes_fsw_stores_the_low_word_and_fld_fsd_move_64_bits() {
        long data = TestBus.RAM_BASE + 0x3000;
        Asm p = program().li(S0, data).fload(false, 1, S0, 0).fload(true, 2, S0, 8).fstore(false, 2, S0, 16)
                .fstore(true, 1, S0, 24).halt();
        Machine m = machine(p);
        m.bus.write64(data, 0x1111_1111_4049_0fdbL);
        m.bus.write64(data + 8, d(2.5));
        m.runToHalt();
        assertEquals(s(3.1415927f), fmvXd(m, 1));
        assertEquals(d(2.5), fmvXd(m, 2));
        assertEquals(d(2.5) & 0xffff_ffffL, m.bus.read64(data + 16));
        assertEquals(s(3.1415927f), m.bus.read64(data + 24));
    }

    @ParameterizedTest(name = "funct7 {0}: {1} op {2} = {3}")
    @CsvSource({
        "1, 1.5, 2.25, 3.75", "5, 1.5, 2.25, -0.75", "9, 1.5, 2.0, 3.0", "13, 1.0, 4.0, 0.25",
        "45, 6.25, 0, 2.5", "21, -0.0, 0.0, -0.0"
    })
    void double_arithmetic_goes_through_the_library(int f7, double a, double b, double r) {
        Machine m = trap(withF(d(a), d(b), 0).fop(f7, 4, 1, f7 == 45 ? 0 : 2, f7 == 21 ? 0 : RNE).halt());
        assertEquals(d(r), fmvXd(m, 4));
    }

    @Test
    void single_arithmetic_boxes_its_results() {
        Machine m = trap(withF(s(1.5f), s(2.25f), s(0.5f)).fop(0x00, 4, 1, 2, RNE).fop(0x08, 5, 1, 2, RNE)
                .fma(0x43, 0, 6, 1, 2, 3, RNE).halt());
        assertEquals(s(3.75f), fmvXd(m, 4));
        assertEquals(s(3.375f), fmvXd(m, 5));
        assertEquals(s(3.875f), fmvXd(m, 6));
    }

    @Test
    void the_fused_multiply_add_family_negates_the_right_operands() {
        Machine m = trap(withF(d(2), d(3), d(1)).fma(0x43, 1, 4, 1, 2, 3, RNE).fma(0x47, 1, 5, 1, 2, 3, RNE)
                .fma(0x4b, 1, 6, 1, 2, 3, RNE).fma(0x4f, 1, 7, 1, 2, 3, RNE).halt());
        assertEquals(d(7), fmvXd(m, 4), "fmadd");
        assertEquals(d(5), fmvXd(m, 5), "fmsub");
        assertEquals(d(-5), fmvXd(m, 6), "fnmsub");
        assertEquals(d(-7), fmvXd(m, 7), "fnmadd");
    }

    @ParameterizedTest(name = "fcvt.w.d {0} with rm {1} = {2}")
    @CsvSource({"2.5, 0, 2", "2.5, 1, 2", "2.5, 2, 2", "2.5, 3, 3", "2.5, 4, 3", "-2.5, 2, -3", "-2.5, 1, -2",
        "3.5, 0, 4", "1e20, 1, 2147483647", "-1e20, 1, -2147483648"})
    void conversions_honour_static_rounding_modes_and_saturate(double v, int rm, long expected) {
        Machine m = trap(withF(d(v), 0, 0).fop(0x61, A3, 1, 0, rm).halt());
        assertEquals(expected, m.x(A3));
    }

    @Test
    void dynamic_rounding_uses_frm_and_invalid_modes_are_illegal() {
        Machine m = trap(withF(d(2.5), 0, 0).csr("csrrwi", ZERO, FRM, RUP).fop(0x61, A3, 1, 0, DYN)
                .csr("csrrwi", ZERO, FRM, 5).fop(0x61, A4, 1, 0, DYN));
        assertEquals(3, m.x(A3));
        assertEquals(2, m.x(A0), "frm = 5 with a dynamic rm is illegal");
        Machine n = trap(withF(d(2.5), 0, 0).fop(0x61, A3, 1, 0, 5));
        assertEquals(2, n.x(A0), "rm = 5 in the instruction is illegal");
        assertEquals(Asm.r(0x53, 5, 0x61, A3, 1, 0) & 0xffffffffL, n.x(A1));
    }

    @Test
    void exception_flags_accumulate_in_fflags_and_fcsr_views_agree() {
        Machine m = trap(withF(d(1), d(0), d(-1)).fop(0x0d, 4, 1, 2, RNE) // 1/0: DZ
                .fop(0x2d, 5, 3, 0, RNE) // sqrt(-1): NV
                .csrr(A3, FFLAGS).csrr(A4, FCSR).csr("csrrwi", A5, FFLAGS, 0).csrr(A6, FFLAGS)
                .li(T0, 0xffff).csrw(FCSR, T0).csrr(A7, FCSR).csrr(S2, FRM).halt());
        assertEquals(0x18, m.x(A3));
        assertEquals(0x18, m.x(A4));
        assertEquals(0x18, m.x(A5));
        assertEquals(0, m.x(A6));
        assertEquals(0xff, m.x(A7));
        assertEquals(7, m.x(S2));
        assertEquals(0x7ff0_0000_0000_0000L, fmvXd(m, 4));
    }

    @Test
    void compares_classify_sign_injection_and_min_max() {
        Machine m = trap(withF(d(-1), d(2), d(Double.NaN)).fop(0x51, A3, 1, 2, 2).fop(0x51, A4, 1, 2, 1)
                .fop(0x51, A5, 2, 1, 0).fop(0x71, A6, 1, 0, 1).fop(0x71, A7, 3, 0, 1)
                .fop(0x11, 4, 2, 1, 0).fop(0x11, 5, 1, 1, 1).fop(0x11, 6, 1, 1, 2)
                .fop(0x15, 7, 1, 3, 0).fop(0x15, 8, 1, 2, 1).halt());
        assertEquals(0, m.x(A3), "feq");
        assertEquals(1, m.x(A4), "flt");
        assertEquals(0, m.x(A5), "fle 2 <= -1");
        assertEquals(1 << 1, m.x(A6), "negative normal");
        assertEquals(1 << 9, m.x(A7), "quiet NaN");
        assertEquals(d(-2), fmvXd(m, 4), "fsgnj");
        assertEquals(d(1), fmvXd(m, 5), "fsgnjn (fneg)");
        assertEquals(d(1), fmvXd(m, 6), "fsgnjx (fabs)");
        assertEquals(d(-1), fmvXd(m, 7), "fmin with a NaN returns the other");
        assertEquals(d(2), fmvXd(m, 8), "fmax");
    }

    @Test
    void integer_and_precision_conversions() {
        Machine m = trap(program().li(T0, -3).fop(0x69, 1, T0, 2, RNE) // fcvt.d.l
                .fop(0x68, 2, T0, 1, RNE) // fcvt.s.wu of 0xfffffffd
                .fop(0x20, 3, 1, 1, RNE) // fcvt.s.d
                .fop(0x21, 4, 3, 0, RNE) // fcvt.d.s
                .fop(0x60, A3, 3, 2, RTZ) // fcvt.l.s
                .fop(0x61, A4, 1, 3, RTZ) // fcvt.lu.d of -3: 0 and NV
                .halt());
        assertEquals(d(-3), fmvXd(m, 1));
        assertEquals(s(4294967293f), fmvXd(m, 2));
        assertEquals(s(-3f), fmvXd(m, 3));
        assertEquals(d(-3), fmvXd(m, 4));
        assertEquals(-3, m.x(A3));
        assertEquals(0, m.x(A4));
    }

    @Test
    void compressed_fld_and_fsd_use_the_scaled_offsets() {
        long data = TestBus.RAM_BASE + 0x3000;
        Asm p = program().li(S0, data).cFld(S1 /* f9 */, S0, 0xf8).cFsd(S1, S0, 0x10).halt();
        Machine m = machine(p);
        m.bus.write64(data + 0xf8, d(6.5));
        m.runToHalt();
        assertEquals(d(6.5), m.bus.read64(data + 0x10));
    }
}
