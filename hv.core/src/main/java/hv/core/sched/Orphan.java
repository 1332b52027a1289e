package hv.core.sched;

import org.osgi.annotation.versioning.ProviderType;

/** An orphan VCPU made with {@link Scheduler#createOrphan}. Thread safe. */
@ProviderType
public interface Orphan {

    /** {@code orphan/<name>}. */
    String name();

    /** Makes an idle orphan ready; harmless when it is ready or running. Any thread. */
    void wake();

    /** Removes the orphan once its current slice (if any) ends. */
    void destroy();

    /** Its statistics. */
    SchedStats stats();
}
