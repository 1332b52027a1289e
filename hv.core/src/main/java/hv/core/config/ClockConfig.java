package hv.core.config;

/**
 * A guest's clock.
 *
 * @param mode real or virtual time
 * @param timebaseHz frequency of the guest {@code time} counter (default 10 MHz)
 * @param quantum virtual time: instructions each VCPU runs in its turn
 * @param instructionsPerTick virtual time: retired instructions per {@code time} tick
 * @param epochNanos virtual time: the wall clock at guest time 0 (ns since 1970)
 */
public record ClockConfig(ClockMode mode, long timebaseHz, long quantum, long instructionsPerTick, long epochNanos) {

    /** Default timebase: 10 MHz, as on QEMU virt and Xvisor's virt64 guest. */
    public static final long DEFAULT_TIMEBASE_HZ = 10_000_000L;
    /** Default virtual-time quantum in instructions. */
    public static final long DEFAULT_QUANTUM = 10_000L;
    /** Default instructions per tick (100 at 10 MHz: 1 instruction per nanosecond of guest time). */
    public static final long DEFAULT_INSTRUCTIONS_PER_TICK = 100L;

    /** Real time at 10 MHz. */
    public static ClockConfig realTime() {
        return new ClockConfig(ClockMode.REAL, DEFAULT_TIMEBASE_HZ, DEFAULT_QUANTUM, DEFAULT_INSTRUCTIONS_PER_TICK, 0);
    }
}
