package hv.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import hv.core.config.ClockConfig;
import hv.core.config.ClockMode;
import hv.core.internal.time.RealClock;
import hv.core.internal.time.TimeMath;
import hv.core.internal.time.TimerThread;
import hv.core.internal.time.VirtualClock;

class TimerThreadTest {

    @Test
    void timersFireInDeadlineOrderAndCancelledOnesNever() throws Exception {
        try (TimerThread t = new TimerThread("test-timer")) {
            List<Integer> fired = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            long now = System.nanoTime();
            t.schedule(now + 30_000_000, () -> {
                fired.add(3);
                done.countDown();
            });
            t.schedule(now + 10_000_000, () -> fired.add(1));
            Timer c = t.schedule(now + 15_000_000, () -> fired.add(99));
            t.schedule(now + 20_000_000, () -> fired.add(2));
            assertTrue(c.cancel());
            assertFalse(c.cancel());
            assertTrue(done.await(2, TimeUnit.SECONDS));
            assertEquals(List.of(1, 2, 3), fired);
            assertEquals(0, t.armed(), "nothing armed: the thread sleeps without ticking");
        }
    }

    @Test
    void aTimerInThePastFiresAtOnceAndAFarOneDoesNotOverflow() throws Exception {
        try (TimerThread t = new TimerThread("test-timer")) {
            CountDownLatch done = new CountDownLatch(1);
            t.schedule(System.nanoTime() - 1_000_000_000L, done::countDown);
            Timer far = t.schedule(Long.MAX_VALUE, () -> { });
            assertTrue(done.await(1, TimeUnit.SECONDS));
            assertTrue(far.pending());
            assertEquals(Long.MAX_VALUE, far.deadline());
        }
    }

    @Test
    void realGuestTimeCountsTimebaseTicks() throws Exception {
        try (TimerThread t = new TimerThread("test-timer")) {
            RealClock c = new RealClock(ClockConfig.realTime(), t);
            long t0 = c.ticks();
            Thread.sleep(20);
            long dt = c.ticks() - t0;
            assertTrue(dt >= 190_000 && dt < 2_000_000, "ticks in 20 ms at 10 MHz: " + dt);
            CountDownLatch fired = new CountDownLatch(1);
            c.scheduleTicks(c.ticks() + 50_000, fired::countDown); // 5 ms
            assertTrue(fired.await(1, TimeUnit.SECONDS));
            c.close();
        }
    }

    @Test
    void virtualTimersFireOnlyWhenTheRunnerServesThem() {
        VirtualClock c = new VirtualClock(new ClockConfig(ClockMode.VIRTUAL, 10_000_000, 1000, 100, 0));
        long[] now = {0};
        c.bind(() -> now[0], () -> { });
        List<String> fired = new CopyOnWriteArrayList<>();
        c.scheduleTicks(10, () -> fired.add("tick10"));
        c.schedule(500, () -> fired.add("500ns")); // 500 ns at 1e9 instructions/s = 500 instructions
        c.defer(() -> fired.add("deferred"));
        assertEquals(500, c.nextDeadline());
        c.serve(499);
        assertEquals(List.of("deferred"), fired);
        c.serve(1000);
        assertEquals(List.of("deferred", "500ns", "tick10"), fired);
        now[0] = 12_345;
        assertEquals(123, c.ticks());
        assertEquals(12_345, c.nanoTime());
    }

    @Test
    void mulDivNeverOverflows() {
        assertEquals(Long.MAX_VALUE, TimeMath.mulDiv(Long.MAX_VALUE, 10, 1));
        assertEquals(10_000_000L * 3600 * 24 * 365 * 100, TimeMath.mulDiv(TimeMath.NS_PER_S * 3600 * 24 * 365 * 100,
                10_000_000, TimeMath.NS_PER_S));
        assertEquals(2, TimeMath.mulDivCeil(3, 1, 2));
    }
}
