package hv.core.sched;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A VCPU, an orphan VCPU or a virtual-time guest as a scheduling policy sees it. Parameters come
 * from the guest DT (Xvisor's {@code priority}, {@code time_slice}, {@code deadline},
 * {@code periodicity}, {@code affinity}) and do not change while the entity is in a ready set.
 */
@ProviderType
public interface SchedEntity {

    /** Lowest priority. */
    int MIN_PRIORITY = 0;
    /** Highest priority: a HIGHER value wins. */
    int MAX_PRIORITY = 7;
    /** Default priority. */
    int DEFAULT_PRIORITY = 3;

    /** Unique, stable name: {@code <guest>/<vcpu>} for guest VCPUs, {@code orphan/<name>} for orphans. */
    String name();

    /** A number unique among live entities, increasing with creation (a stable tie-breaker). */
    long id();

    /** 0..7, higher wins. */
    int priority();

    /** Nanoseconds the entity may run before it goes to the back of its queue. */
    long timeSlice();

    /** Nanoseconds: the deadline within each period (at least the time slice). */
    long deadline();

    /** Nanoseconds: the period (at least the deadline). */
    long periodicity();

    /** True when the entity may run on host CPU {@code hostCpu}. */
    boolean allowedOn(int hostCpu);

    /** True for platform background work, false for guest VCPUs. */
    boolean orphan();

    /** Per-entity data of the active policy (for example its queue node); null after a policy swap. */
    Object policyData();

    /** Sets the active policy's per-entity data. */
    void policyData(Object data);

    /**
     * Statistics hook for policies that enforce budgets: {@code this} wanted to run on after using
     * its budget (time slice per period) in the current period, and waits for the next period.
     */
    default void countBudgetOverrun() {
    }

    /**
     * Statistics hook for policies that watch deadlines: {@code this} was ready or running at its
     * deadline in the current period without having used its budget (its work was not done in time).
     */
    default void countDeadlineMiss() {
    }
}
