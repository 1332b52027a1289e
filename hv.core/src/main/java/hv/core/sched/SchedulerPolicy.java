package hv.core.sched;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A scheduling policy: the ready queues of all host CPUs and the choice of what runs next.
 *
 * <p>Registered as a DS service with the property {@link #NAME}. The core calls every method under
 * one scheduler lock, so a policy needs no synchronisation of its own, MUST NOT block, and MUST NOT
 * call back into the platform. Calls come from host CPU threads and from any thread that wakes a
 * VCPU.
 *
 * <p>Contract: an entity is in the ready set from {@link #enqueue} until it is returned by
 * {@link #pickNext} or passed to {@link #remove}; the core never enqueues an entity twice and never
 * enqueues a running one. {@link #pickNext} MUST return only entities with
 * {@link SchedEntity#allowedOn(int)} true for that host CPU (the core checks and re-enqueues a wrong
 * pick). When the active policy changes, the new one receives {@link #enqueue} with
 * {@link ReadyReason#REBUILD} for every ready entity, at a moment when no host CPU is inside the old
 * one; the old one is simply dropped.
 */
@ConsumerType
public interface SchedulerPolicy {

    /** Service property (String): the policy's name, used by {@code hv.sched.policy} and the shell. */
    String NAME = "hv.sched.name";

    /** Adds a ready entity. */
    void enqueue(SchedEntity entity, ReadyReason reason);

    /** Removes a ready entity that will not run (paused, halted, destroyed, affinity changed). */
    void remove(SchedEntity entity);

    /**
     * Chooses, and removes from the ready set, the entity to run next on host CPU {@code hostCpu}.
     *
     * @return the entity, or null to leave the host CPU idle
     */
    SchedEntity pickNext(int hostCpu);

    /** How long (nanoseconds) {@code entity}, just picked, may run before its slice ends. */
    default long timeSlice(SchedEntity entity) {
        return entity.timeSlice();
    }

    /**
     * Called when {@code woken} became ready while {@code running} runs on a host CPU that
     * {@code woken} may use: true preempts {@code running} at its next block boundary.
     */
    default boolean preempts(SchedEntity woken, SchedEntity running) {
        return woken.priority() > running.priority();
    }

    /** Accounting hook: {@code entity} ran {@code nanos} on a host CPU and stopped for {@code outcome}. */
    default void ran(SchedEntity entity, long nanos, SliceOutcome outcome) {
    }
}
