package hv.core.internal.mem;

import java.util.Objects;

import hv.core.mem.GuestMemory;
import hv.core.mem.GuestMemoryException;
import hv.core.mem.Ram;
import hv.core.mem.RamBlock;

/** The checked DMA view of an address space: RAM (and ROM for reads) only, overflow-safe checks. */
final class GuestMemoryImpl implements GuestMemory {

    private final AddressSpace space;

    GuestMemoryImpl(AddressSpace space) {
        this.space = space;
    }

    @Override
    public boolean isRam(long gpa, long len) {
        return len == 0 ? space.ramBlock(gpa) != null : space.spansMemory(gpa, len);
    }

    private boolean writable(long gpa, long len) {
        if (!space.spansMemory(gpa, len)) {
            return false;
        }
        long pos = gpa;
        long left = len;
        while (left > 0) {
            Region r = space.find(pos);
            if (r.readOnly()) {
                return false;
            }
            long avail = r.last() - pos + 1;
            if (Long.compareUnsigned(left, avail) <= 0) {
                break;
            }
            pos += avail;
            left -= avail;
        }
        return true;
    }

    private long get(long gpa, int n) {
        RamBlock b = space.ramBlock(gpa);
        if (b != null && b.contains(gpa, n)) {
            return Ram.get(b.data(), b.index(gpa), n);
        }
        if (!space.spansMemory(gpa, n)) {
            throw new GuestMemoryException(gpa, n);
        }
        byte[] tmp = new byte[n];
        copy(gpa, tmp, 0, n, false);
        return Ram.get(tmp, 0, n);
    }

    private void put(long gpa, int n, long v) {
        RamBlock b = space.ramBlock(gpa);
        if (b != null && b.writable() && b.contains(gpa, n)) {
            Ram.put(b.data(), b.index(gpa), n, v);
            return;
        }
        if (!writable(gpa, n)) {
            throw new GuestMemoryException(gpa, n);
        }
        byte[] tmp = new byte[n];
        Ram.put(tmp, 0, n, v);
        copy(gpa, tmp, 0, n, true);
    }

    @Override
    public int read8(long gpa) {
        return (int) get(gpa, 1);
    }

    @Override
    public int read16(long gpa) {
        return (int) get(gpa, 2);
    }

    @Override
    public int read32(long gpa) {
        return (int) get(gpa, 4);
    }

    @Override
    public long read64(long gpa) {
        return get(gpa, 8);
    }

    @Override
    public void write8(long gpa, int value) {
        put(gpa, 1, value);
    }

    @Override
    public void write16(long gpa, int value) {
        put(gpa, 2, value);
    }

    @Override
    public void write32(long gpa, int value) {
        put(gpa, 4, value);
    }

    @Override
    public void write64(long gpa, long value) {
        put(gpa, 8, value);
    }

    @Override
    public void read(long gpa, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (len == 0) {
            return;
        }
        if (!space.spansMemory(gpa, len)) {
            throw new GuestMemoryException(gpa, len);
        }
        copy(gpa, dst, off, len, false);
    }

    @Override
    public void write(long gpa, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        if (len == 0) {
            return;
        }
        if (!writable(gpa, len)) {
            throw new GuestMemoryException(gpa, len);
        }
        copy(gpa, src, off, len, true);
    }

    /** Copies between guest memory and {@code buf}; the range was checked to be memory. */
    void copy(long gpa, byte[] buf, int off, int len, boolean toGuest) {
        long pos = gpa;
        int done = 0;
        while (done < len) {
            RamBlock b = space.ramBlock(pos);
            if (b == null) {
                throw new GuestMemoryException(pos, len - done);
            }
            long inBlock = b.size() - (pos - b.gpa()); // bytes left in this block
            int n = (int) Math.min(len - done, inBlock);
            if (toGuest) {
                System.arraycopy(buf, off + done, b.data(), b.index(pos), n);
            } else {
                System.arraycopy(b.data(), b.index(pos), buf, off + done, n);
            }
            done += n;
            pos += n;
        }
    }
}
