package hv.core.sched;

import org.osgi.annotation.versioning.ConsumerType;

import java.util.List;

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
 * one; the old one is simply dropped (before the rebuild the new one hears {@link #attach}, so a
 * policy that was active before forgets its stale ready set).
 *
 * <p>Time: policies that need the time use {@link System#nanoTime()} (the core's clock), or a clock of
 * the same scale injected by tests. A policy may keep entities in its ready set that are not eligible
 * yet (a budget used up until the next period): it returns null from {@link #pickNext} for them,
 * says in {@link #nextEvent} when it wants the core's attention again, and the core then calls
 * {@link #tick} and finds host CPUs (idle, or by preemption) for the entities that became eligible.
 */
@ConsumerType
public interface SchedulerPolicy {

    /** Service property (String): the policy's name, used by {@code hv.sched.policy} and the shell. */
    String NAME = "hv.sched.name";

    /**
     * The core makes this policy the active one: forget any ready set kept from an earlier time it was
     * active; {@code hostCpuCount} host CPUs (0..count-1) will ask {@link #pickNext}. Called under the
     * scheduler lock, before the {@link ReadyReason#REBUILD} enqueues.
     */
    default void attach(int hostCpuCount) {
    }

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
     * Called when {@code woken} became ready (or eligible, see {@link #tick}) while {@code running} runs
     * on a host CPU that {@code woken} may use: true preempts {@code running} at its next block
     * boundary. The core also uses it as an order between running entities to choose the victim:
     * among the host CPUs {@code woken} may use it preempts the running entity that every other
     * candidate would preempt (the lowest priority for the built-in policy). MUST be a pure function
     * of the two entities and the policy's state.
     */
    default boolean preempts(SchedEntity woken, SchedEntity running) {
        return woken.priority() > running.priority();
    }

    /** Accounting hook: {@code entity} ran {@code nanos} on a host CPU and stopped for {@code outcome}. */
    default void ran(SchedEntity entity, long nanos, SliceOutcome outcome) {
    }

    /**
     * When the policy next needs {@link #tick}: a {@link System#nanoTime()} instant (a budget is
     * replenished, a deadline is to be checked), or {@link Long#MAX_VALUE} for never. The core asks
     * after every change of the ready set and arms a timer; policies without time-driven state keep
     * the default.
     */
    default long nextEvent() {
        return Long.MAX_VALUE;
    }

    /**
     * The time of {@link #nextEvent} has come ({@code now} is at or after it): update time-driven state
     * (replenish budgets, count deadline misses) and return the entities of the ready set that became
     * eligible to run, for which the core then finds host CPUs exactly as for a woken entity (an idle
     * one, else preemption through {@link #preempts}). Afterwards {@link #nextEvent} MUST be later
     * than {@code now}.
     */
    default List<SchedEntity> tick(long now) {
        return List.of();
    }
}
