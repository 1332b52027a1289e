package hv.core.sched;

import java.util.List;

/**
 * A snapshot of one scheduled entity for shells and tests.
 *
 * @param name the entity's name
 * @param orphan true for platform background work
 * @param priority 0..7
 * @param state {@code READY}, {@code RUNNING} or {@code IDLE} as the scheduler sees it
 * @param stats its statistics
 * @param timeSlice nanoseconds (the budget per period for budget-enforcing policies)
 * @param deadline nanoseconds within each period
 * @param periodicity nanoseconds
 * @param allowedCpus the host CPUs it may run on now (affinity, narrowed by a set_hcpu pin)
 */
public record EntityInfo(String name, boolean orphan, int priority, String state, SchedStats stats, long timeSlice,
        long deadline, long periodicity, List<Integer> allowedCpus) {

    /** A snapshot without timing parameters and affinity (kept for existing callers). */
    public EntityInfo(String name, boolean orphan, int priority, String state, SchedStats stats) {
        this(name, orphan, priority, state, stats, 0, 0, 0, List.of());
    }
}
