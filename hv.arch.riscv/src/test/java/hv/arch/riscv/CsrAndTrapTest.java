package hv.arch.riscv;

import static hv.arch.riscv.Asm.*;
import static hv.arch.riscv.Traps.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import hv.core.vcpu.SliceEnd;

/** Zicsr, the S-mode CSRs with their WARL rules, traps, interrupts, sret and wfi. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CsrAndTrapTest {

    static long csrAfterWrite(int csr, long value) {
        Asm p = program().li(T0, value).csrw(csr, T0).csrr(A0, csr).halt();
        return trap(p).x(A0);
    }

    @Test
    void an_unknown_or_machine_level_csr_is_an_illegal_instruction_with_the_bits_in_stval() {
        Asm p = program();
        int at = p.pos();
        p.csrr(T0, 0x300).halt(); // mstatus
        Machine m = trap(p);
        assertEquals(2, m.x(A0));
        assertEquals(Asm.i(0x73, 2, T0, 0, 0x300) & 0xffffffffL, m.x(A1));
        assertEquals(TestBus.RAM_BASE + at, m.x(A2));
    }

    @Test
    void writing_a_read_only_counter_is_illegal_but_reading_it_is_not() {
        Asm p = program().csrr(S1, CYCLE).csrr(S2, INSTRET).csrr(S3, TIME).csrw(CYCLE, T0).halt();
        Machine m = trap(p);
        assertEquals(2, m.x(A0));
        assertEquals(m.x(S1) + 1, m.x(S2), "cycle and instret count retired instructions");
        assertEquals(1000, m.x(S3), "time comes from the context");
    }

    @Test
    void sstatus_keeps_only_its_writable_fields_and_reports_sd_for_dirty_fs() {
        assertEquals(0x8000_0002_000C_6122L, csrAfterWrite(SSTATUS, -1));
        assertEquals(0x0000_0002_0000_0000L, csrAfterWrite(SSTATUS, 0));
    }

    @Test
    void sie_keeps_the_three_supervisor_interrupt_enables() {
        assertEquals(0x222, csrAfterWrite(SIE, -1));
    }

    @Test
    void stvec_ignores_reserved_modes_and_keeps_direct_and_vectored() {
        assertEquals(TestBus.RAM_BASE + 0x801, csrAfterWrite(STVEC, TestBus.RAM_BASE + 0x801));
        Asm p = program().li(T0, 0x1002).csrw(STVEC, T0).csrr(A0, STVEC).li(T0, HANDLER).csrw(STVEC, T0).halt();
        assertEquals(HANDLER, trap(p).x(A0), "mode 2 is reserved: the write is ignored");
    }

    @Test
    void scounteren_senvcfg_sepc_and_sscratch_follow_their_warl_rules() {
        assertEquals(7, csrAfterWrite(SCOUNTEREN, -1));
        assertEquals(1, csrAfterWrite(SENVCFG, -1));
        assertEquals(-2, csrAfterWrite(SEPC, -1));
        assertEquals(-1, csrAfterWrite(SSCRATCH, -1));
        assertEquals(0x1234, csrAfterWrite(SCAUSE, 0x1234));
        assertEquals(0x99, csrAfterWrite(STVAL, 0x99));
    }

    @Test
    void satp_accepts_sv39_and_sv48_keeps_16_asid_bits_and_ignores_sv57() {
        Machine m = new Machine();
        long sv39 = identitySv39(m);
        long sv48 = identitySv48(new Machine());
        Asm p = new Asm().li(T0, sv39).csrw(SATP, T0).li(T0, 10L << 60 | 7).csrw(SATP, T0).csrr(A0, SATP)
                .li(T0, sv39 | 0xffffL << 44).csrw(SATP, T0).csrr(A1, SATP).csrw(SATP, ZERO).csrr(A2, SATP).halt();
        m.load(p).runToHalt();
        assertEquals(sv39, m.x(A0), "an Sv57 write leaves satp unchanged");
        assertEquals(sv39 | 0xffffL << 44, m.x(A1), "16 ASID bits");
        assertEquals(0, m.x(A2));
        Machine n = new Machine();
        identitySv48(n);
        n.load(new Asm().li(T0, sv48).csrw(SATP, T0).csrr(A0, SATP).halt()).runToHalt();
        assertEquals(sv48, n.x(A0));
    }

    @Test
    void csr_set_and_clear_with_x0_do_not_write_and_immediate_forms_work() {
        Asm p = program().csr("csrrwi", ZERO, SSCRATCH, 0x15).csr("csrrsi", A3, SSCRATCH, 0x0a)
                .csr("csrrci", A4, SSCRATCH, 0x01).csr("csrrs", A5, SSCRATCH, ZERO).csrr(A6, CYCLE)
                .csr("csrrc", A7, CYCLE, ZERO).halt();
        Machine m = trap(p);
        assertEquals(0x15, m.x(A3));
        assertEquals(0x1f, m.x(A4));
        assertEquals(0x1e, m.x(A5));
        assertEquals(0, m.x(A0) & 0xff, "no trap: handler not reached, a0 is still 0");
    }

    @Test
    void sip_exposes_the_pins_and_only_ssip_is_writable() {
        Asm p = program().li(T0, -1).csrw(SIP, T0).csrr(A3, SIP).csrw(SIP, ZERO).csrr(A4, SIP).halt();
        Machine m = machine(p);
        m.ctx().setPin(9, true);
        m.runToHalt();
        assertEquals(0x202, m.x(A3));
        assertEquals(0x200, m.x(A4));
        assertEquals(1L << 9, m.ctx().pins(), "the SSIP pin was cleared through sip");
    }

    @Test
    void ecall_from_user_mode_traps_to_supervisor_with_cause_8() {
        Asm p = program();
        toUser(p, TestBus.RAM_BASE + 0x400).align(4);
        Asm u = new Asm(TestBus.RAM_BASE + 0x400).ecall();
        Machine m = machine(p).load(u).runToHalt();
        assertEquals(8, m.x(A0));
        assertEquals(TestBus.RAM_BASE + 0x400, m.x(A2));
        assertEquals(0, m.cpu().sstatus & (1 << 8), "SPP says the trap came from U mode");
    }

    @Test
    void user_mode_cannot_touch_supervisor_csrs_sret_wfi_or_sfence() {
        int[] insns = {Asm.i(0x73, 2, T0, 0, SSTATUS), 0x10200073, 0x10500073, Asm.r(0x73, 0, 9, 0, 0, 0)};
        for (int insn : insns) {
            Asm p = program();
            toUser(p, TestBus.RAM_BASE + 0x400);
            Machine m = machine(p).load(new Asm(TestBus.RAM_BASE + 0x400).word(insn)).runToHalt();
            assertEquals(2, m.x(A0), Integer.toHexString(insn));
            assertEquals(insn & 0xffffffffL, m.x(A1));
        }
    }

    @Test
    void user_counters_need_scounteren() {
        Asm p = program().li(T0, 2).csrw(SCOUNTEREN, T0);
        toUser(p, TestBus.RAM_BASE + 0x400);
        Asm u = new Asm(TestBus.RAM_BASE + 0x400).csrr(S1, TIME).csrr(S2, CYCLE);
        Machine m = machine(p).load(u).runToHalt();
        assertEquals(1000, m.x(S1), "time allowed by scounteren.TM");
        assertEquals(2, m.x(A0), "cycle not allowed");
    }

    @Test
    void mret_and_unknown_system_instructions_are_illegal() {
        Machine m = trap(program().mret());
        assertEquals(2, m.x(A0));
        assertEquals(0x30200073L, m.x(A1));
    }

    @Test
    void ebreak_reports_a_breakpoint_with_its_address() {
        Asm p = program();
        int at = p.pos();
        p.ebreak();
        Machine m = trap(p);
        assertEquals(3, m.x(A0));
        assertEquals(TestBus.RAM_BASE + at, m.x(A1));
    }

    @Test
    void sret_restores_privilege_and_interrupt_enable() {
        Asm p = program().li(T0, (1 << 8) | (1 << 5)).csr("csrrs", ZERO, SSTATUS, T0).li(T0, TestBus.RAM_BASE + 0x400)
                .csrw(SEPC, T0).sret();
        Asm s = new Asm(TestBus.RAM_BASE + 0x400).csrr(A3, SSTATUS).halt();
        Machine m = machine(p).load(s).runToHalt();
        long st = m.x(A3);
        assertEquals(1 << 1, st & (1 << 1), "SIE = old SPIE");
        assertEquals(1 << 5, st & (1 << 5), "SPIE = 1");
        assertEquals(0, st & (1 << 8), "SPP = U");
        assertEquals(HartState.PRV_S, m.cpu().priv);
    }

    @Test
    void interrupts_are_taken_in_priority_order_external_software_timer() {
        Asm p = program().li(T0, 0x222).csrw(SIE, T0).csr("csrrsi", ZERO, SSTATUS, 2).label("spin").j("spin");
        Machine m = machine(p);
        m.ctx().setPin(1, true);
        m.ctx().setPin(5, true);
        m.ctx().setPin(9, true);
        m.runToHalt();
        assertEquals(INTERRUPT | 9, m.x(A0));
        assertEquals(0, m.x(A1));
        m.cpu().reset(TestBus.RAM_BASE, 0, 0);
        m.ctx().setPin(9, false);
        m.runToHalt();
        assertEquals(INTERRUPT | 1, m.x(A0));
        m.cpu().reset(TestBus.RAM_BASE, 0, 0);
        m.ctx().setPin(1, false);
        m.runToHalt();
        assertEquals(INTERRUPT | 5, m.x(A0));
    }

    @Test
    void interrupts_wait_for_sstatus_sie_in_supervisor_mode_but_not_in_user_mode() {
        Asm p = program().li(T0, 0x020).csrw(SIE, T0).li(S1, 50).label("l").addi(S1, S1, -1).bnez(S1, "l");
        toUser(p, TestBus.RAM_BASE + 0x400);
        Asm u = new Asm(TestBus.RAM_BASE + 0x400).label("u").j("u");
        Machine m = machine(p).load(u);
        m.ctx().setPin(5, true);
        m.runToHalt();
        assertEquals(INTERRUPT | 5, m.x(A0));
        assertEquals(0, m.x(S1), "the S-mode loop ran to its end with SIE = 0");
        assertEquals(TestBus.RAM_BASE + 0x400, m.x(A2));
    }

    @Test
    void vectored_stvec_sends_interrupts_to_base_plus_four_times_cause_and_exceptions_to_base() {
        long base = TestBus.RAM_BASE + 0x1000;
        Asm p = new Asm().li(T0, base | 1).csrw(STVEC, T0).li(T0, 0x200).csrw(SIE, T0).csr("csrrsi", ZERO, SSTATUS, 2)
                .label("spin").j("spin");
        Asm vec = new Asm(base).li(A0, 100).halt();
        for (int k = 1; k < 16; k++) {
            vec.nop();
        }
        Asm v9 = new Asm(base + 36).li(A0, 9).halt();
        Machine m = new Machine().load(p).load(vec).load(v9);
        m.ctx().setPin(9, true);
        m.runToHalt();
        assertEquals(9, m.x(A0));
        Asm q = new Asm().li(T0, base | 1).csrw(STVEC, T0).ecall().word(0);
        Machine n = new Machine().load(q).load(vec).load(v9);
        n.runToHalt();
        assertEquals(100, n.x(A0), "the illegal instruction (0) traps to the base");
    }

    @Test
    void wfi_waits_only_when_no_enabled_interrupt_is_pending_regardless_of_sie() {
        Asm p = program().li(T0, 0x020).csrw(SIE, T0).wfi().li(A3, 1).wfi().li(A4, 1).halt();
        Machine m = machine(p);
        assertEquals(SliceEnd.WAIT, m.cpu().run(1000));
        assertEquals(SliceEnd.WAIT, m.cpu().run(1000), "still nothing pending");
        m.ctx().setPin(1, true); // pending but not enabled: no wake
        assertEquals(SliceEnd.WAIT, m.cpu().run(1000));
        m.ctx().setPin(5, true); // enabled and pending, SIE = 0: wakes, no trap
        assertEquals(SliceEnd.WAIT, m.cpu().run(1000), "runs to the halt after the second wfi ...");
        assertEquals(1, m.x(A3));
        assertEquals(1, m.x(A4), "... because the second wfi does not wait with STIP pending");
        assertEquals(0, m.x(A0), "no trap was taken");
    }

    @Test
    void yield_requests_end_the_slice() {
        Asm p = new Asm().label("l").j("l");
        Machine m = new Machine().load(p);
        m.ctx().yield = true;
        assertEquals(SliceEnd.YIELD, m.cpu().run(1_000_000));
        m.ctx().yield = false;
        assertEquals(SliceEnd.BUDGET, m.cpu().run(5000));
        assertTrue(m.cpu().retired() >= 5000 && m.cpu().retired() < 5000 + 65);
    }

    @Test
    void a_fetch_from_unmapped_memory_is_an_instruction_access_fault() {
        Asm p = program().li(T0, 0x4000_0000L).jalr(ZERO, T0, 0);
        Machine m = trap(p);
        assertEquals(1, m.x(A0));
        assertEquals(0x4000_0000L, m.x(A1));
        assertEquals(0x4000_0000L, m.x(A2));
    }

    @Test
    void loads_and_stores_outside_ram_and_stores_to_rom_are_access_faults_while_mmio_works() {
        Asm p = program().li(S0, TestBus.MMIO_BASE).li(T0, 77).sd(T0, S0, 8).ld(S1, S0, 8).li(S0, TestBus.ROM_BASE)
                .ld(S2, S0, 0).sd(T0, S0, 0);
        Machine m = trap(p);
        assertEquals(77, m.x(S1));
        assertEquals(7, m.x(A0));
        assertEquals(TestBus.ROM_BASE, m.x(A1));
        Machine n = trap(program().li(S0, 0x7000_0000L).ld(S1, S0, 0));
        assertEquals(5, n.x(A0));
    }

    @Test
    void misaligned_loads_and_stores_are_emulated() {
        long d = TestBus.RAM_BASE + 0x2001;
        Asm p = program().li(S0, d).li(T0, 0x1122334455667788L).sd(T0, S0, 0).ld(S1, S0, 0).lw(S2, S0, 2)
                .opi("lhu", S3, S0, 4).store("sh", T0, S0, 9).opi("lh", S4, S0, 9).halt();
        Machine m = trap(p);
        assertEquals(0, m.x(A0));
        assertEquals(0x1122334455667788L, m.x(S1));
        assertEquals(0x33445566L, m.x(S2));
        assertEquals(0x3344, m.x(S3));
        assertEquals(0x7788, m.x(S4));
        assertEquals(0x1122334455667788L, Long.reverseBytes(Long.reverseBytes(m.bus.read64(d - 1) >>> 8
                | (m.bus.read64(d + 7) << 56))));
    }

    @Test
    void misaligned_atomics_raise_address_misaligned() {
        Machine m = trap(program().li(S0, TestBus.RAM_BASE + 0x2002).amo("amoadd.w", T0, S0, T1));
        assertEquals(6, m.x(A0));
        assertEquals(TestBus.RAM_BASE + 0x2002, m.x(A1));
        Machine n = trap(program().li(S0, TestBus.RAM_BASE + 0x2004).amo("lr.d", T0, S0, ZERO));
        assertEquals(4, n.x(A0));
        Machine o = trap(program().li(S0, TestBus.RAM_BASE + 0x2004).amo("sc.d", T0, S0, T1));
        assertEquals(6, o.x(A0));
    }

    @Test
    void retired_counts_instructions_but_not_trapping_ones() {
        Asm p = new Asm().nop().nop().nop().halt();
        Machine m = Machine.exec(p);
        assertEquals(5, m.cpu().retired());
        assertFalse(m.cpu().registers().isEmpty());
    }
}
