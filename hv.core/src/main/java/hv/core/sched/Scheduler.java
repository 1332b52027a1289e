package hv.core.sched;

import java.util.BitSet;
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

    /**
     * Xvisor's {@code set_affinity}, at run time: entity {@code name} (a guest VCPU
     * {@code <guest>/<vcpu>}, an orphan {@code orphan/<name>}, a virtual-time group {@code <guest>/vtime})
     * may run only on host CPUs {@code cpus} from now on (null or empty: all). A ready entity is
     * re-queued at once; a running one on a host CPU outside the set ends its slice at its next block
     * boundary and continues on an allowed one. A {@link #setHostCpu} pin is dropped.
     *
     * @throws IllegalArgumentException for an unknown entity or a host CPU that does not exist
     */
    default void setAffinity(String name, BitSet cpus) {
        throw new UnsupportedOperationException("set_affinity is not supported by this scheduler");
    }

    /**
     * Xvisor's {@code set_hcpu}, at run time: moves entity {@code name} to host CPU {@code cpu}, which
     * its affinity must allow, and keeps it there (a pin) until the next {@link #setAffinity} or
     * {@code setHostCpu(name, -1)}, which drops the pin.
     *
     * @throws IllegalArgumentException for an unknown entity, a host CPU that does not exist, or one
     *         outside the entity's affinity
     */
    default void setHostCpu(String name, int cpu) {
        throw new UnsupportedOperationException("set_hcpu is not supported by this scheduler");
    }

    /**
     * Host-interrupt affinity: the host CPUs on which the platform's background work (orphan VCPUs
     * without an affinity of their own) runs; null or empty: all. Applies to existing and future
     * orphans at once.
     *
     * @throws IllegalArgumentException for a host CPU that does not exist
     */
    default void setOrphanAffinity(BitSet cpus) {
        throw new UnsupportedOperationException("orphan affinity is not supported by this scheduler");
    }

    /** The orphan affinity set by {@link #setOrphanAffinity}, or null for all host CPUs. */
    default BitSet orphanAffinity() {
        return null;
    }
}
