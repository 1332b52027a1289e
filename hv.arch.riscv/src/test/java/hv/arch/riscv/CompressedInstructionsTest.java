package hv.arch.riscv;

import static hv.arch.riscv.Asm.*;
import static hv.arch.riscv.Traps.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** RV64C: every compressed instruction, decoded from encodings written from the spec's quadrant tables. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CompressedInstructionsTest {

    @Test
    void immediate_forms_load_constants_and_adjust_the_stack() {
        Asm p = new Asm().li(SP, TestBus.RAM_BASE + 0x8000).cLi(A0, -32).cAddi(A0, 31).cLui(A1, -1).cLui(A2, 1)
                .cAddi16sp(-512).mv(A3, SP).cAddi16sp(496).cAddi4spn(S0, 1020).cAddiw(A0, 1).halt();
        Machine m = Machine.exec(p);
        assertEquals(0, m.x(A0), "-32 + 31 + 1 (addiw)");
        assertEquals(-4096, m.x(A1));
        assertEquals(4096, m.x(A2));
        assertEquals(TestBus.RAM_BASE + 0x8000 - 512, m.x(A3));
        assertEquals(TestBus.RAM_BASE + 0x8000 - 16 + 1020, m.x(S0));
    }

    @Test
    void register_forms_shift_and_combine() {
        Asm p = new Asm().li(S0, -16).li(S1, 0x0f).li(A0, 1).li(A1, 0x7fff_ffffL).cSrli(S0, 60).cSrai(S1, 2)
                .cAndi(A0, -1).cSlli(A1, 1).cMv(A2, A1).cAdd(A2, A0).li(A3, 12).li(A4, 10).cAlu("sub", A3, A4)
                .li(A5, 12).cAlu("xor", A5, A4).li(S0 + 6, 0).halt();
        Machine m = Machine.exec(p);
        assertEquals(15, m.x(S0));
        assertEquals(3, m.x(S1));
        assertEquals(1, m.x(A0));
        assertEquals(0xffff_fffeL, m.x(A1));
        assertEquals(0xffff_ffffL, m.x(A2));
        assertEquals(2, m.x(A3));
        assertEquals(6, m.x(A5));
    }

    @Test
    void or_and_and_w_forms() {
        Asm p = new Asm().li(A0, 12).li(A1, 10).li(A2, 12).li(A3, 0x7fff_ffffL).li(A4, 1).li(A5, 0)
                .cAlu("or", A0, A1).cAlu("and", A2, A1).cAlu("addw", A3, A4).cAlu("subw", A5, A4).halt();
        Machine m = Machine.exec(p);
        assertEquals(14, m.x(A0));
        assertEquals(8, m.x(A2));
        assertEquals(-0x8000_0000L, m.x(A3));
        assertEquals(-1, m.x(A5));
    }

    @Test
    void loads_and_stores_use_scaled_unsigned_offsets() {
        long d = TestBus.RAM_BASE + 0x4000;
        Asm p = new Asm().li(S0, d).li(SP, d).li(A0, -2).cSw(A0, S0, 124).cSd(A0, S0, 248).cLw(A1, S0, 124)
                .cLd(A2, S0, 248).cSwsp(A0, 252).cSdsp(A0, 504).cLwsp(A3, 252).cLdsp(A4, 504).halt();
        Machine m = Machine.exec(p);
        assertEquals(-2, m.x(A1));
        assertEquals(-2, m.x(A2));
        assertEquals(-2, m.x(A3));
        assertEquals(-2, m.x(A4));
        assertEquals(0xffff_fffeL, m.bus.read64(d + 124) & 0xffff_ffffL);
        assertEquals(-2, m.bus.read64(d + 504));
    }

    @Test
    void jumps_and_branches_in_both_directions() {
        Asm p = new Asm().li(S0, 3).li(A0, 0);
        p.label("loop").cAddi(A0, 2).cAddi(S0, -1).cBnez(S0, "loop").cBeqz(S0, "fwd").li(A0, 99).label("fwd")
                .cJ("over").li(A0, 98).label("over").halt();
        assertEquals(6, Machine.exec(p).x(A0));
    }

    @Test
    void jr_and_jalr_link_to_the_next_halfword() {
        Asm p = new Asm().auipc(T0, 0).addi(T0, T0, 18).cJalr(T0).halt().li(A0, 5).cJr(RA);
        Machine m = Machine.exec(p);
        assertEquals(5, m.x(A0));
        assertEquals(TestBus.RAM_BASE + 10, m.x(RA));
    }

    @Test
    void ebreak_and_the_all_zero_halfword() {
        Machine m = trap(program().cEbreak());
        assertEquals(3, m.x(A0));
        Machine n = trap(program().half(0).half(0));
        assertEquals(2, n.x(A0));
        assertEquals(0, n.x(A1));
    }

    @Test
    void reserved_encodings_are_illegal_with_the_halfword_in_stval() {
        int[] reserved = {
            ci(3, SP, 0, 1) /* c.addi16sp 0 */, ci(3, A0, 0, 1) /* c.lui 0 */, ci(1, 0, 1, 1) /* c.addiw x0 */,
            ci(2, 0, 4, 2) /* c.lwsp x0 */, 0x8002 /* c.jr x0 */, 0x9c41 /* c.subw-row reserved funct */};
        for (int h : reserved) {
            Machine m = trap(program().half(h).half(0x0001));
            assertEquals(2, m.x(A0), Integer.toHexString(h));
            assertEquals(h, m.x(A1));
        }
    }

    private static int ci(int f3, int rd, int imm, int q) {
        return Asm.ci(f3, rd, imm, q);
    }
}
