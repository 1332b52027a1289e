package hv.core.sched;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The scheduler core, registered once by hv.core: host CPUs, the active policy, orphan VCPUs and
 * statistics. Thread safe.
 */
@ProviderType
public interface Scheduler {

    /** Framework property naming the policy to use; otherwise the highest-ranked policy service. */
    String POLICY_PROPERTY = "hv.sched.policy";

    /** Name of the built-in priority round-robin policy used when no policy service is present. */
    String BUILTIN_POLICY = "builtin-prr";

    /** Name of the active policy. */
    String activePolicy();

    /** Names of all known policies, the built-in one included. */
    List<String> policies();

    /**
     * Makes {@code name} the active policy at once (ready queues are rebuilt).
     *
     * @throws IllegalArgumentException when no such policy is known
     */
    void selectPolicy(String name);

    /** Number of host CPUs. */
    int hostCpuCount();

    /** Statistics of every host CPU. */
    List<HostCpuStats> hostCpus();

    /** Every entity (guest VCPUs, virtual-time guests, orphans) known to the scheduler. */
    List<EntityInfo> entities();

    /**
     * Creates an orphan VCPU, ready at once.
     *
     * @param priority 0..7
     * @param timeSlice nanoseconds, positive
     */
    Orphan createOrphan(String name, int priority, long timeSlice, OrphanBody body);
}
