package hv.core.sched;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The work of an orphan VCPU: platform background work (switches, message routing, disk I/O
 * completion) run in slices on host CPUs like guest VCPUs, under the same policy.
 */
@ConsumerType
public interface OrphanBody {

    /** What the orphan wants after a slice. */
    enum Result {
        /** More work is ready: stay ready. */
        MORE,
        /** Nothing to do: sleep until {@link Orphan#wake()}. */
        IDLE,
        /** Finished: the orphan is removed. */
        DONE
    }

    /**
     * Does some work on a host CPU thread. SHOULD return when {@link System#nanoTime()} reaches
     * {@code deadline} (the end of the slice), and MUST NOT block for long (no I/O waits). An
     * exception ends the orphan and is logged.
     */
    Result run(long deadline);
}
