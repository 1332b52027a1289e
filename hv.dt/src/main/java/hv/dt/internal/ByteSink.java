package hv.dt.internal;

import java.util.Arrays;

import hv.dt.DtException;

/** A growable big-endian byte buffer that refuses to grow past the DTB size limit. */
final class ByteSink {
    private byte[] buf = new byte[256];
    private int len;

    int length() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    private void room(long more) {
        long need = len + more;
        if (need > Limits.MAX_BLOB_SIZE) {
            throw DtException.of("the tree does not fit in a DTB of at most "
                    + Limits.MAX_BLOB_SIZE + " bytes", null);
        }
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(Limits.MAX_BLOB_SIZE,
                    Math.max(need, 2L * buf.length)));
        }
    }

    void u32(int v) {
        room(4);
        Bytes.put32(buf, len, v);
        len += 4;
    }

    void u64(long v) {
        room(8);
        Bytes.put64(buf, len, v);
        len += 8;
    }

    void bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    void zeros(int n) {
        room(n);
        len += n; // the buffer is zero beyond len: it only grows and is never rewound
    }

    void align4() {
        zeros(Fdt.align4(len) - len);
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, len);
    }
}
