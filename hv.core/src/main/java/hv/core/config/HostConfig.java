package hv.core.config;

import java.util.List;

/**
 * The host as hv uses it, from the host DT ({@code hv.host.dt}) or defaults.
 *
 * @param hostCpus number of host CPU worker threads (default: available processors)
 * @param memoryLimit bytes of guest memory (RAM, ROM, shared memory) the host may allocate
 * @param missingEmulator default for guests that do not say
 * @param emulatorTimeoutMillis default wait of a VCPU on a detached region before it faults
 * @param schedPolicy policy to activate, or null (highest ranking)
 * @param sharedMemory shared-memory objects created at start-up
 */
public record HostConfig(int hostCpus, long memoryLimit, MissingEmulator missingEmulator, long emulatorTimeoutMillis,
        String schedPolicy, List<SharedMemorySpec> sharedMemory) {

    /** Default wait on a detached region: 10 s. */
    public static final long DEFAULT_EMULATOR_TIMEOUT_MILLIS = 10_000;

    public HostConfig {
        if (hostCpus < 1) {
            throw new GuestConfigException("/", "hv,host-cpus", "must be at least 1, is " + hostCpus);
        }
        if (memoryLimit <= 0) {
            throw new GuestConfigException("/", "hv,memory-limit", "must be positive");
        }
        sharedMemory = List.copyOf(sharedMemory);
    }

    /** A shared-memory object to create at start-up ({@code /shmem/<name>} in the host DT). */
    public record SharedMemorySpec(String name, long size, int alignOrder) {
    }

    /** Defaults: available processors, 3/4 of the JVM's maximum heap, wait for missing emulators. */
    public static HostConfig defaults() {
        long max = Runtime.getRuntime().maxMemory();
        long limit = max == Long.MAX_VALUE ? 1L << 32 : max / 4 * 3;
        return new HostConfig(Runtime.getRuntime().availableProcessors(), limit, MissingEmulator.WAIT,
                DEFAULT_EMULATOR_TIMEOUT_MILLIS, null, List.of());
    }

    /** A copy with another host CPU count. */
    public HostConfig withHostCpus(int n) {
        return new HostConfig(n, memoryLimit, missingEmulator, emulatorTimeoutMillis, schedPolicy, sharedMemory);
    }

    /** A copy with another memory limit. */
    public HostConfig withMemoryLimit(long bytes) {
        return new HostConfig(hostCpus, bytes, missingEmulator, emulatorTimeoutMillis, schedPolicy, sharedMemory);
    }
}
