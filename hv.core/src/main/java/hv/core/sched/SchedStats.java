package hv.core.sched;

/**
 * Scheduling statistics of one entity, kept by the core whatever the policy.
 *
 * @param runNanos time spent running on host CPUs
 * @param readyNanos time spent ready but not running (waiting for a host CPU)
 * @param switches times it was switched in on a host CPU
 * @param preemptions times it was preempted before its slice ended
 * @param hostCpu host CPU it runs on now, or -1
 */
public record SchedStats(long runNanos, long readyNanos, long switches, long preemptions, int hostCpu) {
}
