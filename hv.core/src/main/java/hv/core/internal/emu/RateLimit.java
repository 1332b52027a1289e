package hv.core.internal.emu;

/** Allows at most {@code perSecond} events per second: guests can trigger log messages at will. */
public final class RateLimit {

    private final int perSecond;
    private long windowStart;
    private int count;

    public RateLimit(int perSecond) {
        this.perSecond = perSecond;
    }

    public synchronized boolean allow() {
        long now = System.nanoTime();
        if (now - windowStart > 1_000_000_000L) {
            windowStart = now;
            count = 0;
        }
        return ++count <= perSecond;
    }
}
