package hv.arch.riscv;

import static hv.arch.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import hv.core.guest.GuestExit;
import hv.core.vcpu.HartControl;
import hv.core.vcpu.SliceEnd;

/** SBI v2.0 as the guest sees it through ecall from S mode. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SbiTest {

    static final long BASE = 0x10, TIME = 0x54494D45L, IPI = 0x735049L, RFENCE = 0x52464E43L, HSM = 0x48534DL,
            SRST = 0x53525354L, DBCN = 0x4442434EL;
    static final long NOT_SUPPORTED = -2, INVALID_PARAM = -3, INVALID_ADDRESS = -5, ALREADY_AVAILABLE = -6;

    static Asm call(Asm a, long eid, long fid, long... args) {
        for (int i = 0; i < args.length; i++) {
            a.li(A0 + i, args[i]);
        }
        return a.li(A6, fid).li(A7, eid).ecall();
    }

    /** One call on a fresh machine with {@code harts} harts; returns the machine after the halt. */
    static Machine sbi(Machine m, long eid, long fid, long... args) {
        m.load(call(new Asm(), eid, fid, args).halt());
        m.runToHalt();
        return m;
    }

    static Machine sbi(long eid, long fid, long... args) {
        return sbi(new Machine(2), eid, fid, args);
    }

    @Test
    void base_reports_spec_2_0_hvs_implementation_id_and_version() {
        assertEquals(0x0200_0000L, sbi(BASE, 0).x(A1));
        assertEquals(0x6876, sbi(BASE, 1).x(A1));
        assertEquals(0x000100, sbi(BASE, 2).x(A1));
        for (int fid = 4; fid <= 6; fid++) {
            Machine m = sbi(BASE, fid);
            assertEquals(0, m.x(A0));
            assertEquals(0, m.x(A1));
        }
        assertEquals(NOT_SUPPORTED, sbi(BASE, 7).x(A0));
    }

    @Test
    void probe_extension_knows_every_offered_extension() {
        for (long eid : new long[] {BASE, TIME, IPI, RFENCE, HSM, SRST, DBCN, 0, 8}) {
            assertEquals(1, sbi(BASE, 3, eid).x(A1), Long.toHexString(eid));
        }
        assertEquals(0, sbi(BASE, 3, 0x504D55 /* PMU */).x(A1));
        assertEquals(NOT_SUPPORTED, sbi(0x504D55, 0).x(A0));
    }

    @Test
    void a_disabled_extension_probes_as_absent_and_answers_not_supported() {
        Machine m = new Machine(2).prop("xvisor,disable-sbi-time", "").prop("xvisor,disable-sbi-legacy", "");
        assertEquals(0, sbi(m, BASE, 3, TIME).x(A1));
        assertEquals(NOT_SUPPORTED, sbi(new Machine(2).prop("xvisor,disable-sbi-time", ""), TIME, 0, 5).x(A0));
        assertEquals(NOT_SUPPORTED, sbi(new Machine(2).prop("xvisor,disable-sbi-legacy", ""), 1, 0, 'x').x(A0));
        assertEquals(1, sbi(new Machine(2).prop("xvisor,disable-sbi-time", ""), BASE, 3, HSM).x(A1));
    }

    @Test
    void time_set_timer_arms_the_supervisor_timer_and_clears_its_pin() {
        Machine m = new Machine(2);
        m.ctx().setPin(5, true);
        sbi(m, TIME, 0, 123456);
        assertEquals(0, m.x(A0));
        assertEquals(123456, m.ctx().timerDeadline);
        assertEquals(5, m.ctx().timerPin);
        assertEquals(0, m.ctx().pins() & 1 << 5);
    }

    @Test
    void legacy_console_timer_and_shutdown_calls() {
        Machine m = new Machine(2);
        m.ctx().in.add((int) 'k');
        Asm p = call(new Asm(), 1, 0, 'h');
        call(p, 1, 0, 'i').mv(S1, A0);
        call(p, 2, 0).mv(S2, A0);
        call(p, 2, 0).mv(S3, A0);
        call(p, 0, 0, 777).mv(S4, A0);
        call(p, 8, 0);
        m.load(p);
        assertEquals(SliceEnd.STOPPED, m.run());
        assertEquals("hi", m.ctx().out.toString());
        assertEquals(0, m.x(S1));
        assertEquals('k', m.x(S2));
        assertEquals(-1, m.x(S3));
        assertEquals(777, m.ctx().timerDeadline);
        assertEquals(Boolean.FALSE, m.harts.shutdownReset);
        assertEquals(SliceEnd.STOPPED, m.cpu().run(100), "a stopped hart stays stopped until reset");
    }

    @Test
    void legacy_ipi_and_fences_read_the_hart_mask_through_the_mmu() {
        Machine m = new Machine(2);
        long mask = TestBus.RAM_BASE + 0x3000;
        m.bus.write64(mask, 0b10);
        m.ctx().setPin(1, true);
        Asm p = call(new Asm(), 4, 0, mask).mv(S1, A0);
        call(p, 3, 0).mv(S2, A0);
        call(p, 5, 0, mask);
        call(p, 6, 0, 0, 0, -1);
        call(p, 4, 0, 0x7000_0000L).mv(S3, A0);
        m.load(p.halt()).runToHalt();
        assertEquals(0, m.x(S1));
        assertEquals(1L << 1, m.harts.contexts.get(1).pins() & 2);
        assertEquals(0, m.ctx().pins() & 2, "clear_ipi");
        assertTrue(m.harts.log.contains("flush 1 1"));
        assertTrue(m.harts.log.contains("flush 1 2"), "a null mask means all harts");
        assertEquals(INVALID_ADDRESS, m.x(S3));
    }

    @Test
    void ipi_send_follows_hart_mask_base_and_rejects_absent_harts() {
        Machine m = sbi(IPI, 0, 0b1, 1);
        assertEquals(0, m.x(A0));
        assertEquals(2, m.harts.contexts.get(1).pins());
        assertEquals(0, m.ctx().pins());
        Machine all = sbi(IPI, 0, 0, -1);
        assertEquals(2, all.harts.contexts.get(1).pins());
        assertEquals(2, all.ctx().pins(), "base -1 includes the caller");
        assertEquals(INVALID_PARAM, sbi(IPI, 0, 0b100, 0).x(A0));
        assertEquals(INVALID_PARAM, sbi(IPI, 0, 1, 2).x(A0));
    }

    @Test
    void rfence_flushes_remote_harts_and_refuses_hypervisor_fences() {
        Machine m = sbi(RFENCE, 0, 0b11, 0);
        assertEquals(0, m.x(A0));
        assertEquals(java.util.List.of("flush 1 1"), m.harts.log);
        Machine v = sbi(RFENCE, 2, 0b10, 0, 0, 4096, 1);
        assertEquals(java.util.List.of("flush 1 2"), v.harts.log);
        for (int fid = 3; fid <= 6; fid++) {
            assertEquals(NOT_SUPPORTED, sbi(RFENCE, fid, 1, 0).x(A0));
        }
        assertEquals(INVALID_PARAM, sbi(RFENCE, 1, 0b100, 0, 0, 0).x(A0));
    }

    @Test
    void hsm_starts_a_stopped_hart_with_its_arguments_and_reports_states() {
        Machine m = new Machine(2);
        long entry = TestBus.RAM_BASE + 0x2000;
        Asm p = call(new Asm(), HSM, 2, 1).mv(S1, A1);
        call(p, HSM, 0, 1, entry, 0xfeed).mv(S2, A0);
        call(p, HSM, 0, 1, entry, 0).mv(S3, A0);
        call(p, HSM, 2, 1).mv(S4, A1);
        call(p, HSM, 0, 5, entry, 0).mv(S5, A0);
        call(p, HSM, 0, 1, 0x7000_0000L, 0).mv(S6, A0);
        call(p, HSM, 2, 9).mv(S7, A0);
        m.load(p.halt()).runToHalt();
        assertEquals(1, m.x(S1), "stopped");
        assertEquals(0, m.x(S2));
        assertEquals(ALREADY_AVAILABLE, m.x(S3));
        assertEquals(0, m.x(S4), "started");
        assertEquals(INVALID_PARAM, m.x(S5));
        assertEquals(INVALID_ADDRESS, m.x(S6));
        assertEquals(INVALID_PARAM, m.x(S7));
        RiscvEngine h1 = m.cpu(1);
        assertEquals(entry, h1.pc);
        assertEquals(1, h1.x[A0]);
        assertEquals(0xfeed, h1.x[A1]);
    }

    @Test
    void hsm_hart_stop_ends_the_slice_with_stopped() {
        Machine m = new Machine(2).load(call(new Asm(), HSM, 1).halt());
        m.load(new Asm(TestBus.RAM_BASE + 0x100).halt());
        assertEquals(SliceEnd.STOPPED, m.run());
        m.cpu().reset(TestBus.RAM_BASE + 0x100, 0, 0);
        assertEquals(SliceEnd.WAIT, m.cpu().run(100), "runs again after a reset");
    }

    @Test
    void retentive_suspend_waits_for_an_enabled_interrupt_and_returns_success() {
        Machine m = new Machine(2);
        Asm p = new Asm().li(T0, 0x20).csrw(Traps.SIE, T0);
        call(p, HSM, 3, 0, 0, 0).mv(S1, A0).li(S2, 1).halt();
        m.load(p);
        assertEquals(SliceEnd.WAIT, m.cpu().run(1000));
        assertEquals(SliceEnd.WAIT, m.cpu().run(1000), "still suspended");
        assertEquals(0, m.x(S2));
        m.ctx().setPin(5, true);
        assertEquals(SliceEnd.WAIT, m.cpu().run(1000));
        assertEquals(1, m.x(S2));
        assertEquals(0, m.x(S1));
    }

    @Test
    void non_retentive_suspend_resumes_at_the_given_address_with_satp_off() {
        Machine m = new Machine(2);
        long resume = TestBus.RAM_BASE + 0x2000;
        Asm p = new Asm().li(T0, 0x20).csrw(Traps.SIE, T0).csr("csrrsi", ZERO, Traps.SSTATUS, 2);
        call(p, HSM, 3, 0x8000_0000L, resume, 0xabc).halt();
        m.load(p).load(new Asm(resume).csrr(S1, Traps.SSTATUS).csrr(S2, Traps.SATP).halt());
        assertEquals(SliceEnd.WAIT, m.cpu().run(1000));
        m.ctx().setPin(5, true);
        m.runToHalt();
        assertEquals(0, m.x(A0), "a0 = hart id");
        assertEquals(0xabc, m.x(A1));
        assertEquals(0, m.x(S1) & 2, "SIE cleared");
        assertEquals(0, m.x(S2));
    }

    @Test
    void suspend_types_that_are_reserved_or_platform_specific_are_refused() {
        assertEquals(INVALID_PARAM, sbi(HSM, 3, 1, 0, 0).x(A0));
        assertEquals(INVALID_PARAM, sbi(HSM, 3, 0x8000_0001L, 0, 0).x(A0));
        assertEquals(NOT_SUPPORTED, sbi(HSM, 3, 0x1000_0000L, 0, 0).x(A0));
        assertEquals(INVALID_ADDRESS, sbi(HSM, 3, 0x8000_0000L, 0x7000_0000L, 0).x(A0));
    }

    @Test
    void srst_shuts_down_or_reboots_and_validates_type_and_reason() {
        Machine m = new Machine(2).load(call(new Asm(), SRST, 0, 1, 1).halt());
        assertEquals(SliceEnd.STOPPED, m.run());
        assertEquals(Boolean.TRUE, m.harts.shutdownReset);
        assertTrue(m.harts.shutdown.contains("cold reboot") && m.harts.shutdown.contains("system failure"));
        assertEquals(GuestExit.Kind.RESET, m.harts.exit.kind());
        Machine s = new Machine(2).load(call(new Asm(), SRST, 0, 0, 0).halt());
        assertEquals(SliceEnd.STOPPED, s.run());
        assertEquals(Boolean.FALSE, s.harts.shutdownReset);
        assertEquals(GuestExit.Kind.POWER_OFF, s.harts.exit.kind());
        Machine f = new Machine(2).load(call(new Asm(), SRST, 0, 0, 1).halt());
        assertEquals(SliceEnd.STOPPED, f.run());
        assertEquals(GuestExit.Kind.FAILURE, f.harts.exit.kind());
        assertEquals(INVALID_PARAM, sbi(SRST, 0, 3, 0).x(A0));
        assertEquals(INVALID_PARAM, sbi(SRST, 0, 0, 2).x(A0));
        assertEquals(NOT_SUPPORTED, sbi(SRST, 1, 0, 0).x(A0));
    }

    @Test
    void dbcn_writes_and_reads_guest_physical_buffers_in_ram_only() {
        Machine m = new Machine(2);
        long buf = TestBus.RAM_BASE + 0x3000;
        byte[] msg = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(msg, 0, m.bus.ram, 0x3000, msg.length);
        m.ctx().in.add((int) 'o');
        m.ctx().in.add((int) 'k');
        Asm p = call(new Asm(), DBCN, 0, 5, buf, 0).mv(S1, A1);
        call(p, DBCN, 2, '!').mv(S2, A0);
        call(p, DBCN, 1, 16, buf + 0x100, 0).mv(S3, A1);
        call(p, DBCN, 0, 4, TestBus.MMIO_BASE, 0).mv(S4, A0);
        call(p, DBCN, 0, 4, buf, 1).mv(S5, A0);
        call(p, DBCN, 1, 4, TestBus.ROM_BASE, 0).mv(S6, A0);
        m.load(p.halt()).runToHalt();
        assertEquals("hello!", m.ctx().out.toString());
        assertEquals(5, m.x(S1));
        assertEquals(0, m.x(S2));
        assertEquals(2, m.x(S3));
        assertEquals('o', m.bus.ram[0x3100]);
        assertEquals('k', m.bus.ram[0x3101]);
        assertEquals(INVALID_PARAM, m.x(S4));
        assertEquals(INVALID_PARAM, m.x(S5));
        assertEquals(INVALID_PARAM, m.x(S6), "reading into ROM");
    }

    @Test
    void ecall_returns_to_the_next_instruction_and_counts_as_retired() {
        Machine m = sbi(BASE, 0);
        assertFalse(m.cpu().retired() < 5);
        assertEquals(HartControl.HartState.STARTED, m.harts.state(0));
    }
}
