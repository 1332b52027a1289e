package hv.core.mem;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Named shared-memory objects (Xvisor's shmem): host memory that {@code shared_ram} /
 * {@code shared_rom} regions of several guests map, zero-copy. Registered once by hv.core. Thread safe.
 */
@ProviderType
public interface SharedMemoryManager {

    /**
     * Creates a zeroed object.
     *
     * @param size bytes, positive
     * @param alignOrder log2 alignment (Xvisor's align_order; recorded, the JVM needs none)
     * @throws IllegalArgumentException when the name is taken or the size invalid
     * @throws IllegalStateException when the host memory limit would be exceeded
     */
    SharedMemoryInfo create(String name, long size, int alignOrder);

    /**
     * Destroys an object no guest maps.
     *
     * @return false when there is none
     * @throws IllegalStateException when guests map it (the message names them)
     */
    boolean destroy(String name);

    /** All objects by name. */
    List<SharedMemoryInfo> list();

    /** The object named {@code name}. */
    Optional<SharedMemoryInfo> find(String name);

    /**
     * Checked access to an object's bytes from the host side (addresses are offsets into it).
     *
     * @throws IllegalArgumentException when there is no such object
     */
    GuestMemory access(String name);
}
