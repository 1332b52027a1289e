package hv.core.internal.mem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import hv.core.mem.RamBlock;

/**
 * Host memory behind guest RAM/ROM: byte arrays of at most 1 GiB each, so RAM of any size fits
 * Java's array limit. Byte {@code i} is {@code chunks[i >>> 30][i & (1 GiB - 1)]}.
 */
public final class Backing {

    /** Chunk size: 1 GiB, the largest {@link RamBlock}. */
    public static final long CHUNK = RamBlock.MAX_SIZE;
    private static final int SHIFT = 30;

    private final byte[][] chunks;
    private final long size;

    private Backing(byte[][] chunks, long size) {
        this.chunks = chunks;
        this.size = size;
    }

    /** Allocates {@code size} zeroed bytes. */
    public static Backing allocate(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("backing size must be positive: " + size);
        }
        int n = (int) ((size + CHUNK - 1) >>> SHIFT);
        byte[][] chunks = new byte[n][];
        for (int i = 0; i < n; i++) {
            long len = Math.min(CHUNK, size - ((long) i << SHIFT));
            chunks[i] = new byte[(int) len];
        }
        return new Backing(chunks, size);
    }

    public long size() {
        return size;
    }

    /**
     * RAM blocks that map {@code [offset, offset + len)} of this backing at guest address {@code gpa},
     * one per chunk touched, in address order.
     */
    public List<RamBlock> blocks(long gpa, long offset, long len, boolean writable) {
        if (offset < 0 || len <= 0 || offset > size - len) {
            throw new IllegalArgumentException("window [" + offset + ", +" + len + ") outside backing of " + size);
        }
        List<RamBlock> out = new ArrayList<>();
        long pos = offset;
        long end = offset + len;
        while (pos < end) {
            int ci = (int) (pos >>> SHIFT);
            int inChunk = (int) (pos & (CHUNK - 1));
            long n = Math.min(end - pos, chunks[ci].length - inChunk);
            out.add(new RamBlock(gpa + (pos - offset), n, chunks[ci], inChunk, writable));
            pos += n;
        }
        return out;
    }

    /** Zeroes {@code [offset, offset + len)}. */
    public void zero(long offset, long len) {
        long pos = offset;
        long end = offset + len;
        while (pos < end) {
            int ci = (int) (pos >>> SHIFT);
            int inChunk = (int) (pos & (CHUNK - 1));
            int n = (int) Math.min(end - pos, chunks[ci].length - inChunk);
            Arrays.fill(chunks[ci], inChunk, inChunk + n, (byte) 0);
            pos += n;
        }
    }
}
