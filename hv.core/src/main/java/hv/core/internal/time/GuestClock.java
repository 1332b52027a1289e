package hv.core.internal.time;

import hv.core.config.ClockConfig;
import hv.core.time.Timer;
import hv.core.time.TimerService;

/**
 * One guest's clock: the {@code time} counter at the guest timebase, guest nanoseconds, timers in
 * both units, and deferred actions. {@link RealClock} follows host time; {@link VirtualClock}
 * follows retired instructions.
 */
public abstract class GuestClock implements TimerService {

    protected final ClockConfig config;

    protected GuestClock(ClockConfig config) {
        this.config = config;
    }

    public ClockConfig config() {
        return config;
    }

    /** Frequency of {@link #ticks()}. */
    public long timebaseHz() {
        return config.timebaseHz();
    }

    /** Guest time in timebase ticks (the RISC-V {@code time} CSR). */
    public abstract long ticks();

    /** Arms a timer at guest time {@code tick} (timebase ticks). */
    public abstract Timer scheduleTicks(long tick, Runnable action);

    /** Runs {@code action} soon in this guest's time domain (see {@code EmulatorContext.defer}). */
    public abstract void defer(Runnable action);

    /** True for virtual time. */
    public abstract boolean virtual();

    /** Releases timers; nothing fires afterwards. */
    public abstract void close();
}
