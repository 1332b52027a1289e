package hv.core.platform;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The running hv platform, registered once by hv.core.
 *
 * <p>Thread safe; every method is cheap and may be called from any thread.
 */
@ProviderType
public interface Platform {

    /** The platform version, the version of the hv.core bundle (for example {@code 0.1.0.SNAPSHOT}). */
    String version();

    /** When the platform (the hv.core bundle) was activated. */
    Instant startedAt();

    /** Host CPUs the platform schedules VCPUs on. */
    int hostCpuCount();
}
