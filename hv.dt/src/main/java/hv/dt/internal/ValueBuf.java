package hv.dt.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A property value being parsed: bytes plus markers, merged and patched like dtc's data. */
final class ValueBuf {
    private byte[] bytes = new byte[16];
    private int len;
    final List<Marker> markers = new ArrayList<>();

    int length() {
        return len;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, len);
    }

    byte[] raw() {
        return bytes;
    }

    private void room(int more, SourceLoc loc) {
        if ((long) len + more > Limits.MAX_VALUE_SIZE) {
            throw loc.error("property value larger than " + Limits.MAX_VALUE_SIZE + " bytes");
        }
        if (len + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(len + more, 2 * bytes.length));
        }
    }

    void mark(Marker.Kind kind, String ref, SourceLoc loc) {
        markers.add(new Marker(kind, len, ref, loc));
    }

    void append(byte[] b, SourceLoc loc) {
        room(b.length, loc);
        System.arraycopy(b, 0, bytes, len, b.length);
        len += b.length;
    }

    /** Appends the low {@code bits} of {@code v}, big-endian. */
    void appendInt(long v, int bits, SourceLoc loc) {
        int n = bits / 8;
        room(n, loc);
        for (int i = n - 1; i >= 0; i--) {
            bytes[len++] = (byte) (v >>> (8 * i));
        }
    }

    /** Inserts bytes at the offset of marker {@code index}; later markers move along. */
    void insertAt(int index, byte[] b, SourceLoc loc) {
        int off = markers.get(index).offset();
        room(b.length, loc);
        System.arraycopy(bytes, off, bytes, off + b.length, len - off);
        System.arraycopy(b, 0, bytes, off, b.length);
        len += b.length;
        for (int i = index + 1; i < markers.size(); i++) {
            markers.set(i, markers.get(i).shifted(b.length));
        }
    }

    void put32(int off, int v) {
        Bytes.put32(bytes, off, v);
    }
}
