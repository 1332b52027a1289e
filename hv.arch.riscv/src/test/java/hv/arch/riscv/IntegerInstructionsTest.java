package hv.arch.riscv;

import static hv.arch.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RV64 I, M, Zba, Zbb, Zbs: each instruction and its edge cases. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IntegerInstructionsTest {

    /** Runs {@code m a0, a1, a2} with a1 = a, a2 = b and returns a0. */
    static long rr(String m, long a, long b) {
        Asm p = new Asm().li(A1, a).li(A2, b).op(m, A0, A1, A2).halt();
        return Machine.exec(p).x(A0);
    }

    static long ri(String m, long a, long imm) {
        Asm p = new Asm().li(A1, a).opi(m, A0, A1, imm).halt();
        return Machine.exec(p).x(A0);
    }

    static long un(String m, long a) {
        Asm p = new Asm().li(A1, a).unary(m, A0, A1).halt();
        return Machine.exec(p).x(A0);
    }

    @Test
    void li_builds_every_kind_of_constant() {
        long[] values = {0, 1, -1, 2047, -2048, 2048, 0x7fffffffL, 0x80000000L, -0x80000000L, 0x123456789abcdef0L,
                Long.MIN_VALUE, Long.MAX_VALUE, 0x7ffff800L, 0xfffff800L, 0x8000_0000_0000_0800L};
        for (long v : values) {
            assertEquals(v, Machine.exec(new Asm().li(A0, v).halt()).x(A0), Long.toHexString(v));
        }
    }

    @ParameterizedTest(name = "{0} {1}, {2} = {3}")
    @CsvSource({
        "add, 5, 7, 12", "add, -1, 1, 0", "sub, 5, 7, -2", "sll, 1, 63, -9223372036854775808", "sll, 1, 64, 1",
        "slt, -1, 0, 1", "slt, 0, -1, 0", "sltu, -1, 0, 0", "sltu, 0, -1, 1", "xor, 12, 10, 6",
        "srl, -1, 63, 1", "srl, -1, 0, -1", "sra, -8, 1, -4", "sra, -9223372036854775808, 63, -1",
        "or, 12, 10, 14", "and, 12, 10, 8",
        "addw, 2147483647, 1, -2147483648", "subw, -2147483648, 1, 2147483647", "sllw, 1, 31, -2147483648",
        "sllw, 1, 32, 1", "srlw, -1, 31, 1", "srlw, -1, 0, -1", "sraw, -2147483648, 31, -1",
        "sraw, 4294967288, 1, -4",
        "mul, -3, 7, -21", "mul, 9223372036854775807, 2, -2", "mulh, -1, -1, 0", "mulh, 9223372036854775807, 2, 0",
        "mulh, -9223372036854775808, -9223372036854775808, 4611686018427387904", "mulhu, -1, -1, -2",
        "mulhsu, -1, -1, -1", "mulhsu, 2, -1, 1", "mulhsu, -2, 3, -1",
        "div, 7, -2, -3", "div, -7, 2, -3", "div, 5, 0, -1", "div, -9223372036854775808, -1, -9223372036854775808",
        "divu, -1, 2, 9223372036854775807", "divu, 5, 0, -1", "rem, -7, 2, -1", "rem, 7, -2, 1", "rem, 5, 0, 5",
        "rem, -9223372036854775808, -1, 0", "remu, -1, 10, 5", "remu, 5, 0, 5",
        "mulw, 65536, 65536, 0", "mulw, 3, -2, -6", "divw, -2147483648, -1, -2147483648", "divw, 7, 0, -1",
        "divw, 4294967295, 1, -1", "divuw, 4294967295, 2, 2147483647", "divuw, 7, 0, -1",
        "remw, -2147483648, -1, 0", "remw, -7, 0, -7", "remw, 4294967289, 2, -1", "remuw, 4294967295, 10, 5",
        "remuw, 4294967295, 0, -1",
        "sh1add, 3, 100, 106", "sh2add, 3, 100, 112", "sh3add, 3, 100, 124", "add.uw, -1, 1, 4294967296",
        "sh1add.uw, -1, 0, 8589934590", "sh2add.uw, 4294967297, 0, 4", "sh3add.uw, 1, 1, 9",
        "andn, 15, 5, 10", "orn, 0, -2, 1", "xnor, 5, 5, -1", "min, -1, 1, -1", "minu, -1, 1, 1", "max, -1, 1, 1",
        "maxu, -1, 1, -1", "rol, -9223372036854775808, 1, 1", "ror, 1, 1, -9223372036854775808",
        "rolw, 2147483648, 1, 1", "rorw, 1, 1, -2147483648", "bclr, 15, 65, 13", "bext, 4, 2, 1",
        "binv, 0, 63, -9223372036854775808", "bset, 0, 3, 8"
    })
    void register_register_operations(String m, long a, long b, long expected) {
        assertEquals(expected, rr(m, a, b));
    }

    @ParameterizedTest(name = "{0} {1}, {2} = {3}")
    @CsvSource({
        "addi, 5, -6, -1", "slti, -5, -4, 1", "slti, 5, -4, 0", "sltiu, 5, -1, 1", "sltiu, -2, -1, 1",
        "sltiu, -1, -1, 0", "xori, 0, -1, -1", "ori, 1, 2, 3", "andi, -1, 2047, 2047",
        "slli, 1, 63, -9223372036854775808", "srli, -1, 63, 1", "srai, -9223372036854775808, 63, -1",
        "addiw, 2147483647, 1, -2147483648", "addiw, 4294967295, 0, -1", "slliw, 1, 31, -2147483648",
        "srliw, -1, 31, 1", "srliw, -2147483648, 0, -2147483648", "sraiw, 2147483648, 31, -1",
        "rori, 1, 1, -9223372036854775808", "roriw, 1, 1, -2147483648", "bclri, -1, 63, 9223372036854775807",
        "bexti, 8, 3, 1", "binvi, 1, 0, 0", "bseti, 0, 40, 1099511627776", "slli.uw, -1, 4, 68719476720"
    })
    void register_immediate_operations(String m, long a, long imm, long expected) {
        assertEquals(expected, ri(m, a, imm));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
        "clz, 0, 64", "clz, 1, 63", "clz, -1, 0", "ctz, 0, 64", "ctz, 8, 3", "cpop, -1, 64", "cpop, 0, 0",
        "clzw, 0, 32", "clzw, 4294967296, 32", "ctzw, 0, 32", "ctzw, 4294967296, 32", "cpopw, -1, 32",
        "sext.b, 128, -128", "sext.h, 32768, -32768", "zext.h, -1, 65535",
        "orc.b, 72057594037993729, -72057594021150721", "rev8, 72623859790382856, 578437695752307201"
    })
    void unary_bit_manipulation(String m, long a, long expected) {
        assertEquals(expected, un(m, a));
    }

    @Test
    void lui_and_auipc_sign_extend_and_are_pc_relative() {
        Asm p = new Asm().lui(A0, 0x80000).auipc(A1, 1).auipc(A2, 0).halt();
        Machine m = Machine.exec(p);
        assertEquals(0xffff_ffff_8000_0000L, m.x(A0));
        assertEquals(TestBus.RAM_BASE + 4 + 4096, m.x(A1));
        assertEquals(TestBus.RAM_BASE + 8, m.x(A2));
    }

    @Test
    void writes_to_x0_are_discarded() {
        Asm p = new Asm().addi(ZERO, ZERO, 5).lui(ZERO, 1).add(A0, ZERO, ZERO).halt();
        assertEquals(0, Machine.exec(p).x(A0));
    }

    @Test
    void branches_take_the_right_direction_for_signed_and_unsigned_compares() {
        Asm p = new Asm().li(A0, 0).li(T0, -1).li(T1, 1);
        String[] ms = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};
        for (int k = 0; k < ms.length; k++) {
            // bit k set when the branch is taken for (-1, 1)
            p.branch(ms[k], T0, T1, "t" + k).j("n" + k).label("t" + k).opi("ori", A0, A0, 1 << k).label("n" + k);
        }
        p.halt();
        // beq no, bne yes, blt yes, bge no, bltu no (-1 is max unsigned), bgeu yes
        assertEquals(0b100110, Machine.exec(p).x(A0));
    }

    @Test
    void a_counted_loop_runs_to_completion() {
        Asm p = new Asm().li(A0, 0).li(T0, 1000).label("loop").addi(A0, A0, 3).addi(T0, T0, -1).bnez(T0, "loop").halt();
        assertEquals(3000, Machine.exec(p).x(A0));
    }

    @Test
    void jal_and_jalr_link_and_jalr_clears_bit_zero() {
        Asm p = new Asm();
        p.jal(RA, "f").mv(A1, A0).halt();
        p.label("f").li(A0, 42).addi(T0, RA, 1).jalr(ZERO, T0, 0); // target ra+1: bit 0 cleared
        Machine m = Machine.exec(p);
        assertEquals(42, m.x(A1));
        assertEquals(TestBus.RAM_BASE + 4, m.x(RA));
    }

    @Test
    void jalr_reads_its_base_before_writing_the_link_register() {
        Asm p = new Asm();
        p.li(T0, 0).auipc(T0, 0).addi(T0, T0, 16).jalr(T0, T0, 0).li(A0, 1).halt();
        Machine m = Machine.exec(p);
        assertEquals(0, m.x(A0), "jumped over the marker");
        assertEquals(TestBus.RAM_BASE + 16, m.x(T0));
    }

    @Test
    void loads_sign_and_zero_extend() {
        long data = TestBus.RAM_BASE + 0x1000;
        Asm p = new Asm().li(S0, data)
                .opi("lb", A0, S0, 0).opi("lbu", A1, S0, 0).opi("lh", A2, S0, 0).opi("lhu", A3, S0, 0)
                .opi("lw", A4, S0, 0).opi("lwu", A5, S0, 0).opi("ld", A6, S0, 0).halt();
        Machine m = new Machine().load(p);
        m.bus.write64(data, 0xfedc_ba98_8765_c3a1L);
        m.runToHalt();
        long v = m.bus.read64(data);
        assertEquals((byte) v, m.x(A0));
        assertEquals(v & 0xff, m.x(A1));
        assertEquals((short) v, m.x(A2));
        assertEquals(v & 0xffff, m.x(A3));
        assertEquals((int) v, m.x(A4));
        assertEquals(v & 0xffff_ffffL, m.x(A5));
        assertEquals(v, m.x(A6));
    }

    @Test
    void stores_write_only_their_width() {
        long data = TestBus.RAM_BASE + 0x1000;
        Asm p = new Asm().li(S0, data).li(T0, -1).sd(T0, S0, 0).li(T1, 0x11223344_55667788L)
                .store("sb", T1, S0, 0).store("sh", T1, S0, 8).sw(T1, S0, 16).sd(T1, S0, 24)
                .halt();
        Machine m = new Machine().load(p);
        m.bus.write64(data + 16, -1);
        m.runToHalt();
        assertEquals(0xffff_ffff_ffff_ff88L, m.bus.read64(data));
        assertEquals(0x7788L, m.bus.read64(data + 8));
        assertEquals(0xffff_ffff_5566_7788L, m.bus.read64(data + 16));
        assertEquals(0x11223344_55667788L, m.bus.read64(data + 24));
    }

    @Test
    void every_fence_encoding_decodes_including_pause_and_fence_tso() {
        Asm p = new Asm().fence(15, 15).fence(1, 0).pause().word(0x8330000f).fence(0, 0).word(0x0ff0808f)
                .fenceI().li(A0, 7).halt();
        assertEquals(7, Machine.exec(p).x(A0));
    }
}
