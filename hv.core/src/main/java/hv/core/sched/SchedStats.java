package hv.core.sched;

/**
 * Scheduling statistics of one entity, kept by the core whatever the policy.
 *
 * @param runNanos time spent running on host CPUs
 * @param readyNanos time spent ready but not running (waiting for a host CPU, or for its next period
 *        when a budget was used up)
 * @param switches times it was switched in on a host CPU
 * @param preemptions times it was preempted before its slice ended
 * @param hostCpu host CPU it runs on now, or -1
 * @param budgetOverruns periods in which it wanted more than its budget (time slice per period) and
 *        was held back until the next period (budget-enforcing policies only)
 * @param deadlineMisses periods in which it was ready or running at its deadline without having used
 *        its budget (policies that watch deadlines only)
 * @param elapsedNanos time since the scheduler learnt of it (the base of {@link #utilisation()})
 */
public record SchedStats(long runNanos, long readyNanos, long switches, long preemptions, int hostCpu,
        long budgetOverruns, long deadlineMisses, long elapsedNanos) {

    /** Statistics without budget, deadline and age figures (kept for existing callers). */
    public SchedStats(long runNanos, long readyNanos, long switches, long preemptions, int hostCpu) {
        this(runNanos, readyNanos, switches, preemptions, hostCpu, 0, 0, 0);
    }

    /** Share of one host CPU it used since the scheduler learnt of it, 0..1 (0 when unknown). */
    public double utilisation() {
        return elapsedNanos <= 0 ? 0 : Math.min(1.0, (double) runNanos / elapsedNanos);
    }
}
