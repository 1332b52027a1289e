package hv.dt.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes DTS text the way {@code dtc -O dts} (1.6) does: tabs, a blank line before each child
 * node, values split into chunks by the type markers the source had ({@code <..>},
 * {@code [..]}, strings, {@code /bits/ n <..>}) and guessed like dtc when there are none
 * (values read from a DTB). Two deliberate differences, both where dtc's text would not read
 * back to the same bytes: a byte 0x80-0xff in a string is written {@code \x80} (dtc writes a
 * sign-extended {@code \xffffff80}), and a NUL before an octal digit is written {@code \000}
 * (dtc writes {@code \0}, which swallows the digit).
 */
final class DtsWriter {
    private DtsWriter() {
    }

    static String tree(TreeImpl t) {
        StringBuilder sb = new StringBuilder("/dts-v1/;\n\n");
        for (TreeImpl.Reservation r : t.reservations()) {
            for (String l : r.labels()) {
                sb.append(l).append(": ");
            }
            sb.append(String.format("/memreserve/\t0x%016x 0x%016x;\n", r.address(), r.size()));
        }
        node(sb, t.root(), 0);
        return sb.toString();
    }

    static String node(NodeImpl n) {
        StringBuilder sb = new StringBuilder();
        node(sb, n, 0);
        return sb.toString();
    }

    static String property(PropertyImpl p) {
        StringBuilder sb = new StringBuilder();
        for (String l : p.labels()) {
            sb.append(l).append(": ");
        }
        sb.append(escapeName(p.name()));
        value(sb, p);
        return sb.toString();
    }

    private static void node(StringBuilder sb, NodeImpl n, int level) {
        sb.append("\t".repeat(level));
        for (String l : n.labelList()) {
            sb.append(l).append(": ");
        }
        sb.append(n.name().isEmpty() ? "/" : escapeName(n.name())).append(" {\n");
        for (PropertyImpl p : n.props()) {
            sb.append("\t".repeat(level + 1)).append(property(p)).append('\n');
        }
        for (NodeImpl k : n.kids()) {
            sb.append('\n');
            node(sb, k, level + 1);
        }
        sb.append("\t".repeat(level)).append("};\n");
    }

    /** A name that would read as a preprocessor directive gets dtc's backslash escape. */
    private static String escapeName(String name) {
        if (name.startsWith("#") && name.length() > 1) {
            int i = 1;
            boolean digits = Character.isDigit(name.charAt(1));
            while (i < name.length() && (digits ? Character.isDigit(name.charAt(i))
                    : name.charAt(i) >= 'a' && name.charAt(i) <= 'z')) {
                i++;
            }
            String word = name.substring(1, i);
            if (digits || Preprocessor.isDirective(word) && (i == name.length()
                    || !Names.isNameChar(name.charAt(i)))) {
                return "\\" + name;
            }
        }
        return name;
    }

    private static void value(StringBuilder sb, PropertyImpl p) {
        byte[] v = p.raw();
        if (v.length == 0) {
            sb.append(';');
            return;
        }
        List<Marker> markers = p.markers();
        String text = null;
        if (markers.stream().anyMatch(m -> m.kind().isType())) {
            text = chunks(v, markers);
        }
        if (text == null) {
            List<Marker> guessed = new ArrayList<>();
            guessed.add(Marker.type(ValueGuess.guess(v, markers), 0));
            guessed.addAll(markers);
            text = chunks(v, guessed);
        }
        if (text == null) {
            text = chunks(v, List.of(Marker.type(ValueGuess.guess(v, List.of()), 0)));
        }
        sb.append(" =").append(text).append(';');
    }

    /** The chunks after {@code " ="}, or null when the markers do not fit the value. */
    private static String chunks(byte[] v, List<Marker> markers) {
        StringBuilder sb = new StringBuilder();
        Marker.Kind emit = null;
        int len = v.length;
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            int end = i + 1 < markers.size() ? markers.get(i + 1).offset() : len;
            int chunk = end - m.offset();
            if (m.offset() < 0 || m.offset() > len || chunk < 0) {
                return null;
            }
            int typeLen = typeMarkerLength(markers, i);
            int dataLen = typeLen != 0 ? typeLen : len - m.offset();
            if (m.kind().isType()) {
                emit = m.kind();
                sb.append(' ').append(start(emit));
            } else if (m.kind() == Marker.Kind.LABEL) {
                sb.append(' ').append(m.ref()).append(':');
            } else if (m.offset() != 0) {
                sb.append(' ');
            }
            if (emit == null || chunk == 0) {
                continue;
            }
            boolean ok = switch (emit) {
                case U16 -> ints(sb, v, m.offset(), chunk, 2);
                case U32 -> ints(sb, v, m.offset(), chunk, 4);
                case U64 -> ints(sb, v, m.offset(), chunk, 8);
                case STRING -> string(sb, v, m.offset(), chunk);
                default -> ints(sb, v, m.offset(), chunk, 1);
            };
            if (!ok) {
                return null;
            }
            if (chunk == dataLen) {
                int pos = m.offset() + chunk;
                sb.append(end(emit)).append(pos == len ? "" : ",");
                emit = null;
            }
        }
        return sb.toString();
    }

    private static int typeMarkerLength(List<Marker> markers, int i) {
        for (int j = i + 1; j < markers.size(); j++) {
            if (markers.get(j).kind().isType()) {
                return markers.get(j).offset() - markers.get(i).offset();
            }
        }
        return 0;
    }

    private static String start(Marker.Kind k) {
        return switch (k) {
            case U8 -> "[";
            case U16 -> "/bits/ 16 <";
            case U32 -> "<";
            case U64 -> "/bits/ 64 <";
            default -> "";
        };
    }

    private static String end(Marker.Kind k) {
        return switch (k) {
            case U8 -> "]";
            case U16, U32, U64 -> ">";
            default -> "";
        };
    }

    private static boolean ints(StringBuilder sb, byte[] v, int off, int len, int width) {
        if (len % width != 0) {
            return false;
        }
        for (int p = off; p < off + len; p += width) {
            if (width == 1) {
                sb.append(String.format("%02x", v[p] & 0xff));
            } else {
                long x = width == 2 ? ((v[p] & 0xff) << 8 | (v[p + 1] & 0xff))
                        : width == 4 ? Bytes.be32(v, p) & 0xffffffffL : Bytes.be64(v, p);
                String hex = Long.toHexString(x);
                sb.append(hex.length() < 2 ? "0x0" : "0x").append(hex);
            }
            if (p + width < off + len) {
                sb.append(' ');
            }
        }
        return true;
    }

    private static boolean string(StringBuilder sb, byte[] v, int off, int len) {
        if (v[off + len - 1] != 0) {
            return false;
        }
        sb.append('"');
        for (int p = off; p < off + len - 1; p++) {
            int c = v[p] & 0xff;
            switch (c) {
                case 7 -> sb.append("\\a");
                case 8 -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case 11 -> sb.append("\\v");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case 0 -> {
                    // dtc writes "\0" even before an octal digit, which then reads back as
                    // another character; "\000" reads back right.
                    int next = p + 1 < off + len - 1 ? v[p + 1] : -1;
                    sb.append(next >= '0' && next <= '7' ? "\\000" : "\\0");
                }
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append((char) c);
                    } else {
                        sb.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        sb.append('"');
        return true;
    }
}
