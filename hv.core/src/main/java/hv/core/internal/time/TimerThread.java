package hv.core.internal.time;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import hv.core.time.Timer;

/**
 * The platform's tickless timer subsystem in host time: deadlines ({@link System#nanoTime()}) in a
 * priority queue served by one thread that sleeps until the earliest deadline, and not at all while
 * nothing is armed. Actions run on this thread, outside its lock, in deadline order.
 */
public final class TimerThread implements AutoCloseable {

    /** About 73 years: later deadlines are treated as never (and clamped to this). */
    private static final long FAR_FUTURE = 1L << 61;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<TimerEntry> queue = new PriorityQueue<>();
    private final Thread thread;
    private long seq;
    private boolean closed;

    public TimerThread(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code action} on the timer thread when {@code System.nanoTime()} reaches {@code hostDeadline}. */
    public Timer schedule(long hostDeadline, Runnable action) {
        return schedule(hostDeadline, hostDeadline, action);
    }

    /** Like {@link #schedule(long, Runnable)}, reporting {@code reportedDeadline} as the timer's deadline. */
    public Timer schedule(long hostDeadline, long reportedDeadline, Runnable action) {
        long far = System.nanoTime() + FAR_FUTURE;
        if (hostDeadline - far > 0) {
            hostDeadline = far; // "never": keeps nanoTime differences from overflowing
        }
        lock.lock();
        try {
            TimerEntry[] holder = new TimerEntry[1];
            TimerEntry e = new TimerEntry(hostDeadline, seq++, reportedDeadline, action, () -> remove(holder[0]));
            holder[0] = e;
            queue.add(e);
            if (queue.peek() == e) {
                changed.signal();
            }
            return e;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} on the timer thread as soon as possible. */
    public void execute(Runnable action) {
        schedule(System.nanoTime(), action);
    }

    private void remove(TimerEntry e) {
        lock.lock();
        try {
            queue.remove(e);
        } finally {
            lock.unlock();
        }
    }

    /** Number of armed timers (for tests: proves the subsystem is idle). */
    public int armed() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        List<TimerEntry> due = new ArrayList<>();
        while (true) {
            lock.lock();
            try {
                while (!closed) {
                    TimerEntry first = queue.peek();
                    if (first == null) {
                        changed.awaitUninterruptibly();
                        continue;
                    }
                    long wait = first.key - System.nanoTime();
                    if (wait <= 0) {
                        break;
                    }
                    changed.awaitNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(60)));
                }
                if (closed) {
                    return;
                }
                long now = System.nanoTime();
                while (!queue.isEmpty() && queue.peek().key - now <= 0) {
                    due.add(queue.poll());
                }
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            for (TimerEntry e : due) {
                e.fire();
            }
            due.clear();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
