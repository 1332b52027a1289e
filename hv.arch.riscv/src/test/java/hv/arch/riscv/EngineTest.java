package hv.arch.riscv;

import static hv.arch.riscv.Asm.*;
import static hv.arch.riscv.Traps.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import hv.core.state.SavedState;
import hv.core.state.StateException;
import hv.core.vcpu.SliceEnd;
import hv.core.vcpu.VcpuEngine;

/** The VcpuEngine contract: ISA strings, save/restore, flushes, budgets and self-modifying code. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EngineTest {

    @Test
    void the_isa_string_is_what_is_implemented_without_a_dt_property() {
        assertEquals("rv64imafdc_zicsr_zifencei_zicntr_zihintpause_zba_zbb_zbs", new Machine().cpu().isa());
    }

    @Test
    void the_isa_string_is_intersected_with_the_dt_property() {
        assertEquals("rv64imac", new Machine().prop("riscv,isa", "rv64imac").cpu().isa());
        assertEquals("rv64imafd_zicsr_zifencei", new Machine().prop("riscv,isa", "rv64g").cpu().isa());
        assertEquals("rv64imafdc_zicsr_zifencei_zba", new Machine().prop("riscv,isa", "rv64imafdcsu_zicsr_zifencei_zba")
                .cpu().isa());
        assertEquals("rv64imac_zicsr", new Machine().prop("riscv,isa", "rv64i2p1m2p0a2p1c2p0_zicsr2p0").cpu().isa());
    }

    @Test
    void an_isa_string_asking_for_the_unimplemented_is_refused_naming_the_property() {
        for (String s : new String[] {"rv64imafdcv", "rv64gch", "rv64imac_sstc", "rv32imac", "rv64imafdc_svpbmt"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Machine().prop("riscv,isa", s).cpu());
            assertTrue(e.getMessage().contains("riscv,isa"), e.getMessage());
        }
    }

    @Test
    void extensions_left_out_of_the_isa_decode_as_illegal() {
        Machine m = new Machine().prop("riscv,isa", "rv64imac");
        m.load(program().li(T0, 3).fop(0x79, 1, T0, 0, 0)); // fmv.d.x
        m.load(new Asm(HANDLER).csrr(A0, SCAUSE).halt());
        m.runToHalt();
        assertEquals(2, m.x(A0));
        Machine n = new Machine().prop("riscv,isa", "rv64ia");
        n.load(program().op("mul", A1, A1, A1));
        n.load(new Asm(HANDLER).csrr(A0, SCAUSE).halt());
        n.runToHalt();
        assertEquals(2, n.x(A0));
    }

    @Test
    void without_c_jumps_to_two_byte_aligned_targets_raise_misaligned_fetch() {
        Machine m = new Machine().prop("riscv,isa", "rv64ima");
        m.load(program().li(T0, TestBus.RAM_BASE + 0x102).jalr(RA, T0, 0));
        m.load(new Asm(HANDLER).csrr(A0, SCAUSE).csrr(A1, STVAL).halt());
        m.runToHalt();
        assertEquals(0, m.x(A0));
        assertEquals(TestBus.RAM_BASE + 0x102, m.x(A1));
    }

    @Test
    void save_and_restore_round_trip_the_whole_architectural_state() {
        Asm p = program().li(T0, 3L << 13).csr("csrrs", ZERO, SSTATUS, T0).li(S0, 0x1234).fop(0x79, 7, S0, 0, 0)
                .csr("csrrwi", ZERO, FRM, 2).li(T0, 0x222).csrw(SIE, T0).csrw(SSCRATCH, S0).li(A0, 77).wfi()
                .addi(A0, A0, 1).halt();
        Machine m = machine(p);
        assertEquals(SliceEnd.WAIT, m.cpu().run(10_000));
        SavedState s = SavedState.fromBytes(m.cpu().save().toBytes());
        Machine n = machine(p);
        n.cpu().restore(s);
        assertEquals(m.cpu().registers(), n.cpu().registers());
        assertEquals(SliceEnd.WAIT, n.cpu().run(1000), "still waiting after the restore");
        n.ctx().setPin(1, true);
        n.runToHalt();
        assertEquals(78, n.x(A0));
    }

    @Test
    void restore_refuses_unknown_versions_other_types_and_other_isas_and_leaves_the_engine_unchanged() {
        Machine m = new Machine();
        RiscvEngine e = m.cpu();
        Map<String, Long> before = e.registers();
        SavedState good = e.save();
        assertThrows(StateException.class, () -> e.restore(new SavedState(RiscvEngine.STATE_TYPE, 99)));
        assertThrows(StateException.class, () -> e.restore(new SavedState("something.else", 1)));
        SavedState partial = new SavedState(RiscvEngine.STATE_TYPE, 1).put("isa", e.isa()).put("pc", 5L);
        assertThrows(StateException.class, () -> e.restore(partial));
        Machine other = new Machine().prop("riscv,isa", "rv64imac");
        assertThrows(StateException.class, () -> other.cpu().restore(good));
        assertEquals(before, e.registers());
    }

    @Test
    void code_rewritten_by_the_hart_itself_runs_in_its_new_form_without_fence_i() {
        // patch the instruction at "target" from li a0,1 to li a0,2, then run it again
        Asm p = new Asm().li(S1, 0).label("again").li(T3, TestBus.RAM_BASE + 0x200).jalr(RA, T3, 0)
                .addi(S1, S1, 1).li(T0, 2)
                .branch("beq", S1, T0, "done").li(S0, TestBus.RAM_BASE + 0x200).li(T1, Asm.i(0x13, 0, A0, 0, 2))
                .sw(T1, S0, 0).j("again").label("done").halt();
        Machine m = new Machine().load(p).load(new Asm(TestBus.RAM_BASE + 0x200).addi(A0, ZERO, 1).jalr(ZERO, RA, 0));
        m.runToHalt();
        assertEquals(2, m.x(A0));
    }

    @Test
    void code_written_by_another_hart_is_seen_after_a_remote_fence() {
        Machine m = new Machine(2);
        long f = TestBus.RAM_BASE + 0x200;
        Asm p0 = new Asm().li(T3, f).jalr(RA, T3, 0).mv(S1, A0).wfi().jalr(RA, T3, 0).mv(S2, A0).halt();
        m.load(p0).load(new Asm(f).addi(A0, ZERO, 1).jalr(ZERO, RA, 0));
        assertEquals(SliceEnd.WAIT, m.cpu(0).run(1000));
        // hart 1 rewrites f, then asks for a remote fence.i on hart 0 (SBI RFENCE)
        Asm p1 = new Asm(TestBus.RAM_BASE + 0x1000).li(S0, f).li(T1, Asm.i(0x13, 0, A0, 0, 2)).sw(T1, S0, 0)
                .li(A0, 1).li(A1, 0).li(A6, 0).li(A7, 0x52464E43L).ecall().halt();
        m.load(p1);
        m.cpu(1).reset(TestBus.RAM_BASE + 0x1000, 1, 0);
        assertEquals(SliceEnd.WAIT, m.cpu(1).run(1000));
        m.harts.contexts.get(0).setPin(1, true);
        m.cpu(0).sie = 2;
        assertEquals(SliceEnd.WAIT, m.cpu(0).run(1000));
        assertEquals(1, m.cpu(0).x[S1]);
        assertEquals(2, m.cpu(0).x[S2]);
    }

    @Test
    void request_flush_from_another_thread_is_applied_before_the_next_block() throws Exception {
        Machine m = new Machine();
        PageTables pt = new PageTables(m, 3).identity();
        m.load(new Asm().li(T0, pt.satp()).csrw(SATP, T0).label("l").j("l"));
        RiscvEngine e = m.cpu();
        e.run(1000);
        long walks = e.statistics().get("tlb.walks");
        Thread t = new Thread(() -> e.requestFlush(VcpuEngine.FLUSH_ICACHE | VcpuEngine.FLUSH_TLB));
        t.start();
        t.join();
        e.run(1000);
        assertEquals(1, e.statistics().get("flush.tlb"));
        assertEquals(1, e.statistics().get("flush.icache"));
        assertEquals(walks + 1, e.statistics().get("tlb.walks"), "the loop's page was walked again");
    }

    @Test
    void a_bus_generation_change_drops_cached_translations_and_blocks() {
        Machine m = new Machine().load(new Asm().label("l").j("l"));
        RiscvEngine e = m.cpu();
        e.run(1000);
        long decoded = e.statistics().get("blocks.decoded");
        m.bus.generation.incrementAndGet();
        e.run(1000);
        assertEquals(decoded + 1, e.statistics().get("blocks.decoded"));
    }

    @Test
    void a_slice_overruns_its_budget_by_at_most_one_block() {
        Machine m = new Machine().load(new Asm().label("l").nop().nop().nop().j("l"));
        RiscvEngine e = m.cpu();
        assertEquals(SliceEnd.BUDGET, e.run(10));
        assertTrue(e.retired() >= 10 && e.retired() <= 12, "retired " + e.retired());
    }

    @Test
    void reset_sets_pc_and_boot_arguments_and_clears_everything_else() {
        Machine m = Machine.exec(program().li(S3, 5).halt());
        m.cpu().reset(0x8020_0000L, 3, 0x8700_0000L);
        Map<String, Long> r = m.cpu().registers();
        assertEquals(0x8020_0000L, r.get("pc"));
        assertEquals(3, r.get("x10"));
        assertEquals(0x8700_0000L, r.get("x11"));
        assertEquals(0, r.get("x19"));
        assertEquals(0, r.get("stvec"));
        assertEquals(1, r.get("priv"));
        assertEquals(0, m.cpu().retired());
    }

    @Test
    void the_factory_is_a_ds_component_for_riscv_generic() {
        org.osgi.service.component.annotations.Component c = RiscvEngineFactory.class
                .getAnnotation(org.osgi.service.component.annotations.Component.class);
        // the annotation is CLASS-retained: checked through the generated DS XML at build time instead
        assertEquals(null, c);
        assertEquals(0x010203, RiscvEngineFactory.encode(new org.osgi.framework.Version(1, 2, 3)));
    }
}
