package hv.core.time;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A clock and its one-shot timers. Thread safe.
 *
 * <p>Callbacks run on the platform timer thread (real time) or on the guest's own host thread at a
 * quantum boundary (virtual time). They MUST be short and MUST NOT block: set a register, raise an
 * interrupt line, re-arm a timer. A callback that throws is logged and otherwise ignored.
 */
@ProviderType
public interface TimerService {

    /** The current time of this clock in nanoseconds; monotonic, starts near 0. */
    long nanoTime();

    /**
     * A wall clock for real-time-clock devices: nanoseconds since 1970-01-01T00:00Z. In virtual time it
     * starts at the guest's configured epoch and advances with {@link #nanoTime()}.
     */
    long wallClockNanos();

    /**
     * Runs {@code action} once when {@link #nanoTime()} reaches {@code deadline}; at once (soon, on the
     * timer thread) when the deadline has passed.
     *
     * @return a handle to cancel the timer
     */
    Timer schedule(long deadline, Runnable action);

    /** Runs {@code action} once after {@code delay} nanoseconds (a negative delay counts as 0). */
    default Timer scheduleAfter(long delay, Runnable action) {
        long now = nanoTime();
        long d = Math.max(0, delay);
        return schedule(now + d < now ? Long.MAX_VALUE : now + d, action);
    }
}
