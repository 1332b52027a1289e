package hv.sched.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import hv.core.internal.sched.HostCpu;
import hv.core.internal.sched.SchedulerCore;
import hv.core.internal.sched.Task;
import hv.core.sched.HostCpuStats;
import hv.core.sched.SchedStats;
import hv.core.sched.SliceOutcome;
import hv.sched.rr.RoundRobin;

/**
 * The policies on hv.core's real scheduler core (real threads, real time): the core's timer serves
 * budgets, affinity changes at run time, and policy swaps under load never run a task on two host
 * CPUs at once. Tolerances are loose: the machine is shared.
 */
class RealCoreTest {

    private static final long MS = 1_000_000;

    private SchedulerCore core;

    @AfterEach
    void close() {
        if (core != null) {
            core.close();
        }
    }

    /** A busy task: spins for its whole slice, counting; records its threads and any overlap. */
    static final class Spinner extends Task {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicLong spins = new AtomicLong();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        Spinner(String name, int prio, long slice, long deadline, long period, BitSet affinity) {
            super(name, false, prio, slice, deadline, period, affinity);
        }

        @Override
        protected SliceOutcome runSlice(HostCpu cpu, long sliceNanos) {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            threads.add(Thread.currentThread().getName());
            long end = System.nanoTime() + sliceNanos;
            long n = 0;
            while (System.nanoTime() - end < 0 && !yieldRequested()) {
                n++;
                Thread.onSpinWait();
            }
            spins.addAndGet(n);
            inside.decrementAndGet();
            return yieldRequested() ? SliceOutcome.YIELDED : SliceOutcome.SLICE_END;
        }
    }

    private Spinner spinner(String name, long slice, long period, BitSet affinity) {
        Spinner s = new Spinner(name, 3, slice, period, period, affinity);
        core.register(s);
        core.wake(s);
        return s;
    }

    private static void await(String what, BooleanSupplier cond, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * MS;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void theCoreTimerReplenishesBudgetsAndAThrottledTaskLeavesTheHostCpuIdle() throws Exception {
        core = new SchedulerCore(1, null);
        core.addPolicy("rms", new RateMonotonic(System::nanoTime, true, false), 0);
        Spinner s = spinner("g/v0", 2 * MS, 10 * MS, null);
        Thread.sleep(600);
        SchedStats st = core.stats(s);
        HostCpuStats cpu = core.hostCpus().get(0);
        double share = (double) st.runNanos() / st.elapsedNanos();
        assertTrue(share > 0.1 && share < 0.3, "about 20% of the host CPU: " + st);
        assertTrue(st.budgetOverruns() >= 30, "throttled about once per 10 ms period: " + st);
        assertTrue(st.switches() >= 30, "picked again after each replenishment: " + st);
        assertTrue(cpu.idleNanos() > cpu.busyNanos(), "the host CPU idles while the only task is throttled: " + cpu);
        assertTrue(cpu.budgetOverruns() >= 30, cpu.toString());
        assertEquals(0, s.overlaps.get());
    }

    @Test
    void swappingPoliciesUnderLoadNeverRunsATaskTwiceAtOnceAndEveryTaskProgresses() throws Exception {
        core = new SchedulerCore(2, null);
        Spinner[] ts = new Spinner[5];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = spinner("g/v" + i, MS, 5 * MS, null);
        }
        RoundRobin rr = new RoundRobin();
        RateMonotonic rms = new RateMonotonic(System::nanoTime, true, false);
        core.addPolicy("rr", rr, 10);
        core.addPolicy("rms", rms, 0);
        assertEquals("rr", core.activePolicy());
        String[] cycle = {"rms", "builtin-prr", "rr"};
        for (int round = 0; round < 12; round++) {
            long[] before = new long[ts.length];
            for (int i = 0; i < ts.length; i++) {
                before[i] = ts[i].spins.get();
            }
            core.selectPolicy(cycle[round % cycle.length]);
            for (int i = 0; i < ts.length; i++) {
                Spinner t = ts[i];
                long b = before[i];
                await(t.name() + " progresses under " + core.activePolicy(), () -> t.spins.get() > b, 2000);
            }
        }
        // a policy that goes away hands over to the next best
        core.selectPolicy("rms");
        core.removePolicy(rms);
        assertEquals("rr", core.activePolicy(), "rms was preferred; without it the highest ranking runs");
        core.removePolicy(rr);
        assertEquals("builtin-prr", core.activePolicy());
        long b0 = ts[0].spins.get();
        await("progress under the built-in policy", () -> ts[0].spins.get() > b0, 2000);
        for (Spinner t : ts) {
            assertEquals(0, t.overlaps.get(), t.name() + " ran on two host CPUs at once");
        }
    }

    @Test
    void theConfiguredPolicyWinsOverRankingAndComesBackWhenItsServiceReturns() throws Exception {
        core = new SchedulerCore(1, "rms"); // as hv.sched.policy=rms gives it
        Spinner s = spinner("g/v0", MS, 2 * MS, null);
        assertEquals("builtin-prr", core.activePolicy(), "nothing registered yet");
        RoundRobin rr = new RoundRobin();
        core.addPolicy("rr", rr, 10);
        assertEquals("rr", core.activePolicy(), "rms is not there: the highest ranking runs");
        RateMonotonic rms = new RateMonotonic(System::nanoTime, true, false);
        core.addPolicy("rms", rms, 0);
        assertEquals("rms", core.activePolicy(), "the configured name wins over a higher ranking");
        core.removePolicy(rms);
        assertEquals("rr", core.activePolicy());
        RateMonotonic again = new RateMonotonic(System::nanoTime, true, false);
        core.addPolicy("rms", again, 0);
        assertEquals("rms", core.activePolicy(), "an updated bundle's new service takes over again");
        long b = s.spins.get();
        await("the task runs on under the new instance", () -> s.spins.get() > b, 2000);
        assertEquals(0, s.overlaps.get());
    }

    @Test
    void affinityAndHostCpuPinsChangeAtRunTime() throws Exception {
        core = new SchedulerCore(2, null);
        core.addPolicy("rms", new RateMonotonic(System::nanoTime, false, false), 0);
        Spinner a = spinner("g/a", MS, 10 * MS, null);
        Spinner b = spinner("g/b", MS, 10 * MS, null);
        await("a ran on both host CPUs", () -> a.threads.size() == 2 || b.threads.size() == 2, 3000);
        BitSet one = new BitSet();
        one.set(1);
        core.setAffinity("g/a", one);
        Thread.sleep(30);
        a.threads.clear();
        Thread.sleep(150);
        assertEquals(Set.of("hv-hcpu1"), a.threads, "after set_affinity 1");
        assertEquals(List.of(1), core.entities().stream().filter(e -> e.name().equals("g/a")).findFirst()
                .orElseThrow().allowedCpus());
        assertThrows(IllegalArgumentException.class, () -> core.setHostCpu("g/a", 0), "0 is outside its affinity");
        core.setAffinity("g/a", null);
        core.setHostCpu("g/a", 0);
        core.setHostCpu("g/b", 1);
        Thread.sleep(30);
        a.threads.clear();
        b.threads.clear();
        Thread.sleep(150);
        assertEquals(Set.of("hv-hcpu0"), a.threads, "after set_hcpu 0");
        assertEquals(Set.of("hv-hcpu1"), b.threads, "after set_hcpu 1");
        assertThrows(IllegalArgumentException.class, () -> core.setAffinity("g/nope", one));
        BitSet three = new BitSet();
        three.set(2);
        assertThrows(IllegalArgumentException.class, () -> core.setAffinity("g/a", three), "no host CPU 2");
        assertEquals(0, a.overlaps.get() + b.overlaps.get());
    }

    @Test
    void orphansCanBeConfinedToChosenHostCpus() throws Exception {
        core = new SchedulerCore(2, null);
        core.addPolicy("rms", new RateMonotonic(System::nanoTime, true, false), 0);
        BitSet zero = new BitSet();
        zero.set(0);
        core.setOrphanAffinity(zero);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger runs = new AtomicInteger();
        var o = core.createOrphan("io", 4, MS, deadline -> {
            threads.add(Thread.currentThread().getName());
            return runs.incrementAndGet() < 200 ? hv.core.sched.OrphanBody.Result.MORE
                    : hv.core.sched.OrphanBody.Result.IDLE;
        });
        Spinner g = spinner("g/v0", MS, 10 * MS, null);
        await("the orphan ran 200 times", () -> runs.get() >= 200, 5000);
        assertEquals(Set.of("hv-hcpu0"), threads);
        assertEquals(zero, core.orphanAffinity());
        await("the guest task runs too", () -> g.spins.get() > 0, 3000);
        o.destroy();
    }
}
