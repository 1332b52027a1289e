package hv.dt.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Big-endian cells and NUL-terminated strings in byte arrays. */
public final class Bytes {
    private Bytes() {
    }

    /** The 32-bit big-endian value at {@code off}. */
    public static int be32(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8
                | (b[off + 3] & 0xff);
    }

    /** The 64-bit big-endian value at {@code off}. */
    public static long be64(byte[] b, int off) {
        return (long) be32(b, off) << 32 | (be32(b, off + 4) & 0xffffffffL);
    }

    /** Writes a 32-bit big-endian value at {@code off}. */
    public static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    /** Writes a 64-bit big-endian value at {@code off}. */
    public static void put64(byte[] b, int off, long v) {
        put32(b, off, (int) (v >>> 32));
        put32(b, off + 4, (int) v);
    }

    /** A 4-byte array holding one cell. */
    public static byte[] cell(int v) {
        byte[] b = new byte[4];
        put32(b, 0, v);
        return b;
    }

    /** Reads {@code count} cells from {@code off} as one unsigned number (count 0..2). */
    public static long cellsValue(byte[] b, int off, int count) {
        long v = 0;
        for (int i = 0; i < count; i++) {
            v = v << 32 | (be32(b, off + 4 * i) & 0xffffffffL);
        }
        return v;
    }

    /** The strings of a NUL-separated list, or null when the value is not one. */
    public static List<String> strings(byte[] b) {
        List<String> out = new ArrayList<>();
        if (b.length == 0) {
            return out;
        }
        if (b[b.length - 1] != 0) {
            return null;
        }
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                out.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }

    /** A string list encoded NUL-terminated, one after the other. */
    public static byte[] encodeStrings(List<String> values) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String s : values) {
            byte[] e = s.getBytes(StandardCharsets.UTF_8);
            out.write(e, 0, e.length);
            out.write(0);
        }
        return out.toByteArray();
    }
}
