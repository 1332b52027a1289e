package hv.core.internal.mem;

import java.util.ArrayList;
import java.util.List;

import hv.core.config.RegionConfig;
import hv.core.mem.RamBlock;

/**
 * Another range of the same address space seen at this address ({@code manifest_type = "alias"}).
 * The target range lies wholly inside one region; for RAM the alias shares its blocks' arrays.
 */
public final class AliasRegion extends Region {

    private final Region target;
    private final long delta;
    private final RamBlock[] blocks;

    /**
     * @param target the region containing {@code [targetAddr, targetAddr + size)}
     */
    public AliasRegion(RegionConfig config, Region target, long targetAddr) {
        super(config.name(), config.gpa(), config.size(), config);
        this.target = target;
        this.delta = targetAddr - config.gpa();
        if (target instanceof RamRegion ram) {
            List<RamBlock> list = new ArrayList<>();
            long targetLast = targetAddr + size - 1;
            for (RamBlock b : ram.blocks()) {
                long bLast = b.gpa() + b.size() - 1;
                long lo = Long.compareUnsigned(b.gpa(), targetAddr) > 0 ? b.gpa() : targetAddr;
                long hi = Long.compareUnsigned(bLast, targetLast) < 0 ? bLast : targetLast;
                if (Long.compareUnsigned(lo, hi) <= 0) {
                    list.add(new RamBlock(lo - delta, hi - lo + 1, b.data(), b.index(lo), b.writable()));
                }
            }
            blocks = list.toArray(RamBlock[]::new);
        } else {
            blocks = null;
        }
    }

    public Region target() {
        return target;
    }

    @Override
    public RamBlock block(long gpa) {
        if (blocks == null) {
            return null;
        }
        for (RamBlock b : blocks) {
            if (b.contains(gpa, 1)) {
                return b;
            }
        }
        return null;
    }

    @Override
    public boolean memory() {
        return target.memory();
    }

    @Override
    public boolean readOnly() {
        return target.readOnly();
    }

    @Override
    public long read(long gpa, int size) {
        return target.read(gpa + delta, size);
    }

    @Override
    public void write(long gpa, int size, long value) {
        target.write(gpa + delta, size, value);
    }
}
