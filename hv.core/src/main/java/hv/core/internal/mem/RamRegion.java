package hv.core.internal.mem;

import java.util.List;

import hv.core.config.RegionConfig;
import hv.core.mem.BusFault;
import hv.core.mem.Ram;
import hv.core.mem.RamBlock;

/** RAM or ROM: a window of a {@link Backing}, cut in blocks of at most 1 GiB. */
public final class RamRegion extends Region {

    private final RamBlock[] blocks;
    private final boolean readOnly;
    private final Backing backing;
    private final long offset;

    public RamRegion(String name, long gpa, long size, Backing backing, long offset, boolean readOnly,
            RegionConfig config) {
        super(name, gpa, size, config);
        this.backing = backing;
        this.offset = offset;
        this.readOnly = readOnly;
        List<RamBlock> list = backing.blocks(gpa, offset, size, !readOnly);
        this.blocks = list.toArray(RamBlock[]::new);
    }

    @Override
    public RamBlock block(long gpa) {
        RamBlock[] b = blocks;
        if (b.length == 1) {
            return b[0];
        }
        int lo = 0;
        int hi = b.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (Long.compareUnsigned(b[mid].gpa(), gpa) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return b[lo];
    }

    /** All blocks in address order. */
    public RamBlock[] blocks() {
        return blocks.clone();
    }

    @Override
    public boolean memory() {
        return true;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public long read(long gpa, int size) {
        RamBlock b = block(gpa);
        if (b.contains(gpa, size)) {
            return Ram.get(b.data(), b.index(gpa), size);
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            RamBlock bi = block(gpa + i);
            v = v << 8 | (bi.data()[bi.index(gpa + i)] & 0xffL);
        }
        return v;
    }

    @Override
    public void write(long gpa, int size, long value) {
        if (readOnly) {
            throw fault(BusFault.Kind.READ_ONLY, gpa, "store to ROM " + name);
        }
        store(gpa, size, value);
    }

    private void store(long gpa, int size, long value) {
        RamBlock b = block(gpa);
        if (b.contains(gpa, size)) {
            Ram.put(b.data(), b.index(gpa), size, value);
            return;
        }
        for (int i = 0; i < size; i++) {
            RamBlock bi = block(gpa + i);
            bi.data()[bi.index(gpa + i)] = (byte) (value >>> (8 * i));
        }
    }

    /** Zeroes the whole region (guest reset of allocated memory). */
    public void clear() {
        backing.zero(offset, size);
    }
}
