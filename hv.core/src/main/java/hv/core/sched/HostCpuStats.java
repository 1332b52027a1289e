package hv.core.sched;

/**
 * Statistics of one host CPU (a worker thread of the platform).
 *
 * @param id host CPU number, 0-based
 * @param busyNanos time spent running entities
 * @param idleNanos time spent idle
 * @param switches entity switches
 * @param preemptions preemptions it took
 * @param current name of the entity running now, or null
 * @param budgetOverruns budget overruns of the entities that last ran on it
 * @param deadlineMisses deadline misses of the entities that last ran on it (or that never ran: not counted)
 */
public record HostCpuStats(int id, long busyNanos, long idleNanos, long switches, long preemptions, String current,
        long budgetOverruns, long deadlineMisses) {

    /** Statistics without budget and deadline figures (kept for existing callers). */
    public HostCpuStats(int id, long busyNanos, long idleNanos, long switches, long preemptions, String current) {
        this(id, busyNanos, idleNanos, switches, preemptions, current, 0, 0);
    }

    /** Busy share, 0..1. */
    public double utilisation() {
        long all = busyNanos + idleNanos;
        return all <= 0 ? 0 : (double) busyNanos / all;
    }
}
