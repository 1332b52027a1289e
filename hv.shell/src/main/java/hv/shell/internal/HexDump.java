package hv.shell.internal;

import java.util.Arrays;

/**
 * Bytes as {@code hexdump -C} prints them: address, 16 bytes in two groups of 8, the printable
 * ASCII between bars; a run of lines equal to the one before is shown as one {@code *}; the last
 * line is the address after the end.
 */
final class HexDump {

    private HexDump() {
    }

    /** Dumps {@code data}, the first byte being at address {@code base}. */
    static String format(long base, byte[] data) {
        long last = base + Math.max(data.length, 1) - 1;
        int digits = Long.compareUnsigned(last, 0xffff_ffffL) <= 0 && Long.compareUnsigned(last, base) >= 0 ? 8 : 16;
        String addr = "%0" + digits + "x";
        StringBuilder b = new StringBuilder();
        byte[] previous = null;
        boolean starred = false;
        for (int off = 0; off < data.length; off += 16) {
            int n = Math.min(16, data.length - off);
            byte[] line = Arrays.copyOfRange(data, off, off + n);
            if (previous != null && n == 16 && Arrays.equals(line, previous)) {
                if (!starred) {
                    b.append("*\n");
                    starred = true;
                }
                continue;
            }
            starred = false;
            previous = line;
            b.append(String.format(addr, base + off)).append("  ");
            for (int i = 0; i < 16; i++) {
                if (i < n) {
                    b.append(Character.forDigit((line[i] >> 4) & 0xf, 16)).append(Character.forDigit(line[i] & 0xf, 16));
                } else {
                    b.append("  ");
                }
                b.append(i == 7 ? "  " : " ");
            }
            b.append(" |");
            for (int i = 0; i < n; i++) {
                int c = line[i] & 0xff;
                b.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            b.append("|\n");
        }
        b.append(String.format(addr, base + data.length));
        return b.toString();
    }
}
