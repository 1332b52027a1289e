package hv.sched.rr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import hv.sched.sim.SchedSim;
import hv.sched.sim.SimEntity;

/** The rr policy driven by the discrete-event simulator of the core, in virtual nanoseconds. */
class RoundRobinSimTest {

    static final long US = 1_000;
    static final long MS = 1_000_000;
    static final long S = 1_000_000_000;

    static BitSet cpus(int... c) {
        BitSet b = new BitSet();
        for (int i : c) {
            b.set(i);
        }
        return b;
    }

    private static SchedSim sim(int hostCpus) {
        SchedSim sim = new SchedSim(hostCpus);
        sim.policy(new RoundRobin());
        return sim;
    }

    @Test
    void theHighestReadyPriorityRunsAndLowerOnesWaitUntilItBlocks() {
        SchedSim sim = sim(1).tracing(true);
        SimEntity lo = sim.busy(sim.add("lo", 1, MS), 0);
        SimEntity mid = sim.work(sim.add("mid", 3, MS), 0, 50 * MS);
        SimEntity hi = sim.work(sim.add("hi", 5, MS), 0, 20 * MS);
        sim.runUntil(100 * MS);
        assertEquals(20 * MS, hi.runNanos());
        assertEquals(50 * MS, mid.runNanos());
        assertEquals(30 * MS, lo.runNanos());
        // hi ran first (0..20 ms), then mid (20..70 ms), then lo
        for (SchedSim.Slice s : sim.trace()) {
            String expected = s.start() < 20 * MS ? "hi" : s.start() < 70 * MS ? "mid" : "lo";
            assertEquals(expected, s.entity(), s.toString());
        }
        assertTrue(sim.violations().isEmpty(), sim.violations().toString());
    }

    @Test
    void aSliceEndSendsTheEntityToTheTailOfItsLevel() {
        SchedSim sim = sim(1).tracing(true);
        for (String n : List.of("a", "b", "c")) {
            sim.busy(sim.add(n, 3, 2 * MS), 0);
        }
        sim.runUntil(18 * MS);
        String order = sim.trace().stream().map(SchedSim.Slice::entity).reduce("", String::concat);
        assertEquals("abcabcabc", order);
        assertTrue(sim.trace().stream().allMatch(s -> s.end() - s.start() == 2 * MS));
    }

    @Test
    void eachVcpuRunsForItsOwnTimeSlice() {
        SchedSim sim = sim(1);
        SimEntity a = sim.busy(sim.add("a", 3, 3 * MS), 0);
        SimEntity b = sim.busy(sim.add("b", 3, MS), 0);
        sim.runUntil(4 * S);
        assertEquals(3.0, (double) a.runNanos() / b.runNanos(), 0.01);
    }

    @Test
    void roundRobinSharesAreEqualWithinOnePercentOverALongRun() {
        // 5 busy VCPUs of one level on 2 host CPUs: each gets 2/5 of a host CPU
        SchedSim sim = sim(2);
        for (int i = 0; i < 5; i++) {
            sim.busy(sim.add("v" + i, 3, MS), 0);
        }
        long t = 20 * S;
        sim.runUntil(t);
        for (SimEntity e : sim.entities()) {
            double share = (double) e.runNanos() / t;
            assertEquals(0.4, share, 0.4 * 0.01, e.name());
        }
        assertEquals(t, sim.busy(0));
        assertEquals(t, sim.busy(1));
        assertTrue(sim.violations().isEmpty(), sim.violations().toString());
    }

    @Test
    void aStrictlyHigherPriorityPreemptsAtOnceAnEqualOneWaitsForTheSliceEnd() {
        SchedSim sim = sim(1).preemptLatency(10 * US).tracing(true);
        SimEntity lo = sim.busy(sim.add("lo", 2, 100 * MS), 0);
        SimEntity hi = sim.work(sim.add("hi", 4, 10 * MS), 5 * MS, 3 * MS);
        SimEntity peer = sim.work(sim.add("peer", 2, 10 * MS), 30 * MS, 3 * MS);
        sim.runUntil(200 * MS);
        assertEquals(1, lo.preemptions());
        SchedSim.Slice first = sim.trace().get(0);
        assertEquals("lo", first.entity());
        assertEquals(5 * MS + 10 * US, first.end(), "preempted at the next block boundary");
        SchedSim.Slice second = sim.trace().get(1);
        assertEquals("hi", second.entity());
        // the preempted VCPU resumes its turn (head of its level), the equal-priority peer waits
        SchedSim.Slice third = sim.trace().get(2);
        assertEquals("lo", third.entity());
        assertEquals(100 * MS, third.end() - third.start());
        assertEquals(1, peer.switches());
        assertTrue(sim.trace().stream().filter(s -> s.entity().equals("peer")).allMatch(s -> s.start() >= third.end()));
        assertEquals(3 * MS, hi.runNanos());
    }

    @Test
    void aVcpuRunsOnlyWhereItsAffinityAllowsAndChangesAtRunTimeAreObeyed() {
        SchedSim sim = sim(2).tracing(true);
        SimEntity pinned0 = sim.busy(sim.add("p0", 3, MS, 10 * MS, 100 * MS, cpus(0)), 0);
        SimEntity pinned1a = sim.busy(sim.add("p1a", 3, MS, 10 * MS, 100 * MS, cpus(1)), 0);
        SimEntity pinned1b = sim.busy(sim.add("p1b", 3, MS, 10 * MS, 100 * MS, cpus(1)), 0);
        SimEntity free = sim.busy(sim.add("free", 3, MS), 0);
        sim.runUntil(S);
        assertEquals(0, pinned0.runOn(1));
        assertEquals(0, pinned1a.runOn(0));
        assertEquals(0, pinned1b.runOn(0));
        assertTrue(free.runOn(0) > 0);
        long p0At1 = pinned0.runOn(0);
        sim.at(S, () -> sim.setAffinity(free, cpus(1)));
        sim.runUntil(2 * S);
        long freeOn0 = free.runOn(0);
        sim.runUntil(3 * S);
        assertEquals(freeOn0, free.runOn(0), "after set_affinity 1 it never ran on host CPU 0 again");
        assertEquals(2 * S, pinned0.runOn(0) - p0At1, MS, "p0 has host CPU 0 for itself from 1 s on");
        assertEquals(1.0 / 3, (double) pinned1a.runOn(1) / (3 * S), 0.1, "three share host CPU 1 from 1 s on");
        for (SchedSim.Slice s : sim.trace()) {
            SimEntity e = sim.entities().stream().filter(x -> x.name().equals(s.entity())).findFirst().orElseThrow();
            if (e != free) {
                assertTrue(e.allowedOn(s.cpu()), s.toString());
            }
        }
        assertTrue(sim.violations().isEmpty(), sim.violations().toString());
    }

    @Test
    void orphansAreScheduledByTheSamePolicy() {
        SchedSim sim = sim(1).tracing(true);
        SimEntity guest = sim.busy(sim.add("g/vcpu0", 3, MS), 0);
        SimEntity orphan = sim.add("orphan/net", 5, 200 * US, 2 * MS, 20 * MS, null, true);
        sim.periodic(orphan, MS, 10 * MS, 100 * US);
        sim.runUntil(S);
        assertEquals(100 * 100 * US, orphan.runNanos());
        assertEquals(S - orphan.runNanos(), guest.runNanos(), MS, "the guest had the rest (less its slice in progress)");
        assertTrue(orphan.readyNanos() < 100 * MS / 10, "the higher-priority orphan preempts at once");
    }

    @Test
    void swappingPoliciesMidRunLosesNoEntity() {
        SchedSim sim = sim(2);
        for (int i = 0; i < 6; i++) {
            sim.busy(sim.add("v" + i, i % 2 == 0 ? 3 : 3, MS), 0);
        }
        for (int k = 1; k <= 20; k++) {
            sim.at(k * 50 * MS + k * 7 * US, () -> sim.policy(new RoundRobin()));
        }
        sim.runUntil(2 * S);
        for (SimEntity e : sim.entities()) {
            assertEquals(2.0 / 6, (double) e.runNanos() / (2 * S), 0.02, e.name());
        }
        assertEquals(2 * S, sim.busy(0));
        assertEquals(2 * S, sim.busy(1));
        assertTrue(sim.violations().isEmpty(), sim.violations().toString());
    }
}
