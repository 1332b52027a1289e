package hv.sched.rr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import hv.core.sched.ReadyReason;
import hv.sched.sim.SchedSim;
import hv.sched.sim.SimEntity;

/** The rr policy's queues, called directly. */
class RoundRobinTest {

    private final SchedSim factory = new SchedSim(4);

    private SimEntity e(String name, int prio, int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            b.set(c);
        }
        return factory.add(name, prio, 1_000_000, 10_000_000, 100_000_000, b);
    }

    @Test
    void picksTheHighestLevelFirstAndFifoWithinALevel() {
        RoundRobin p = new RoundRobin();
        p.attach(1);
        SimEntity a = e("a", 3);
        SimEntity b = e("b", 5);
        SimEntity c = e("c", 3);
        SimEntity d = e("d", 7);
        for (SimEntity x : List.of(a, b, c, d)) {
            p.enqueue(x, ReadyReason.WOKEN);
        }
        assertSame(d, p.pickNext(0));
        assertSame(b, p.pickNext(0));
        assertSame(a, p.pickNext(0));
        assertSame(c, p.pickNext(0));
        assertNull(p.pickNext(0));
        assertEquals(0, p.size());
    }

    @Test
    void aPreemptedEntityResumesItsTurnAtTheHeadOthersGoToTheTail() {
        RoundRobin p = new RoundRobin();
        SimEntity a = e("a", 3);
        SimEntity b = e("b", 3);
        SimEntity c = e("c", 3);
        p.enqueue(a, ReadyReason.WOKEN);
        p.enqueue(b, ReadyReason.SLICE_END);
        p.enqueue(c, ReadyReason.PREEMPTED);
        assertSame(c, p.pickNext(0));
        assertSame(a, p.pickNext(0));
        p.enqueue(a, ReadyReason.YIELDED);
        assertSame(b, p.pickNext(0));
        assertSame(a, p.pickNext(0));
    }

    @Test
    void fifoOrderHoldsAcrossAffinityClassesAndPicksHonourAffinity() {
        RoundRobin p = new RoundRobin();
        p.attach(4);
        SimEntity all1 = e("all1", 3);
        SimEntity only2 = e("only2", 3, 2);
        SimEntity all2 = e("all2", 3);
        SimEntity only13 = e("only13", 3, 1, 3);
        for (SimEntity x : List.of(all1, only2, all2, only13)) {
            p.enqueue(x, ReadyReason.WOKEN);
        }
        assertSame(all1, p.pickNext(2));
        assertSame(only2, p.pickNext(2));
        assertSame(all2, p.pickNext(0));
        assertNull(p.pickNext(0), "only13 may not run on 0");
        assertNull(p.pickNext(2));
        assertSame(only13, p.pickNext(3));
        assertEquals(3, p.classCount());
    }

    @Test
    void removeTakesAReadyEntityOutAndAttachForgetsEverything() {
        RoundRobin p = new RoundRobin();
        p.attach(2);
        SimEntity a = e("a", 3);
        SimEntity b = e("b", 3);
        p.enqueue(a, ReadyReason.WOKEN);
        p.enqueue(b, ReadyReason.WOKEN);
        p.remove(a);
        p.remove(a);
        assertSame(b, p.pickNext(1));
        p.enqueue(a, ReadyReason.WOKEN);
        p.attach(2);
        a.policyData(null);
        assertNull(p.pickNext(0));
        assertEquals(0, p.size());
    }

    @Test
    void onlyAStrictlyHigherPriorityPreempts() {
        RoundRobin p = new RoundRobin();
        assertTrue(p.preempts(e("hi", 4), e("lo", 3)));
        assertFalse(p.preempts(e("eq", 3), e("lo", 3)));
        assertFalse(p.preempts(e("lo", 2), e("hi", 3)));
    }

    @Test
    void manyEntitiesStayCheapToPick() {
        RoundRobin p = new RoundRobin();
        p.attach(2);
        List<SimEntity> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            SimEntity x = e("v" + i, i % 8);
            all.add(x);
            p.enqueue(x, ReadyReason.WOKEN);
        }
        int last = 8;
        for (int i = 0; i < all.size(); i++) {
            SimEntity x = (SimEntity) p.pickNext(i % 2);
            assertTrue(x.priority() <= last);
            last = x.priority();
        }
        assertNull(p.pickNext(0));
    }
}
