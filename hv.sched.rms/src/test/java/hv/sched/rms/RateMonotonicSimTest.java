package hv.sched.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import hv.sched.rr.RoundRobin;
import hv.sched.sim.SchedSim;
import hv.sched.sim.SimEntity;

/** The rms policy driven by the discrete-event simulator of the core, in virtual nanoseconds. */
class RateMonotonicSimTest {

    static final long US = 1_000;
    static final long MS = 1_000_000;
    static final long S = 1_000_000_000;

    private static SchedSim sim(int hostCpus, boolean orphanBudgets) {
        SchedSim sim = new SchedSim(hostCpus);
        sim.policy(new RateMonotonic(sim::now, true, orphanBudgets));
        return sim;
    }

    private static SchedSim sim(int hostCpus) {
        return sim(hostCpus, false);
    }

    /** An entity whose budget is {@code c} per period {@code t}, deadline {@code d}. */
    private static SimEntity task(SchedSim sim, String name, int prio, long c, long d, long t) {
        return sim.add(name, prio, c, d, t, null);
    }

    private static String order(SchedSim sim) {
        return String.join(",", sim.trace().stream().map(SchedSim.Slice::entity).toList());
    }

    @Test
    void withinALevelTheShortestPeriodRunsFirst() {
        SchedSim sim = sim(1).tracing(true);
        sim.work(task(sim, "t40", 3, 5 * MS, 40 * MS, 40 * MS), 0, MS);
        sim.work(task(sim, "t10", 3, 5 * MS, 10 * MS, 10 * MS), 0, MS);
        sim.work(task(sim, "t20", 3, 5 * MS, 20 * MS, 20 * MS), 0, MS);
        sim.runUntil(10 * MS);
        assertEquals("t10,t20,t40", order(sim));
    }

    @Test
    void aHigherPriorityBeatsAShorterPeriod() {
        SchedSim sim = sim(1).tracing(true);
        sim.work(task(sim, "fast", 3, 5 * MS, 10 * MS, 10 * MS), 0, MS);
        sim.work(task(sim, "important", 4, 5 * MS, 100 * MS, 100 * MS), 0, MS);
        sim.runUntil(10 * MS);
        assertEquals("important,fast", order(sim));
    }

    @Test
    void aShorterPeriodPreemptsALongerOneOfTheSamePriority() {
        SchedSim sim = sim(1).tracing(true).preemptLatency(5 * US);
        SimEntity slow = sim.busy(task(sim, "slow", 3, 50 * MS, 100 * MS, 100 * MS), 0);
        SimEntity fast = sim.work(task(sim, "fast", 3, 5 * MS, 10 * MS, 10 * MS), 3 * MS, MS);
        sim.runUntil(60 * MS);
        assertEquals("slow,fast,slow", order(sim));
        assertEquals(1, slow.preemptions());
        assertEquals(3 * MS + 5 * US, sim.trace().get(0).end());
        assertEquals(MS, fast.runNanos());
    }

    @Test
    void aBusyVcpuGetsItsBudgetPerPeriodAndNoMore() {
        SchedSim sim = sim(1).tracing(true);
        SimEntity v = sim.busy(task(sim, "v", 3, 2 * MS, 10 * MS, 10 * MS), 0);
        sim.runUntil(S);
        assertEquals(200 * MS, v.runNanos(), 2 * MS);
        assertEquals(100, v.budgetOverruns(), 1);
        assertEquals(0, v.deadlineMisses());
        // in every period [10k, 10k+10) ms it ran at most 2 ms
        long[] perPeriod = new long[100];
        for (SchedSim.Slice s : sim.trace()) {
            assertEquals(s.start() / (10 * MS), (s.end() - 1) / (10 * MS), "a slice never spans a period here");
            perPeriod[(int) (s.start() / (10 * MS))] += s.end() - s.start();
        }
        for (long p : perPeriod) {
            assertTrue(p <= 2 * MS, p + " ns in one period");
        }
        assertTrue(sim.violations().isEmpty(), sim.violations().toString());
    }

    @Test
    void aThrottledVcpuLeavesTheHostCpuToLowerPrioritiesAndTakesItBackAtItsPeriodStart() {
        SchedSim sim = sim(1).preemptLatency(10 * US);
        SimEntity hi = sim.busy(task(sim, "hi", 6, 3 * MS, 10 * MS, 10 * MS), 0);
        SimEntity lo = sim.busy(task(sim, "lo", 1, 1_000 * MS, 1_000 * MS, 1_000 * MS), 0);
        sim.runUntil(S);
        assertEquals(300 * MS, hi.runNanos(), 3 * MS);
        assertEquals(700 * MS, lo.runNanos(), 8 * MS, "the rest, less its slice in progress at 1 s");
        assertTrue(lo.preemptions() >= 95, "hi preempts lo at each of its period starts: " + lo.preemptions());
        assertTrue(hi.readyNanos() < 100 * 20 * US + 7 * 100 * MS, "hi waits only while throttled");
        assertEquals(0, hi.deadlineMisses());
    }

    @Test
    void noDeadlineIsMissedBelowTheLiuLaylandBound() {
        // U = 2/10 + 3/15 + 5/25 = 0.6 < 3(2^(1/3) - 1) = 0.7798: rate monotonic meets every deadline
        SchedSim sim = sim(1);
        SimEntity a = sim.busy(task(sim, "a", 3, 2 * MS, 10 * MS, 10 * MS), 0);
        SimEntity b = sim.busy(task(sim, "b", 3, 3 * MS, 15 * MS, 15 * MS), 0);
        SimEntity c = sim.busy(task(sim, "c", 3, 5 * MS, 25 * MS, 25 * MS), 0);
        // and jobs released periodically, with a little jitter in their phases
        SimEntity d = sim.periodic(task(sim, "d", 3, MS, 50 * MS, 50 * MS), 7 * MS, 50 * MS, MS);
        sim.runUntil(10 * S);
        for (SimEntity e : List.of(a, b, c, d)) {
            assertEquals(0, e.deadlineMisses(), e.name());
        }
        assertEquals(0.2 * 10 * S, a.runNanos(), 2 * MS);
        assertEquals(0.2 * 10 * S, b.runNanos(), 3 * MS);
        assertEquals(0.2 * 10 * S, c.runNanos(), 5 * MS);
        assertEquals(200 * MS, d.runNanos(), MS);
        assertTrue(sim.violations().isEmpty(), sim.violations().toString());
    }

    /** Random task sets (fixed seeds) with total utilisation {@code u}; deadline = period; busy VCPUs. */
    private static List<SimEntity> randomSet(SchedSim sim, java.util.Random r, int n, double u) {
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.2 + r.nextDouble();
            sum += w[i];
        }
        java.util.List<SimEntity> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            long period = (5 + r.nextInt(46)) * MS;
            long c = Math.max(10 * US, (long) (period * u * w[i] / sum));
            out.add(sim.busy(task(sim, "t" + i, 3, c, period, period), 0));
        }
        return out;
    }

    @Test
    void randomSetsBelowTheLiuLaylandBoundNeverMissAndOvercommittedOnesAlwaysDo() {
        java.util.Random r = new java.util.Random(7);
        for (int round = 0; round < 40; round++) {
            int n = 2 + r.nextInt(4);
            double bound = n * (Math.pow(2, 1.0 / n) - 1);
            SchedSim ok = sim(1);
            List<SimEntity> fine = randomSet(ok, r, n, bound * (0.5 + 0.49 * r.nextDouble()));
            ok.runUntil(2 * S);
            for (SimEntity e : fine) {
                assertEquals(0, e.deadlineMisses(), "round " + round + ": " + e.name() + " of a set below the bound");
            }
            SchedSim over = sim(1);
            List<SimEntity> tooMuch = randomSet(over, r, n, 1.05 + 0.5 * r.nextDouble());
            over.runUntil(2 * S);
            assertTrue(tooMuch.stream().mapToLong(SimEntity::deadlineMisses).sum() > 0, "round " + round);
            assertTrue(ok.violations().isEmpty() && over.violations().isEmpty());
        }
    }

    @Test
    void anOvercommittedSetMissesDeadlinesAndTheLongestPeriodsMissThem() {
        // U = 5/10 + 5/15 + 5/20 = 1.08 > 1
        SchedSim sim = sim(1);
        SimEntity a = sim.busy(task(sim, "a", 3, 5 * MS, 10 * MS, 10 * MS), 0);
        SimEntity b = sim.busy(task(sim, "b", 3, 5 * MS, 15 * MS, 15 * MS), 0);
        SimEntity c = sim.busy(task(sim, "c", 3, 5 * MS, 20 * MS, 20 * MS), 0);
        sim.runUntil(6 * S);
        assertEquals(0, a.deadlineMisses());
        assertEquals(0, b.deadlineMisses());
        assertTrue(c.deadlineMisses() >= 90, "c misses: " + c.deadlineMisses());
        assertEquals(6 * S, sim.busy(0), "the host CPU never idles");
    }

    @Test
    void aDeadlineShorterThanThePeriodIsCheckedAtItsOwnTime() {
        // b alone would be fine by 15 ms, but its deadline is 4 ms after its period start and a runs first
        SchedSim sim = sim(1);
        SimEntity a = sim.periodic(task(sim, "a", 3, 3 * MS, 10 * MS, 10 * MS), 0, 10 * MS, 3 * MS);
        SimEntity b = sim.periodic(task(sim, "b", 3, 2 * MS, 4 * MS, 15 * MS), 0, 15 * MS, 2 * MS);
        sim.runUntil(3 * S);
        assertEquals(0, a.deadlineMisses());
        assertTrue(b.deadlineMisses() >= 90, "b misses: " + b.deadlineMisses());
    }

    @Test
    void aVcpuThatBlocksBeforeItsDeadlineMissesNothingEvenWithoutUsingItsBudget() {
        SchedSim sim = sim(1);
        SimEntity io = sim.periodic(task(sim, "io", 3, 5 * MS, 10 * MS, 10 * MS), 0, 10 * MS, 100 * US);
        SimEntity bg = sim.busy(task(sim, "bg", 0, 1_000 * MS, 1_000 * MS, 1_000 * MS), 0);
        sim.runUntil(S);
        assertEquals(0, io.deadlineMisses());
        assertEquals(0, io.budgetOverruns());
        assertEquals(10 * MS, io.runNanos(), 100 * US);
        assertEquals(S - 10 * MS, bg.runNanos(), MS);
    }

    @Test
    void orphansAreOrderedButNotThrottledUnlessConfigured() {
        for (boolean enforce : new boolean[] {false, true}) {
            SchedSim sim = sim(1, enforce);
            SimEntity orphan = sim.busy(sim.add("orphan/w", 3, MS, 10 * MS, 100 * MS, null, true), 0);
            SimEntity guest = sim.busy(task(sim, "g/v0", 3, MS, 10 * MS, 10 * MS), 0);
            sim.runUntil(S);
            assertEquals(100 * MS, guest.runNanos(), MS);
            if (enforce) {
                assertEquals(10 * MS, orphan.runNanos(), MS);
                assertTrue(orphan.budgetOverruns() >= 9);
            } else {
                assertEquals(900 * MS, orphan.runNanos(), MS);
                assertEquals(0, orphan.budgetOverruns());
            }
        }
    }

    @Test
    void budgetsHoldOnSeveralHostCpusAndAffinityIsObeyed() {
        SchedSim sim = sim(2).tracing(true);
        BitSet only1 = new BitSet();
        only1.set(1);
        SimEntity[] vs = new SimEntity[6];
        for (int i = 0; i < vs.length; i++) {
            vs[i] = sim.busy(sim.add("v" + i, 3, 2 * MS, 10 * MS, 10 * MS, i < 2 ? only1 : null), 0);
        }
        sim.runUntil(2 * S);
        for (SimEntity v : vs) {
            assertEquals(400 * MS, v.runNanos(), 2 * MS, v.name());
            assertEquals(0, v.deadlineMisses(), v.name());
        }
        assertEquals(0, vs[0].runOn(0));
        assertEquals(0, vs[1].runOn(0));
        assertTrue(sim.violations().isEmpty(), sim.violations().toString());
    }

    @Test
    void swappingBetweenRrAndRmsMidRunLosesNothing() {
        SchedSim sim = new SchedSim(2).preemptLatency(20 * US);
        sim.policy(new RoundRobin());
        SimEntity[] vs = new SimEntity[5];
        for (int i = 0; i < vs.length; i++) {
            vs[i] = sim.busy(sim.add("v" + i, 3, MS, 10 * MS, 20 * MS, null), 0);
        }
        long[] last = new long[vs.length];
        for (int k = 1; k <= 40; k++) {
            boolean rms = k % 2 == 1;
            sim.at(k * 25 * MS + k * 3 * US, () -> sim.policy(rms ? new RateMonotonic(sim::now, true, false)
                    : new RoundRobin()));
        }
        for (int k = 1; k <= 40; k++) {
            sim.runUntil(k * 25 * MS + 20 * MS);
            for (int i = 0; i < vs.length; i++) {
                assertTrue(vs[i].runNanos() > last[i], "v" + i + " progressed in round " + k);
                last[i] = vs[i].runNanos();
            }
        }
        assertTrue(sim.violations().isEmpty(), sim.violations().toString());
    }
}
