package hv.core.mem;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checked access to a guest's RAM, for devices (virtqueues, DMA) and loaders.
 *
 * <p>Every method checks that the whole range lies in RAM of this guest (reads may also touch ROM; never MMIO, never outside
 * its regions) and throws {@link GuestMemoryException} otherwise. Addresses are unsigned 64-bit;
 * range checks do not overflow. Multi-byte values are little-endian. Thread safe.
 */
@ProviderType
public interface GuestMemory {

    /** True when {@code [gpa, gpa + len)} is wholly RAM (or ROM) of this guest. */
    boolean isRam(long gpa, long len);

    int read8(long gpa);

    int read16(long gpa);

    int read32(long gpa);

    long read64(long gpa);

    void write8(long gpa, int value);

    void write16(long gpa, int value);

    void write32(long gpa, int value);

    void write64(long gpa, long value);

    /** Copies {@code len} guest bytes at {@code gpa} into {@code dst[off..]}. */
    void read(long gpa, byte[] dst, int off, int len);

    /** Copies {@code src[off..off+len)} to guest RAM at {@code gpa}. Refused for ROM. */
    void write(long gpa, byte[] src, int off, int len);
}
