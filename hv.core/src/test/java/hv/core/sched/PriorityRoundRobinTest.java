package hv.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

import hv.core.internal.sched.PriorityRoundRobin;

class PriorityRoundRobinTest {

    private record E(String name, int priority, BitSet cpus) implements SchedEntity {
        E(String name, int priority) {
            this(name, priority, null);
        }

        @Override
        public long id() {
            return name.hashCode();
        }

        @Override
        public long timeSlice() {
            return 1_000_000;
        }

        @Override
        public long deadline() {
            return 10_000_000;
        }

        @Override
        public long periodicity() {
            return 100_000_000;
        }

        @Override
        public boolean allowedOn(int hostCpu) {
            return cpus == null || cpus.get(hostCpu);
        }

        @Override
        public boolean orphan() {
            return false;
        }

        @Override
        public Object policyData() {
            return null;
        }

        @Override
        public void policyData(Object data) {
        }
    }

    @Test
    void theHighestPriorityLevelRunsFirstAndFifoWithinALevel() {
        PriorityRoundRobin p = new PriorityRoundRobin();
        E a = new E("a", 3);
        E b = new E("b", 5);
        E c = new E("c", 3);
        E d = new E("d", 7);
        p.enqueue(a, ReadyReason.WOKEN);
        p.enqueue(b, ReadyReason.WOKEN);
        p.enqueue(c, ReadyReason.WOKEN);
        p.enqueue(d, ReadyReason.WOKEN);
        assertEquals(d, p.pickNext(0));
        assertEquals(b, p.pickNext(0));
        assertEquals(a, p.pickNext(0));
        assertEquals(c, p.pickNext(0));
        assertNull(p.pickNext(0));
    }

    @Test
    void anEntityThatUsedItsSliceGoesToTheTailAndAPreemptedOneToTheHead() {
        PriorityRoundRobin p = new PriorityRoundRobin();
        E a = new E("a", 3);
        E b = new E("b", 3);
        E c = new E("c", 3);
        p.enqueue(a, ReadyReason.WOKEN);
        p.enqueue(b, ReadyReason.WOKEN);
        assertEquals(a, p.pickNext(0));
        p.enqueue(a, ReadyReason.SLICE_END);
        assertEquals(b, p.pickNext(0));
        p.enqueue(c, ReadyReason.WOKEN);
        p.enqueue(b, ReadyReason.PREEMPTED);
        assertEquals(b, p.pickNext(0));
        assertEquals(a, p.pickNext(0));
        assertEquals(c, p.pickNext(0));
    }

    @Test
    void onlyAStrictlyHigherPriorityPreempts() {
        PriorityRoundRobin p = new PriorityRoundRobin();
        assertTrue(p.preempts(new E("hi", 4), new E("lo", 3)));
        assertFalse(p.preempts(new E("eq", 3), new E("lo", 3)));
        assertFalse(p.preempts(new E("lo", 2), new E("hi", 3)));
    }

    @Test
    void pickNextSkipsEntitiesNotAllowedOnTheHostCpu() {
        PriorityRoundRobin p = new PriorityRoundRobin();
        BitSet only1 = new BitSet();
        only1.set(1);
        E pinned = new E("pinned", 7, only1);
        E free = new E("free", 1);
        p.enqueue(pinned, ReadyReason.WOKEN);
        p.enqueue(free, ReadyReason.WOKEN);
        assertEquals(free, p.pickNext(0));
        assertNull(p.pickNext(0));
        assertEquals(pinned, p.pickNext(1));
    }

    @Test
    void removeTakesAnEntityOutOfItsQueue() {
        PriorityRoundRobin p = new PriorityRoundRobin();
        E a = new E("a", 3);
        p.enqueue(a, ReadyReason.WOKEN);
        p.remove(a);
        assertNull(p.pickNext(0));
    }
}
