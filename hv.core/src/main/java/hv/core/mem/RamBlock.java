package hv.core.mem;

/**
 * A contiguous piece of guest RAM or ROM backed by one Java array: the fast path of guest memory.
 *
 * <p>Guest physical address {@code gpa + i} is {@code data[offset + i]} for {@code 0 <= i < size}.
 * A block never spans two backing arrays, and is at most 1 GiB. The same array may back blocks of
 * several guests (shared memory) or several blocks of one guest (aliases). Multi-byte values are
 * little-endian; use {@link Ram} to access them.
 *
 * <p>Immutable; the backing array's content is shared mutable state (guest RAM).
 */
public final class RamBlock {

    /** Largest block: one backing array holds at most this many bytes. */
    public static final long MAX_SIZE = 1L << 30;

    private final long gpa;
    private final long size;
    private final byte[] data;
    private final int offset;
    private final boolean writable;

    public RamBlock(long gpa, long size, byte[] data, int offset, boolean writable) {
        if (size <= 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("RAM block size " + size + " outside 1.." + MAX_SIZE);
        }
        if (offset < 0 || offset > data.length - size) {
            throw new IllegalArgumentException("RAM block [" + offset + ", +" + size + ") outside its "
                    + data.length + "-byte array");
        }
        if (Long.compareUnsigned(gpa + size - 1, gpa) < 0) {
            throw new IllegalArgumentException("RAM block at 0x" + Long.toHexString(gpa) + " wraps the address space");
        }
        this.gpa = gpa;
        this.size = size;
        this.data = data;
        this.offset = offset;
        this.writable = writable;
    }

    /** First guest physical address. */
    public long gpa() {
        return gpa;
    }

    /** Size in bytes, 1 .. {@link #MAX_SIZE}. */
    public long size() {
        return size;
    }

    /** The backing array (shared, mutable). */
    public byte[] data() {
        return data;
    }

    /** Index in {@link #data()} of guest address {@link #gpa()}. */
    public int offset() {
        return offset;
    }

    /** False for ROM: guest stores to it take an access fault. */
    public boolean writable() {
        return writable;
    }

    /** True when {@code [addr, addr + len)} lies wholly inside this block; never overflows. */
    public boolean contains(long addr, long len) {
        long rel = addr - gpa;
        return len >= 0 && Long.compareUnsigned(rel, size) < 0 && len <= size - rel;
    }

    /** Array index of guest address {@code addr}, which the caller has checked with {@link #contains}. */
    public int index(long addr) {
        return offset + (int) (addr - gpa);
    }

    @Override
    public String toString() {
        return String.format("RamBlock[0x%x, +0x%x, %s]", gpa, size, writable ? "rw" : "ro");
    }
}
