package hv.core.internal.mem;

import hv.core.config.RegionConfig;
import hv.core.mem.BusFault;
import hv.core.mem.RamBlock;

/** One region of a guest address space: a range and what serves accesses inside it. Immutable. */
public abstract class Region {

    protected final String name;
    protected final long start;
    protected final long size;
    protected final RegionConfig config;

    protected Region(String name, long start, long size, RegionConfig config) {
        if (size <= 0 || start + size - 1 < start && start + size != 0) {
            throw new IllegalArgumentException(name + ": bad range 0x" + Long.toHexString(start) + " +0x"
                    + Long.toHexString(size));
        }
        this.name = name;
        this.start = start;
        this.size = size;
        this.config = config;
    }

    public String name() {
        return name;
    }

    public long start() {
        return start;
    }

    public long size() {
        return size;
    }

    /** Last address, inclusive. */
    public long last() {
        return start + size - 1;
    }

    /** The DT configuration, or null for synthetic regions. */
    public RegionConfig config() {
        return config;
    }

    /** True when {@code addr} lies in the region (unsigned). */
    public final boolean contains(long addr) {
        return Long.compareUnsigned(addr - start, size) < 0;
    }

    /** True when {@code [addr, addr + len)} lies wholly in the region; never overflows. */
    public final boolean contains(long addr, long len) {
        long rel = addr - start;
        return Long.compareUnsigned(rel, size) < 0 && Long.compareUnsigned(len, size - rel) <= 0;
    }

    /** The RAM block containing {@code gpa} (inside this region), or null when this is not memory. */
    public RamBlock block(long gpa) {
        return null;
    }

    /** True for RAM/ROM (or an alias of it): devices may DMA here. */
    public boolean memory() {
        return false;
    }

    /** True when guest stores fault. */
    public boolean readOnly() {
        return false;
    }

    /** Reads {@code size} bytes at {@code gpa}, which the bus checked lies wholly in this region. */
    public abstract long read(long gpa, int size);

    /** Writes {@code size} bytes at {@code gpa}, which the bus checked lies wholly in this region. */
    public abstract void write(long gpa, int size, long value);

    protected static BusFault fault(BusFault.Kind kind, long gpa, String what) {
        return new BusFault(kind, gpa, String.format("%s at 0x%x: %s", kind.name().toLowerCase(), gpa, what));
    }

    @Override
    public String toString() {
        return String.format("%s[0x%x, +0x%x]", name, start, size);
    }
}
