package hv.core.internal.time;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

import hv.core.config.ClockConfig;
import hv.core.time.Timer;

/**
 * Guest time = retired instructions: the guest's runner reports "now" in instructions; timers and
 * deferred actions wait in queues that the runner serves at quantum boundaries on its own thread,
 * in deadline order (ties in arming order), so that runs repeat exactly.
 */
public final class VirtualClock extends GuestClock {

    private final Object lock = new Object();
    private final PriorityQueue<TimerEntry> queue = new PriorityQueue<>();
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private final long instructionsPerSecond;
    private volatile LongSupplier now = () -> 0;
    private volatile Runnable onWork = () -> { };
    private long seq;
    private boolean closed;

    public VirtualClock(ClockConfig config) {
        super(config);
        this.instructionsPerSecond = config.instructionsPerTick() * config.timebaseHz();
    }

    /** Connects the runner: {@code now} gives the current instruction count, {@code onWork} wakes the runner. */
    public void bind(LongSupplier nowInstructions, Runnable wake) {
        this.now = nowInstructions;
        this.onWork = wake;
    }

    /** Now, in instructions. */
    public long instructions() {
        return now.getAsLong();
    }

    @Override
    public long nanoTime() {
        return TimeMath.mulDiv(instructions(), TimeMath.NS_PER_S, instructionsPerSecond);
    }

    @Override
    public long wallClockNanos() {
        return TimeMath.addSat(config.epochNanos(), nanoTime());
    }

    @Override
    public long ticks() {
        return instructions() / config.instructionsPerTick();
    }

    @Override
    public Timer schedule(long deadline, Runnable action) {
        long key = TimeMath.mulDivCeil(Math.max(0, deadline), instructionsPerSecond, TimeMath.NS_PER_S);
        return arm(key, deadline, action);
    }

    @Override
    public Timer scheduleTicks(long tick, Runnable action) {
        long t = Math.max(0, tick);
        long key = t > Long.MAX_VALUE / config.instructionsPerTick() ? Long.MAX_VALUE : t * config.instructionsPerTick();
        return arm(key, tick, action);
    }

    private Timer arm(long key, long reported, Runnable action) {
        TimerEntry[] self = new TimerEntry[1];
        synchronized (lock) {
            if (closed) {
                return DeadTimer.at(reported);
            }
            self[0] = new TimerEntry(key, seq++, reported, action, () -> {
                synchronized (lock) {
                    queue.remove(self[0]);
                }
            });
            queue.add(self[0]);
        }
        onWork.run();
        return self[0];
    }

    @Override
    public void defer(Runnable action) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            deferred.add(action);
        }
        onWork.run();
    }

    /** Earliest timer key in instructions, or -1 when none is armed. Runner thread. */
    public long nextDeadline() {
        synchronized (lock) {
            TimerEntry e = queue.peek();
            return e == null ? -1 : e.key;
        }
    }

    /** True when deferred actions wait. */
    public boolean hasDeferred() {
        synchronized (lock) {
            return !deferred.isEmpty();
        }
    }

    /** Runs deferred actions, then fires timers due at {@code instructions}. Runner thread, at a quantum boundary. */
    public void serve(long instructions) {
        List<Runnable> work = new ArrayList<>();
        List<TimerEntry> due = new ArrayList<>();
        synchronized (lock) {
            work.addAll(deferred);
            deferred.clear();
        }
        for (Runnable r : work) {
            new TimerEntry(0, 0, 0, r, () -> { }).fire();
        }
        synchronized (lock) {
            while (!queue.isEmpty() && queue.peek().key <= instructions) {
                due.add(queue.poll());
            }
        }
        for (TimerEntry e : due) {
            e.fire();
        }
    }

    @Override
    public boolean virtual() {
        return true;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            queue.clear();
            deferred.clear();
        }
    }
}
