package hv.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.core.fixture.Asm;
import hv.core.fixture.Dts;
import hv.core.fixture.TestEngine;
import hv.core.fixture.TestKernel;
import hv.core.guest.Guest;
import hv.core.guest.Vcpu;
import hv.core.state.SavedState;
import hv.core.vcpu.SliceEnd;
import hv.core.vcpu.VcpuContext;
import hv.core.vcpu.VcpuEngine;

class SchedulerTest {

    @TempDir
    Path dir;

    private TestKernel k;

    @AfterEach
    void close() {
        if (k != null) {
            k.close();
        }
    }

    private static byte[] spin() {
        return new Asm().label("l").jmp("l").bytes();
    }

    private Guest twoVcpus(String extra0, String extra1) {
        String dts = Dts.guest("", Dts.vcpu("vcpu0", Dts.RAM, extra0) + Dts.vcpu("vcpu1", Dts.RAM, extra1),
                Dts.ram("mem0", Dts.RAM, 0x10000, Dts.image(dir, spin())));
        return k.create(dts, "g");
    }

    @Test
    void aHigherPriorityVcpuKeepsTheOnlyHostCpuFromALowerOne() throws Exception {
        k = new TestKernel(1);
        Guest g = twoVcpus("priority = <5>;", "priority = <3>;");
        g.kick();
        Vcpu hi = g.vcpus().get(0);
        Vcpu lo = g.vcpus().get(1);
        TestKernel.await(g, () -> hi.stats().switches() > 5, 3000);
        assertEquals(0, lo.retired(), "the lower priority never ran");
        assertEquals(0, lo.stats().switches());
        hi.pause();
        TestKernel.await(g, () -> lo.retired() > 0, 2000);
    }

    @Test
    void equalPrioritiesShareAHostCpuRoundRobin() throws Exception {
        k = new TestKernel(1);
        Guest g = twoVcpus("time_slice = <2000000>;", "time_slice = <2000000>;");
        g.kick();
        TestKernel.await(g, () -> g.vcpus().stream().allMatch(v -> v.stats().switches() >= 5), 3000);
        g.pause();
        for (Vcpu v : g.vcpus()) {
            assertTrue(v.retired() > 0, v.name());
            assertTrue(v.stats().readyNanos() > 0, v.name() + " waited for the CPU");
        }
        HostCpuStats cpu = k.kernel.scheduler().hostCpus().get(0);
        assertTrue(cpu.switches() >= 10, cpu.toString());
    }

    @Test
    void aWokenHigherPriorityVcpuPreemptsALowerOneBeforeItsSliceEnds() throws Exception {
        k = new TestKernel(1);
        byte[] image = new byte[0x200];
        byte[] low = spin();
        byte[] high = new Asm().time(3).addi(3, 3, 100_000).setTimer(3).wfi(1 << TestEngine.TIMER_PIN)
                .print("!", 2).stop().bytes();
        System.arraycopy(low, 0, image, 0, low.length);
        System.arraycopy(high, 0, image, 0x100, high.length);
        String dts = Dts.guest("", Dts.vcpu("vcpu0", Dts.RAM, "priority = <1>; time_slice = <1000000000>;")
                + Dts.vcpu("vcpu1", Dts.RAM + 0x100, "priority = <6>;"),
                Dts.ram("mem0", Dts.RAM, 0x10000, Dts.image(dir, image)));
        Guest g = k.create(dts, "p");
        g.kick();
        long t0 = System.nanoTime();
        TestKernel.await(g, () -> g.console().outputText().equals("!"), 3000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 500, "printed after " + ms + " ms, the low VCPU's slice is 1 s");
        assertTrue(g.vcpus().get(0).stats().preemptions() >= 1, g.vcpus().get(0).stats().toString());
    }

    /** Wraps test engines to record the host threads they run on. */
    private static final class Recording implements hv.core.vcpu.VcpuEngineFactory {
        final Map<Integer, Set<String>> threads = new ConcurrentHashMap<>();

        @Override
        public VcpuEngine create(VcpuContext ctx) {
            TestEngine e = new TestEngine(ctx);
            Set<String> mine = ConcurrentHashMap.newKeySet();
            threads.put(ctx.hartId(), mine);
            return new VcpuEngine() {
                public SliceEnd run(long budget) {
                    mine.add(Thread.currentThread().getName());
                    return e.run(budget);
                }

                public long retired() {
                    return e.retired();
                }

                public void reset(long pc, long a0, long a1) {
                    e.reset(pc, a0, a1);
                }

                public void requestFlush(int kinds) {
                }

                public Map<String, Long> registers() {
                    return e.registers();
                }

                public SavedState save() {
                    return e.save();
                }

                public void restore(SavedState s) {
                    e.restore(s);
                }

                public String isa() {
                    return "hvt";
                }
            };
        }
    }

    @Test
    void aVcpuRunsOnlyOnTheHostCpusItsAffinityAllows() throws Exception {
        k = new TestKernel(2);
        Recording rec = new Recording();
        k.kernel.engines().add(rec, List.of("hv,recording"), 10);
        String dts = Dts.guest("", Dts.vcpu("vcpu0", Dts.RAM, "affinity = <1>; time_slice = <1000000>;")
                        .replace(hv.core.fixture.TestEngineFactory.COMPAT, "hv,recording")
                        + Dts.vcpu("vcpu1", Dts.RAM, "affinity = <1>; time_slice = <1000000>;")
                        .replace(hv.core.fixture.TestEngineFactory.COMPAT, "hv,recording")
                        + Dts.vcpu("vcpu2", Dts.RAM, "time_slice = <1000000>;")
                        .replace(hv.core.fixture.TestEngineFactory.COMPAT, "hv,recording"),
                Dts.ram("mem0", Dts.RAM, 0x10000, Dts.image(dir, spin())));
        Guest g = k.create(dts, "aff");
        g.kick();
        Thread.sleep(200);
        g.pause();
        assertEquals(Set.of("hv-hcpu1"), rec.threads.get(0));
        assertEquals(Set.of("hv-hcpu1"), rec.threads.get(1));
        assertTrue(g.vcpus().get(0).retired() > 0 && g.vcpus().get(1).retired() > 0);
        assertTrue(rec.threads.get(2).contains("hv-hcpu0"), rec.threads.toString());
    }

    /** A policy that ignores priorities: plain FIFO. */
    private static final class Fifo implements SchedulerPolicy {
        final ArrayDeque<SchedEntity> q = new ArrayDeque<>();
        final AtomicInteger rebuilt = new AtomicInteger();

        @Override
        public void enqueue(SchedEntity e, ReadyReason reason) {
            if (reason == ReadyReason.REBUILD) {
                rebuilt.incrementAndGet();
            }
            q.addLast(e);
        }

        @Override
        public void remove(SchedEntity e) {
            q.remove(e);
        }

        @Override
        public SchedEntity pickNext(int hostCpu) {
            return q.pollFirst();
        }

        @Override
        public boolean preempts(SchedEntity woken, SchedEntity running) {
            return false;
        }
    }

    @Test
    void thePolicyCanBeSwappedWhileGuestsRunAndReadyQueuesAreRebuilt() throws Exception {
        k = new TestKernel(1);
        Guest g = twoVcpus("priority = <7>; time_slice = <1000000>;", "priority = <0>; time_slice = <1000000>;");
        g.kick();
        Thread.sleep(50);
        Vcpu lo = g.vcpus().get(1);
        assertEquals(0, lo.retired());
        assertEquals(Scheduler.BUILTIN_POLICY, k.kernel.scheduler().activePolicy());
        Fifo fifo = new Fifo();
        k.kernel.scheduler().addPolicy("fifo", fifo, 0);
        assertEquals("fifo", k.kernel.scheduler().activePolicy());
        TestKernel.await(g, () -> lo.retired() > 0, 2000);
        assertTrue(fifo.rebuilt.get() >= 1, "the ready low-priority VCPU was handed over");
        assertEquals(List.of(Scheduler.BUILTIN_POLICY, "fifo"), k.kernel.scheduler().policies());
        k.kernel.scheduler().selectPolicy(Scheduler.BUILTIN_POLICY);
        assertEquals(Scheduler.BUILTIN_POLICY, k.kernel.scheduler().activePolicy());
        long before = lo.retired();
        Thread.sleep(50);
        long after = lo.retired();
        Thread.sleep(50);
        assertEquals(after, lo.retired(), "back to priorities: the low VCPU starves again");
        assertTrue(after >= before);
        assertThrows(IllegalArgumentException.class, () -> k.kernel.scheduler().selectPolicy("nope"));
        k.kernel.scheduler().selectPolicy("fifo");
        k.kernel.scheduler().removePolicy(fifo);
        assertEquals(Scheduler.BUILTIN_POLICY, k.kernel.scheduler().activePolicy());
    }

    @Test
    void orphanVcpusRunInSlicesSleepWhenIdleAndWakeOnDemand() throws Exception {
        k = new TestKernel(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger work = new AtomicInteger(3);
        Orphan o = k.kernel.scheduler().createOrphan("worker", 4, 1_000_000, deadline -> {
            runs.incrementAndGet();
            return work.decrementAndGet() > 0 ? OrphanBody.Result.MORE : OrphanBody.Result.IDLE;
        });
        TestKernel.await(null, () -> runs.get() == 3, 2000);
        Thread.sleep(20);
        assertEquals(3, runs.get(), "idle orphans do not run");
        work.set(1);
        o.wake();
        TestKernel.await(null, () -> runs.get() == 4, 2000);
        assertEquals("orphan/worker", o.name());
        assertTrue(o.stats().switches() >= 4);
        assertTrue(k.kernel.scheduler().entities().stream().anyMatch(e -> e.orphan() && e.name().equals("orphan/worker")));
        o.destroy();
        assertTrue(k.kernel.scheduler().entities().stream().noneMatch(EntityInfo::orphan));
    }
}
