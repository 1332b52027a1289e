package hv.core.internal.mem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import hv.core.mem.BusFault;
import hv.core.mem.GuestMemory;
import hv.core.mem.GuestMemoryException;
import hv.core.mem.PhysicalBus;
import hv.core.mem.RamBlock;

/**
 * One guest's physical address space: regions sorted by address, found by binary search behind a
 * last-hit cache. The region set is fixed when the guest is built; emulator swaps change what
 * serves a device region, not the map. Anything outside the regions is a {@link BusFault}: a guest
 * never reaches memory that is not its own.
 */
public final class AddressSpace implements PhysicalBus {

    private final Region[] regions;
    private final AtomicLong generation = new AtomicLong(1);
    private final GuestMemoryImpl memory;
    private volatile Region last;

    /**
     * @throws IllegalArgumentException naming both regions when two overlap
     */
    public AddressSpace(List<? extends Region> list) {
        List<Region> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparing(Region::start, Long::compareUnsigned));
        for (int i = 1; i < sorted.size(); i++) {
            Region a = sorted.get(i - 1);
            Region b = sorted.get(i);
            if (Long.compareUnsigned(b.start(), a.last()) <= 0) {
                throw new IllegalArgumentException(String.format(
                        "region %s [0x%x..0x%x] overlaps region %s [0x%x..0x%x]", b.name(), b.start(), b.last(),
                        a.name(), a.start(), a.last()));
            }
        }
        this.regions = sorted.toArray(Region[]::new);
        this.memory = new GuestMemoryImpl(this);
    }

    /** The regions in address order. */
    public List<Region> regions() {
        return List.of(regions);
    }

    /** The region containing {@code gpa}, or null. */
    public Region find(long gpa) {
        Region r = last;
        if (r != null && r.contains(gpa)) {
            return r;
        }
        Region[] rs = regions;
        int lo = 0;
        int hi = rs.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Region m = rs[mid];
            if (Long.compareUnsigned(gpa, m.start()) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(gpa, m.last()) > 0) {
                lo = mid + 1;
            } else {
                last = m;
                return m;
            }
        }
        return null;
    }

    @Override
    public RamBlock ramBlock(long gpa) {
        Region r = find(gpa);
        return r == null ? null : r.block(gpa);
    }

    private static void checkSize(int size, long gpa) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new BusFault(BusFault.Kind.WIDTH, gpa, "access size " + size + " at 0x" + Long.toHexString(gpa));
        }
    }

    @Override
    public long read(long gpa, int size) {
        checkSize(size, gpa);
        Region r = find(gpa);
        if (r == null) {
            throw Region.fault(BusFault.Kind.UNMAPPED, gpa, "nothing mapped");
        }
        if (r.contains(gpa, size)) {
            return r.read(gpa, size);
        }
        if (spansMemory(gpa, size)) {
            long v = 0;
            for (int i = size - 1; i >= 0; i--) {
                v = v << 8 | find(gpa + i).read(gpa + i, 1);
            }
            return v;
        }
        throw Region.fault(BusFault.Kind.UNMAPPED, gpa, size + "-byte access crosses the end of " + r.name());
    }

    @Override
    public void write(long gpa, int size, long value) {
        checkSize(size, gpa);
        Region r = find(gpa);
        if (r == null) {
            throw Region.fault(BusFault.Kind.UNMAPPED, gpa, "nothing mapped");
        }
        if (r.contains(gpa, size)) {
            r.write(gpa, size, value);
            return;
        }
        if (spansMemory(gpa, size)) {
            for (int i = 0; i < size; i++) {
                if (find(gpa + i).readOnly()) {
                    throw Region.fault(BusFault.Kind.READ_ONLY, gpa + i, "store to ROM");
                }
            }
            for (int i = 0; i < size; i++) {
                find(gpa + i).write(gpa + i, 1, value >>> (8 * i));
            }
            return;
        }
        throw Region.fault(BusFault.Kind.UNMAPPED, gpa, size + "-byte access crosses the end of " + r.name());
    }

    /** True when every byte of {@code [gpa, gpa + len)} is RAM/ROM (possibly several adjacent regions). */
    boolean spansMemory(long gpa, long len) {
        if (len <= 0 || Long.compareUnsigned(gpa + len - 1, gpa) < 0) {
            return false;
        }
        long pos = gpa;
        long left = len;
        while (left > 0) {
            Region r = find(pos);
            if (r == null || !r.memory()) {
                return false;
            }
            long avail = r.last() - pos + 1; // 0 means the whole 2^64 space: cannot happen for a region
            if (avail == 0 || Long.compareUnsigned(left, avail) <= 0) {
                return true;
            }
            pos += avail;
            left -= avail;
        }
        return true;
    }

    /**
     * Copies bytes into RAM or ROM (image loaders; ROM is writable here).
     *
     * @throws GuestMemoryException when the range is not wholly RAM/ROM
     */
    public void load(long gpa, byte[] src, int off, int len) {
        if (len == 0) {
            return;
        }
        if (!spansMemory(gpa, len)) {
            throw new GuestMemoryException(gpa, len);
        }
        memory.copy(gpa, src, off, len, true);
    }

    @Override
    public long generation() {
        return generation.get();
    }

    /** Signals a mapping change (a device detached or attached) to engines caching translations. */
    public void bumpGeneration() {
        generation.incrementAndGet();
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }
}
