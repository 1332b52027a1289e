package hv.arch.riscv;

import static hv.arch.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import hv.core.vcpu.SliceEnd;

/** The A extension: AMO results, LR/SC success and failure paths, and contention between real threads. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AtomicsTest {

    static final long CELL = TestBus.RAM_BASE + 0x4000;

    @ParameterizedTest(name = "{0}: memory {1}, operand {2} -> memory {3}, rd {4}")
    @CsvSource({
        "amoswap.w, 5, 7, 7, 5", "amoadd.w, 2147483647, 1, 2147483648, 2147483647", "amoxor.w, 12, 10, 6, 12",
        "amoand.w, 12, 10, 8, 12", "amoor.w, 12, 10, 14, 12", "amomin.w, 4294967295, 1, 4294967295, -1",
        "amomax.w, 4294967295, 1, 1, -1", "amominu.w, 4294967295, 1, 1, -1", "amomaxu.w, 1, -1, 4294967295, 1",
        "amoswap.d, 5, -7, -7, 5", "amoadd.d, -1, 1, 0, -1", "amoxor.d, -1, 1, -2, -1", "amoand.d, -1, 6, 6, -1",
        "amoor.d, 8, 1, 9, 8", "amomin.d, -5, 3, -5, -5", "amomax.d, -5, 3, 3, -5", "amominu.d, -5, 3, 3, -5",
        "amomaxu.d, -5, 3, -5, -5"
    })
    void amos_return_the_old_value_and_store_the_result(String m, long mem, long operand, long after, long rd) {
        Asm p = new Asm().li(S0, CELL).li(T1, operand).amo(m, A0, S0, T1).halt();
        Machine mc = new Machine().load(p);
        mc.bus.write64(CELL, mem);
        mc.runToHalt();
        assertEquals(rd, mc.x(A0));
        long got = m.endsWith(".w") ? mc.bus.read64(CELL) & 0xffff_ffffL : mc.bus.read64(CELL);
        assertEquals(m.endsWith(".w") ? after & 0xffff_ffffL : after, got);
    }

    @Test
    void lr_and_sc_succeed_together_and_sc_alone_fails() {
        Asm p = new Asm().li(S0, CELL).amo("lr.d", T0, S0, ZERO).addi(T0, T0, 1).amo("sc.d", A0, S0, T0)
                .amo("sc.d", A1, S0, T0).amo("lr.w", T2, S0, ZERO).addi(S1, S0, 8).amo("sc.w", A2, S1, T2).halt();
        Machine m = new Machine().load(p);
        m.bus.write64(CELL, 41);
        m.runToHalt();
        assertEquals(0, m.x(A0), "sc after lr succeeds");
        assertEquals(1, m.x(A1), "a second sc fails: the first cleared the reservation");
        assertEquals(1, m.x(A2), "sc to another address fails");
        assertEquals(42, m.bus.read64(CELL));
    }

    @Test
    void lr_w_sign_extends_and_sc_w_writes_32_bits() {
        Asm p = new Asm().li(S0, CELL).amo("lr.w", A0, S0, ZERO).li(T0, 0x1_2345_6789L).amo("sc.w", A1, S0, T0).halt();
        Machine m = new Machine().load(p);
        m.bus.write64(CELL, 0xaaaa_aaaa_8000_0000L);
        m.runToHalt();
        assertEquals(0xffff_ffff_8000_0000L, m.x(A0));
        assertEquals(0, m.x(A1));
        assertEquals(0xaaaa_aaaa_2345_6789L, m.bus.read64(CELL));
    }

    @Test
    void a_store_changing_the_reserved_word_makes_sc_fail() {
        Asm p = new Asm().li(S0, CELL).amo("lr.d", T0, S0, ZERO).li(T1, 5).sd(T1, S0, 0).amo("sc.d", A0, S0, T0).halt();
        Machine m = new Machine().load(p).runToHalt();
        assertEquals(1, m.x(A0));
        assertEquals(5, m.bus.read64(CELL));
    }

    @Test
    void another_harts_successful_sc_breaks_the_reservation_even_when_the_value_comes_back() {
        // hart 0: lr, then waits (wfi); hart 1: two lr/sc pairs changing the value and back; hart 0: sc
        Machine m = new Machine(2);
        Asm p0 = new Asm().li(S0, CELL).amo("lr.d", T0, S0, ZERO).wfi().amo("sc.d", A0, S0, T0).halt();
        Asm p1 = new Asm(TestBus.RAM_BASE + 0x1000).li(S0, CELL).amo("lr.d", T0, S0, ZERO).addi(T1, T0, 1)
                .amo("sc.d", A1, S0, T1).amo("lr.d", T0, S0, ZERO).addi(T1, T0, -1).amo("sc.d", A2, S0, T1).halt();
        m.load(p0).load(p1);
        m.cpu(1).reset(TestBus.RAM_BASE + 0x1000, 1, 0);
        assertEquals(SliceEnd.WAIT, m.cpu(0).run(1000));
        assertEquals(SliceEnd.WAIT, m.cpu(1).run(1000));
        assertEquals(0, m.cpu(1).x[A1]);
        assertEquals(0, m.cpu(1).x[A2]);
        assertEquals(0, m.bus.read64(CELL), "value back to what hart 0 reserved");
        m.harts.contexts.get(0).setPin(1, true);
        m.cpu(0).sie = 2; // let the software interrupt pin wake the wfi (SIE stays 0: no trap)
        m.cpu(0).run(1000);
        assertEquals(1, m.cpu(0).x[A0], "the ABA change is noticed");
    }

    /** Runs every hart of {@code m} on its own thread until each halts. */
    static void runAll(Machine m) throws InterruptedException {
        List<Thread> ts = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int h = 0; h < m.harts.count(); h++) {
            RiscvEngine e = m.cpu(h);
            Thread t = new Thread(() -> {
                try {
                    SliceEnd r;
                    do {
                        r = e.run(50_000);
                    } while (r == SliceEnd.BUDGET);
                    if (r != SliceEnd.WAIT) {
                        throw new AssertionError("hart ended with " + r);
                    }
                } catch (Throwable x) {
                    synchronized (errors) {
                        errors.add(x);
                    }
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new AssertionError(errors.get(0));
        }
    }

    static final int N = 200_000;

    @Test
    @Timeout(30)
    void amoadd_from_two_threads_loses_no_increment() throws InterruptedException {
        Asm p = new Asm().li(S0, CELL).li(T0, N).li(T1, 1).label("l").amo("amoadd.w", ZERO, S0, T1).addi(T0, T0, -1)
                .bnez(T0, "l").halt();
        Machine m = new Machine(2).load(p);
        runAll(m);
        assertEquals(2L * N, m.bus.read64(CELL));
    }

    @Test
    @Timeout(30)
    void an_lr_sc_spin_lock_protects_a_plain_counter_across_two_threads() throws InterruptedException {
        // lock word at CELL, counter at CELL + 64 (incremented with plain ld/addi/sd inside the lock)
        Asm p = new Asm().li(S0, CELL).li(S1, CELL + 64).li(T0, N / 2).li(T3, 1);
        p.label("acquire").amo("lr.w", T1, S0, ZERO).bnez(T1, "acquire").amo("sc.w", T2, S0, T3).bnez(T2, "acquire")
                .ld(T4, S1, 0).addi(T4, T4, 1).sd(T4, S1, 0)
                .fence(3, 1).sw(ZERO, S0, 0) // release: fence rw,w; plain store
                .addi(T0, T0, -1).bnez(T0, "acquire").halt();
        Machine m = new Machine(2).load(p);
        runAll(m);
        assertEquals(N, m.bus.read64(CELL + 64));
    }

    @Test
    @Timeout(30)
    void an_amoswap_lock_released_by_a_plain_store_never_loses_the_release() throws InterruptedException {
        Asm p = new Asm().li(S0, CELL).li(S1, CELL + 64).li(T0, N / 2).li(T3, 1);
        p.label("acquire").amo("amoswap.w", T1, S0, T3).bnez(T1, "acquire")
                .ld(T4, S1, 0).addi(T4, T4, 1).sd(T4, S1, 0).sw(ZERO, S0, 0)
                .addi(T0, T0, -1).bnez(T0, "acquire").halt();
        Machine m = new Machine(2).load(p);
        runAll(m);
        assertEquals(N, m.bus.read64(CELL + 64));
    }
}
