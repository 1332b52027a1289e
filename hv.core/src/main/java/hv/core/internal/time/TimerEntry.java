package hv.core.internal.time;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.time.Timer;

/**
 * A one-shot timer in some queue: {@code key} orders it in its queue's units (host nanoseconds or
 * virtual instructions), {@code deadline} is what its owner asked for in the owner's clock.
 */
final class TimerEntry implements Timer, Comparable<TimerEntry> {

    private static final Logger LOG = LoggerFactory.getLogger(TimerEntry.class);
    private static final int PENDING = 0;
    private static final int DONE = 1;

    final long key;
    final long seq;
    private final long deadline;
    private final Runnable action;
    private final Runnable onCancel;
    private final AtomicInteger state = new AtomicInteger(PENDING);

    TimerEntry(long key, long seq, long deadline, Runnable action, Runnable onCancel) {
        this.key = key;
        this.seq = seq;
        this.deadline = deadline;
        this.action = action;
        this.onCancel = onCancel;
    }

    @Override
    public long deadline() {
        return deadline;
    }

    @Override
    public boolean pending() {
        return state.get() == PENDING;
    }

    @Override
    public boolean cancel() {
        if (state.compareAndSet(PENDING, DONE)) {
            onCancel.run();
            return true;
        }
        return false;
    }

    /** Runs the action unless cancelled; called by the queue's owner thread, outside its locks. */
    void fire() {
        if (state.compareAndSet(PENDING, DONE)) {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("timer action failed", e);
            }
        }
    }

    @Override
    public int compareTo(TimerEntry o) {
        int c = Long.compare(key, o.key);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
