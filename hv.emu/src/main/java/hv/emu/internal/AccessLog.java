package hv.emu.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Counts the accesses a device does not serve (holes, reserved offsets, odd widths, writes to read-only
 * registers, values it ignores) and logs them at a limited rate: a guest can issue millions of them, so at
 * most {@link #BURST} messages pass at once and then one per {@link #REFILL_NANOS}, each saying how many
 * were suppressed. Thread safe.
 */
public final class AccessLog {

    /** Messages allowed in a burst. */
    public static final int BURST = 10;
    /** One more message allowed per this many nanoseconds of host time. */
    public static final long REFILL_NANOS = 1_000_000_000L;

    private final Logger log;
    private final String device;
    private final AtomicLong unhandled = new AtomicLong();
    private final AtomicLong internalErrors = new AtomicLong();
    private final Object limiter = new Object();
    private long tokens = BURST;
    private long lastRefill = System.nanoTime();
    private long suppressed;

    public AccessLog(Logger log, String device) {
        this.log = log;
        this.device = device;
    }

    /** A read the device does not serve (it returns 0). */
    public void unhandledRead(long offset, int size) {
        unhandled.incrementAndGet();
        if (permit()) {
            log.warn("{}: guest read of {} byte(s) at offset 0x{} is not served (reads as 0){}", device, size,
                    Long.toHexString(offset), suppressedNote());
        }
    }

    /** A write the device does not serve (it is ignored). */
    public void unhandledWrite(long offset, int size, long value) {
        unhandled.incrementAndGet();
        if (permit()) {
            log.warn("{}: guest write of {} byte(s) value 0x{} at offset 0x{} is not served (ignored){}", device, size,
                    Long.toHexString(value), Long.toHexString(offset), suppressedNote());
        }
    }

    /** Something else the guest did that the device ignores, in words. */
    public void ignored(String what) {
        unhandled.incrementAndGet();
        if (permit()) {
            log.warn("{}: {}{}", device, what, suppressedNote());
        }
    }

    /** A bug in the device, caught so that the guest keeps running. */
    public void internalError(String during, RuntimeException e) {
        internalErrors.incrementAndGet();
        if (permit()) {
            log.error("{}: internal error during {} (the access was dropped){}", device, during, suppressedNote(), e);
        }
    }

    /** Accesses not served since creation (or restore). */
    public long unhandled() {
        return unhandled.get();
    }

    /** Internal errors caught since creation; always 0 unless the device has a bug. */
    public long internalErrors() {
        return internalErrors.get();
    }

    /** Sets the counter (restore). */
    public void restoreUnhandled(long count) {
        unhandled.set(count);
    }

    private boolean permit() {
        synchronized (limiter) {
            long now = System.nanoTime();
            long earned = (now - lastRefill) / REFILL_NANOS;
            if (earned > 0) {
                tokens = Math.min(BURST, tokens + earned);
                lastRefill += earned * REFILL_NANOS;
            }
            if (tokens > 0) {
                tokens--;
                return true;
            }
            suppressed++;
            return false;
        }
    }

    private String suppressedNote() {
        long n;
        synchronized (limiter) {
            n = suppressed;
            suppressed = 0;
        }
        return n == 0 ? "" : " (" + n + " similar message(s) suppressed)";
    }
}
