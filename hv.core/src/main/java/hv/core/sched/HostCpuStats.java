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
 */
public record HostCpuStats(int id, long busyNanos, long idleNanos, long switches, long preemptions, String current) {
}
