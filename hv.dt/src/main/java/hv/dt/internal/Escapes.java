package hv.dt.internal;

import java.io.ByteArrayOutputStream;

/**
 * Escape sequences in DTS strings and character literals, as dtc reads them: {@code \a \b \t
 * \n \v \f \r}, up to three octal digits, {@code \x} with one or two hex digits; any other
 * escaped character stands for itself ({@code \" \\ \'}).
 */
final class Escapes {
    private Escapes() {
    }

    /** Decodes the text between the quotes; characters are bytes (ISO-8859-1). */
    static byte[] decode(String raw, SourceLoc loc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i++);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (i >= raw.length()) {
                throw loc.error("a backslash ends the literal: expected an escaped character");
            }
            char e = raw.charAt(i++);
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'v' -> out.write(11);
                case 'f' -> out.write('\f');
                case 'r' -> out.write('\r');
                case 'x' -> {
                    int v = 0;
                    int n = 0;
                    while (n < 2 && i < raw.length() && Character.digit(raw.charAt(i), 16) >= 0
                            && raw.charAt(i) < 0x80) {
                        v = v * 16 + Character.digit(raw.charAt(i++), 16);
                        n++;
                    }
                    if (n == 0) {
                        throw loc.error("expected one or two hex digits after \\x");
                    }
                    out.write(v);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int n = 1;
                        while (n < 3 && i < raw.length() && raw.charAt(i) >= '0'
                                && raw.charAt(i) <= '7') {
                            v = v * 8 + (raw.charAt(i++) - '0');
                            n++;
                        }
                        out.write(v);
                    } else {
                        out.write(e);
                    }
                }
            }
        }
        return out.toByteArray();
    }
}
