package hv.core.sched;

/** Why an entity entered the ready set. */
public enum ReadyReason {
    /** It was started, resumed or woken (from WFI, a timer, an interrupt, new work). */
    WOKEN,
    /** It used up its time slice: Xvisor puts it at the tail of its level. */
    SLICE_END,
    /** A higher-priority entity took its host CPU before its slice ended. */
    PREEMPTED,
    /** It gave up its host CPU voluntarily before its slice ended. */
    YIELDED,
    /**
     * The active policy changed and the ready set is being rebuilt, or a ready entity's placement
     * (affinity, set_hcpu pin) changed and it re-enters the ready set.
     */
    REBUILD
}
