package hv.emu.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import hv.core.time.Timer;
import hv.core.time.TimerService;

/** A clock that moves only when a test advances it; due timers run on the advancing thread. */
public final class ManualTimers implements TimerService {

    /** The wall clock at nanoTime 0: 2026-11-25T00:00:00Z. */
    public static final long EPOCH = 1_795_564_800_000_000_000L;

    private long now;
    private long wallAtZero = EPOCH;
    private long seq;
    private final List<Entry> entries = new ArrayList<>();

    private final class Entry implements Timer {
        final long deadline;
        final long order = seq++;
        final Runnable action;
        boolean pending = true;

        Entry(long deadline, Runnable action) {
            this.deadline = deadline;
            this.action = action;
        }

        @Override
        public long deadline() {
            return deadline;
        }

        @Override
        public boolean pending() {
            synchronized (ManualTimers.this) {
                return pending;
            }
        }

        @Override
        public boolean cancel() {
            synchronized (ManualTimers.this) {
                boolean was = pending;
                pending = false;
                entries.remove(this);
                return was;
            }
        }
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized long wallClockNanos() {
        return wallAtZero + now;
    }

    /** Moves the wall clock (as a host clock change or another virtual epoch would). */
    public synchronized void setWallAtZero(long wall) {
        wallAtZero = wall;
    }

    @Override
    public synchronized Timer schedule(long deadline, Runnable action) {
        Entry e = new Entry(deadline, action);
        entries.add(e);
        return e;
    }

    /** Timers armed and not yet run or cancelled. */
    public synchronized int pendingCount() {
        return entries.size();
    }

    /** Advances the clock by {@code nanos}, running every timer that becomes due, in deadline order. */
    public void advance(long nanos) {
        long target;
        synchronized (this) {
            target = now + nanos;
        }
        while (true) {
            Entry next;
            synchronized (this) {
                next = entries.stream().filter(e -> e.deadline <= target)
                        .min(Comparator.<Entry>comparingLong(e -> e.deadline).thenComparingLong(e -> e.order)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                now = Math.max(now, next.deadline);
                entries.remove(next);
                next.pending = false;
            }
            next.action.run();
        }
    }
}
