package hv.core.internal.config;

import java.util.ArrayList;
import java.util.List;

import hv.core.config.GuestConfigException;
import hv.core.config.HostConfig;
import hv.core.config.MissingEmulator;
import hv.dt.DeviceTree;
import hv.dt.Node;

/**
 * Reads the host DT ({@code hv.host.dt}): {@code hv,host-cpus} (or the number of {@code /cpus/cpu*}
 * nodes), {@code hv,memory-limit}, {@code hv,missing-emulator}, {@code hv,emulator-timeout-ms},
 * {@code hv,sched-policy}, and shared-memory objects under {@code /shmem}. Anything not given keeps
 * its default.
 */
public final class HostConfigParser {

    private HostConfigParser() {
    }

    public static HostConfig parse(DeviceTree tree, HostConfig defaults) {
        Props root = new Props(tree.root());
        int cpus = defaults.hostCpus();
        if (root.has("hv,host-cpus")) {
            cpus = root.smallInt("hv,host-cpus", cpus, 1, 1024);
        } else {
            Node cpusNode = tree.root().optChild("cpus").orElse(null);
            if (cpusNode != null) {
                long n = cpusNode.children().stream().filter(c -> c.baseName().equals("cpu")).count();
                if (n > 0) {
                    cpus = (int) Math.min(n, 1024);
                }
            }
        }
        long limit = root.number("hv,memory-limit", defaults.memoryLimit());
        if (limit <= 0) {
            throw root.error("hv,memory-limit", "must be positive (bytes)");
        }
        MissingEmulator missing = GuestConfigParser.missing(root);
        long timeout = root.number("hv,emulator-timeout-ms", defaults.emulatorTimeoutMillis());
        String policy = root.string("hv,sched-policy").orElse(defaults.schedPolicy());
        List<HostConfig.SharedMemorySpec> shm = new ArrayList<>(defaults.sharedMemory());
        tree.root().optChild("shmem").ifPresent(s -> {
            for (Node n : s.children()) {
                Props p = new Props(n);
                long size = p.requiredNumber("physical_size");
                if (size <= 0) {
                    throw p.error("physical_size", "must be positive");
                }
                shm.add(new HostConfig.SharedMemorySpec(n.name(), size, p.smallInt("align_order", 12, 0, 40)));
            }
        });
        try {
            return new HostConfig(cpus, limit, missing == null ? defaults.missingEmulator() : missing, timeout, policy,
                    shm);
        } catch (GuestConfigException e) {
            throw e;
        }
    }
}
