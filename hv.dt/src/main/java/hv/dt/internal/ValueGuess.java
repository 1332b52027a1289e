package hv.dt.internal;

import java.util.List;

/** dtc's guess of how to print a value that carries no type information (from a DTB). */
final class ValueGuess {
    private ValueGuess() {
    }

    static Marker.Kind guess(byte[] v, List<Marker> markers) {
        int len = v.length;
        int notString = 0;
        int nul = 0;
        for (byte x : v) {
            if (!isStringChar(x & 0xff)) {
                notString++;
            }
            if (x == 0) {
                nul++;
            }
        }
        int labelNotAtString = 0;
        int labelNotAtCell = 0;
        for (Marker m : markers) {
            if (m.kind() == Marker.Kind.LABEL) {
                if (m.offset() > 0 && m.offset() <= len && v[m.offset() - 1] != 0) {
                    labelNotAtString++;
                }
                if (m.offset() % 4 != 0) {
                    labelNotAtCell++;
                }
            }
        }
        if (len > 0 && v[len - 1] == 0 && notString == 0 && nul <= len - nul
                && labelNotAtString == 0) {
            return Marker.Kind.STRING;
        }
        if (len % 4 == 0 && labelNotAtCell == 0) {
            return Marker.Kind.U32;
        }
        return Marker.Kind.U8;
    }

    /** C's {@code isprint(c) || c == 0 || strchr("\a\b\t\n\v\f\r", c)}. */
    private static boolean isStringChar(int c) {
        return (c >= 0x20 && c < 0x7f) || c == 0 || (c >= 7 && c <= 13);
    }
}
