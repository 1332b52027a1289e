package hv.core.sched;

/** How a slice on a host CPU ended, as reported to {@link SchedulerPolicy#ran}. */
public enum SliceOutcome {
    /** The time slice was used up; the entity is ready again. */
    SLICE_END,
    /** Preempted by the policy's decision; ready again. */
    PREEMPTED,
    /** Gave up its slice early; ready again. */
    YIELDED,
    /** Waits (WFI, detached device, paused, halted, no work); not ready. */
    BLOCKED
}
