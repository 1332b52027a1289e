package hv.sched.rms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import hv.core.sched.ReadyReason;
import hv.core.sched.SchedEntity;
import hv.core.sched.SliceOutcome;
import hv.sched.sim.SchedSim;
import hv.sched.sim.SimEntity;

/** The rms policy's queues, budgets and events, called directly with a hand-moved clock. */
class RateMonotonicTest {

    private static final long MS = 1_000_000;

    private final SchedSim factory = new SchedSim(8);
    private long now;

    private SimEntity e(String name, int prio, long slice, long period, int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            b.set(c);
        }
        return factory.add(name, prio, slice, period, period, b);
    }

    private RateMonotonic policy(int hostCpus) {
        RateMonotonic p = new RateMonotonic(() -> now, true, false);
        p.attach(hostCpus);
        return p;
    }

    @Test
    void ordersByPriorityThenPeriodThenTurn() {
        RateMonotonic p = policy(1);
        SimEntity slow = e("slow", 3, MS, 40 * MS);
        SimEntity fast = e("fast", 3, MS, 10 * MS);
        SimEntity fast2 = e("fast2", 3, MS, 10 * MS);
        SimEntity high = e("high", 5, MS, 100 * MS);
        for (SimEntity x : List.of(slow, fast, fast2, high)) {
            p.enqueue(x, ReadyReason.WOKEN);
        }
        assertSame(high, p.pickNext(0));
        assertSame(fast, p.pickNext(0));
        p.ran(fast, 100_000, SliceOutcome.PREEMPTED);
        p.enqueue(fast, ReadyReason.PREEMPTED);
        assertSame(fast, p.pickNext(0), "a preempted entity resumes its turn");
        assertSame(fast2, p.pickNext(0));
        assertSame(slow, p.pickNext(0));
        assertNull(p.pickNext(0));
    }

    @Test
    void aSliceNeverExceedsTheRemainingBudgetAndAnExhaustedEntityWaitsForItsPeriod() {
        RateMonotonic p = policy(1);
        SimEntity v = e("v", 3, 4 * MS, 10 * MS);
        p.enqueue(v, ReadyReason.WOKEN);
        assertSame(v, p.pickNext(0));
        assertEquals(4 * MS, p.timeSlice(v));
        now += 3 * MS;
        p.ran(v, 3 * MS, SliceOutcome.YIELDED);
        p.enqueue(v, ReadyReason.YIELDED);
        assertSame(v, p.pickNext(0));
        assertEquals(MS, p.timeSlice(v), "1 ms of budget left");
        now += MS;
        p.ran(v, MS, SliceOutcome.SLICE_END);
        p.enqueue(v, ReadyReason.SLICE_END);
        assertNull(p.pickNext(0), "throttled");
        assertEquals(1, v.budgetOverruns());
        assertEquals(10 * MS, p.nextEvent(), "replenished at its next period");
        assertFalse(p.preempts(v, e("other", 0, MS, 10 * MS)), "a throttled entity preempts nobody");
        now = 10 * MS;
        assertEquals(List.of(v), p.tick(now));
        assertTrue(p.nextEvent() > now);
        assertSame(v, p.pickNext(0));
        assertEquals(4 * MS, p.timeSlice(v));
        assertEquals(0, v.deadlineMisses());
    }

    @Test
    void aDeadlineIsMissedOnlyByAnEntityStillWaitingWithBudgetLeft() {
        RateMonotonic p = policy(1);
        SimEntity waiting = e("waiting", 3, 2 * MS, 10 * MS);
        SimEntity blocked = e("blocked", 3, 2 * MS, 10 * MS);
        p.enqueue(waiting, ReadyReason.WOKEN);
        p.enqueue(blocked, ReadyReason.WOKEN);
        assertSame(waiting, p.pickNext(0));
        now += MS;
        p.ran(waiting, MS, SliceOutcome.SLICE_END);
        p.enqueue(waiting, ReadyReason.SLICE_END);
        assertSame(blocked, p.pickNext(0));
        now += MS / 2;
        p.ran(blocked, MS / 2, SliceOutcome.BLOCKED);
        assertEquals(10 * MS, p.nextEvent(), "the deadline check of the period");
        now = 10 * MS;
        p.tick(now);
        assertEquals(1, waiting.deadlineMisses());
        assertEquals(0, blocked.deadlineMisses());
        assertEquals(20 * MS, p.nextEvent(), "still ready: checked again next period");
        p.remove(waiting);
        assertEquals(Long.MAX_VALUE, p.nextEvent());
    }

    @Test
    void shorterPeriodsPreemptWithinALevelHigherPrioritiesAlways() {
        RateMonotonic p = policy(1);
        assertTrue(p.preempts(e("fast", 3, MS, 10 * MS), e("slow", 3, MS, 20 * MS)));
        assertFalse(p.preempts(e("slow", 3, MS, 20 * MS), e("fast", 3, MS, 10 * MS)));
        assertFalse(p.preempts(e("same", 3, MS, 10 * MS), e("same2", 3, MS, 10 * MS)));
        assertTrue(p.preempts(e("hi", 4, MS, 100 * MS), e("lo", 3, MS, 10 * MS)));
    }

    @Test
    void affinityClassesAreDroppedWhenManyAreEmptyAndThrottledEntitiesSurviveThat() {
        RateMonotonic p = policy(8);
        SimEntity keep = e("keep", 3, MS, 10 * MS, 7);
        p.enqueue(keep, ReadyReason.WOKEN);
        assertSame(keep, p.pickNext(7));
        now += MS;
        p.ran(keep, MS, SliceOutcome.SLICE_END);
        p.enqueue(keep, ReadyReason.SLICE_END); // throttled until 10 ms
        for (int i = 1; i < 200; i++) {
            int[] cpus = new int[Integer.bitCount(i & 0x7f)];
            int k = 0;
            for (int c = 0; c < 7; c++) {
                if ((i & 1 << c) != 0) {
                    cpus[k++] = c;
                }
            }
            if (cpus.length == 0) {
                continue;
            }
            SimEntity x = e("x" + i, 3, MS, 10 * MS, cpus);
            p.enqueue(x, ReadyReason.WOKEN);
            assertSame(x, p.pickNext(cpus[0]));
        }
        assertTrue(p.classCount() <= 33, "classes: " + p.classCount());
        now = 10 * MS;
        assertEquals(List.of(keep), p.tick(now).stream().filter(x -> x == keep).toList());
        assertNull(p.pickNext(0));
        SchedEntity again = p.pickNext(7);
        assertSame(keep, again, "the replenished entity is found on its host CPU");
    }
}
