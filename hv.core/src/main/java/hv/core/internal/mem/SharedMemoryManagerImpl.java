package hv.core.internal.mem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import hv.core.config.GuestConfigException;
import hv.core.mem.GuestMemory;
import hv.core.mem.SharedMemoryInfo;
import hv.core.mem.SharedMemoryManager;

/**
 * Named shared-memory objects. A {@code shared_ram} region of any number of guests maps the same
 * backing arrays: a store by one guest is seen by the others at once (zero-copy). Thread safe.
 */
public final class SharedMemoryManagerImpl implements SharedMemoryManager {

    private static final class Shm {
        final String name;
        final long size;
        final int alignOrder;
        final HostMemory.Lease lease;
        final Map<String, Integer> users = new LinkedHashMap<>();

        Shm(String name, long size, int alignOrder, HostMemory.Lease lease) {
            this.name = name;
            this.size = size;
            this.alignOrder = alignOrder;
            this.lease = lease;
        }

        SharedMemoryInfo info() {
            return new SharedMemoryInfo(name, size, alignOrder, new ArrayList<>(users.keySet()));
        }
    }

    private final HostMemory host;
    private final Map<String, Shm> objects = new LinkedHashMap<>();

    public SharedMemoryManagerImpl(HostMemory host) {
        this.host = host;
    }

    @Override
    public synchronized SharedMemoryInfo create(String name, long size, int alignOrder) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("shared memory needs a name");
        }
        if (objects.containsKey(name)) {
            throw new IllegalArgumentException("shared memory '" + name + "' exists");
        }
        if (size <= 0) {
            throw new IllegalArgumentException("shared memory '" + name + "': size must be positive");
        }
        if (alignOrder < 0 || alignOrder > 40) {
            throw new IllegalArgumentException("shared memory '" + name + "': align order " + alignOrder + " outside 0..40");
        }
        HostMemory.Lease lease = host.allocate(size, "shared memory '" + name + "'");
        Shm s = new Shm(name, size, alignOrder, lease);
        objects.put(name, s);
        return s.info();
    }

    @Override
    public synchronized boolean destroy(String name) {
        Shm s = objects.get(name);
        if (s == null) {
            return false;
        }
        if (!s.users.isEmpty()) {
            throw new IllegalStateException("shared memory '" + name + "' is mapped by " + s.users.keySet());
        }
        objects.remove(name);
        s.lease.release();
        return true;
    }

    @Override
    public synchronized List<SharedMemoryInfo> list() {
        return objects.values().stream().map(Shm::info).toList();
    }

    @Override
    public synchronized Optional<SharedMemoryInfo> find(String name) {
        return Optional.ofNullable(objects.get(name)).map(Shm::info);
    }

    @Override
    public synchronized GuestMemory access(String name) {
        Shm s = objects.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no shared memory '" + name + "'");
        }
        RamRegion r = new RamRegion(name, 0, s.size, s.lease.backing(), 0, false, null);
        return new AddressSpace(List.of(r)).memory();
    }

    /**
     * Maps an object for a guest region.
     *
     * @throws GuestConfigException when it is missing or smaller than the region
     */
    public synchronized Backing map(String name, long size, String guest, String path) {
        Shm s = objects.get(name);
        if (s == null) {
            throw new GuestConfigException(path, "shared_mem", "no shared memory '" + name + "' (create it first: "
                    + "shmem create, or /shmem/" + name + " in the host DT); known: " + objects.keySet());
        }
        if (size > s.size) {
            throw new GuestConfigException(path, "physical_size", String.format(
                    "0x%x is larger than shared memory '%s' (0x%x bytes)", size, name, s.size));
        }
        s.users.merge(guest, 1, Integer::sum);
        return s.lease.backing();
    }

    /** Undoes one {@link #map}. */
    public synchronized void unmap(String name, String guest) {
        Shm s = objects.get(name);
        if (s != null) {
            s.users.computeIfPresent(guest, (k, n) -> n == 1 ? null : n - 1);
        }
    }
}
