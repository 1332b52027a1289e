package hv.core.mem;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One guest's physical address space as a VCPU engine sees it.
 *
 * <p>Engines take the fast path through {@link #ramBlock(long)} and cache the result (for example
 * in a software TLB); everything else (MMIO, and RAM too if the engine prefers) goes through
 * {@link #read} and {@link #write}. When the mapping changes (a region is added, removed, detached
 * or remapped), {@link #generation()} changes and engines MUST drop cached blocks.
 *
 * <p>Thread safe: every VCPU of the guest calls it concurrently from its own host thread.
 */
@ProviderType
public interface PhysicalBus {

    /** The RAM or ROM block containing {@code gpa}, or null when {@code gpa} is not RAM/ROM. */
    RamBlock ramBlock(long gpa);

    /**
     * Reads {@code size} bytes (1, 2, 4 or 8) at {@code gpa}, zero-extended, from RAM or a device.
     *
     * @throws BusFault when nothing serves the access; never another exception for guest input
     */
    long read(long gpa, int size);

    /**
     * Writes the low {@code size} bytes (1, 2, 4 or 8) of {@code value} at {@code gpa}.
     *
     * @throws BusFault when nothing serves the access
     */
    void write(long gpa, int size, long value);

    /** Changes whenever the guest's mapping changes; a cheap volatile read. */
    long generation();

    /** The checked interface for device DMA into this address space. */
    GuestMemory memory();
}
