package hv.core.internal.time;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import hv.core.config.ClockConfig;
import hv.core.time.Timer;

/** Guest time = host monotonic time since the guest was created. Timers go to the platform timer thread. */
public final class RealClock extends GuestClock {

    private final TimerThread timers;
    private final long origin = System.nanoTime();
    private final long wallOrigin;
    private final Map<Object, Timer> live = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public RealClock(ClockConfig config, TimerThread timers) {
        super(config);
        this.timers = timers;
        Instant now = Instant.now();
        this.wallOrigin = now.getEpochSecond() * TimeMath.NS_PER_S + now.getNano();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime() - origin;
    }

    @Override
    public long wallClockNanos() {
        return wallOrigin + nanoTime();
    }

    @Override
    public long ticks() {
        return TimeMath.mulDiv(nanoTime(), config.timebaseHz(), TimeMath.NS_PER_S);
    }

    @Override
    public Timer schedule(long deadline, Runnable action) {
        return arm(Math.max(0, deadline), deadline, action);
    }

    @Override
    public Timer scheduleTicks(long tick, Runnable action) {
        long ns = TimeMath.mulDivCeil(Math.max(0, tick), TimeMath.NS_PER_S, config.timebaseHz());
        return arm(ns, tick, action);
    }

    private Timer arm(long guestNs, long reported, Runnable action) {
        if (closed) {
            return DeadTimer.at(reported);
        }
        Object token = new Object(); // the timer may fire before schedule() returns: key by a token
        Timer t = timers.schedule(TimeMath.addSat(origin, guestNs), reported, () -> {
            live.remove(token);
            if (!closed) {
                action.run();
            }
        });
        live.put(token, t);
        if (!t.pending()) {
            live.remove(token);
        }
        return t;
    }

    @Override
    public void defer(Runnable action) {
        if (!closed) {
            timers.execute(action);
        }
    }

    @Override
    public boolean virtual() {
        return false;
    }

    @Override
    public void close() {
        closed = true;
        for (Timer t : live.values()) {
            t.cancel();
        }
        live.clear();
    }
}
