package hv.dt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses property values the way dtc builds them: strings, cell arrays ({@code /bits/}
 * 8/16/32/64, references, labels, parenthesized expressions), byte strings, path references
 * and {@code /incbin/}, each chunk starting with a type marker so that the DTS writer can
 * print it back in the same shape.
 */
final class ValueParser {
    private static final DtsLexer.Mode VALUE = DtsLexer.Mode.VALUE;
    private static final DtsLexer.Mode CELLS = DtsLexer.Mode.CELLS;
    private static final DtsLexer.Mode EXPR = DtsLexer.Mode.EXPR;
    private static final DtsLexer.Mode BYTES = DtsLexer.Mode.BYTES;

    private final DtsLexer lx;

    ValueParser(DtsLexer lx) {
        this.lx = lx;
    }

    /** Labels ({@code a: b:}) in source order. */
    static List<String> labels(DtsLexer lx, DtsLexer.Mode mode) {
        List<String> out = new ArrayList<>();
        while (lx.peek(mode).kind() == Token.Kind.LABEL) {
            out.add(lx.next(mode).text());
        }
        return out;
    }

    /** Parses a value after '=' up to and including ';'. */
    ValueBuf value(Token name) {
        ValueBuf v = new ValueBuf();
        while (true) {
            for (String l : labels(lx, VALUE)) {
                v.mark(Marker.Kind.LABEL, l, name.loc());
            }
            Token t = lx.next(VALUE);
            if (t.kind() == Token.Kind.STRING) {
                v.mark(Marker.Kind.STRING, null, t.loc());
                v.append(t.bytes(), t.loc());
                v.append(new byte[1], t.loc());
            } else if (t.is("<")) {
                cells(v, 32, t);
            } else if (t.is("/bits/")) {
                Token n = lx.next(CELLS);
                if (n.kind() != Token.Kind.INT) {
                    throw n.loc().error("expected 8, 16, 32 or 64 after /bits/, found " + n.describe());
                }
                if (n.value() != 8 && n.value() != 16 && n.value() != 32 && n.value() != 64) {
                    throw n.loc().error("array elements must be 8, 16, 32 or 64 bits, not " + n.text());
                }
                Token open = lx.next(VALUE);
                if (!open.is("<")) {
                    throw open.loc().error("expected '<' after /bits/ " + n.text() + ", found "
                            + open.describe());
                }
                cells(v, (int) n.value(), open);
            } else if (t.is("[")) {
                bytes(v);
            } else if (t.kind() == Token.Kind.REF) {
                v.mark(Marker.Kind.STRING, null, t.loc());
                v.mark(Marker.Kind.REF_PATH, t.text(), t.loc());
            } else if (t.is("/incbin/")) {
                incbin(v, t);
            } else {
                throw t.loc().error("expected a string, '<', '[', '&reference' or /bits/ in the value of '"
                        + name.text() + "', found " + t.describe());
            }
            for (String l : labels(lx, VALUE)) {
                v.mark(Marker.Kind.LABEL, l, name.loc());
            }
            Token sep = lx.next(VALUE);
            if (sep.is(";")) {
                return v;
            }
            if (!sep.is(",")) {
                throw sep.loc().error("expected ',' or ';' after the value of '" + name.text()
                        + "', found " + sep.describe());
            }
        }
    }

    private void cells(ValueBuf v, int bits, Token open) {
        Marker.Kind kind = switch (bits) {
            case 8 -> Marker.Kind.U8;
            case 16 -> Marker.Kind.U16;
            case 64 -> Marker.Kind.U64;
            default -> Marker.Kind.U32;
        };
        v.mark(kind, null, open.loc());
        while (true) {
            Token t = lx.peek(CELLS);
            if (t.is(">")) {
                lx.next(CELLS);
                return;
            }
            if (t.kind() == Token.Kind.LABEL) {
                lx.next(CELLS);
                v.mark(Marker.Kind.LABEL, t.text(), t.loc());
            } else if (t.kind() == Token.Kind.REF) {
                lx.next(CELLS);
                if (bits != 32) {
                    throw t.loc().error("references are only allowed in arrays of 32-bit cells, not in /bits/ "
                            + bits);
                }
                v.mark(Marker.Kind.REF_PHANDLE, t.text(), t.loc());
                v.appendInt(-1L, 32, t.loc());
            } else if (t.kind() == Token.Kind.INT || t.is("(")) {
                long x = integerPrim("cell");
                if (bits < 64) {
                    long mask = (1L << bits) - 1;
                    if (Long.compareUnsigned(x, mask) > 0 && (x | mask) != -1L) {
                        throw t.loc().error("value 0x" + Long.toHexString(x) + " does not fit in a "
                                + bits + "-bit array element");
                    }
                }
                v.appendInt(x, bits, t.loc());
            } else {
                lx.next(CELLS);
                throw t.loc().error("expected a number, '(', '&reference', a label or '>' in the cell array, found "
                        + t.describe() + (t.is("-") ? " (write a negative number as (-1))" : ""));
            }
        }
    }

    private void bytes(ValueBuf v) {
        v.mark(Marker.Kind.U8, null, null);
        while (true) {
            Token t = lx.next(BYTES);
            if (t.is("]")) {
                return;
            }
            if (t.kind() == Token.Kind.LABEL) {
                v.mark(Marker.Kind.LABEL, t.text(), t.loc());
            } else if (t.kind() == Token.Kind.BYTE) {
                v.appendInt(t.value(), 8, t.loc());
            } else {
                throw t.loc().error("expected two hex digits, a label or ']' in the byte string, found "
                        + t.describe());
            }
        }
    }

    private void incbin(ValueBuf v, Token kw) {
        expect(EXPR, "(", "after /incbin/");
        Token name = lx.next(EXPR);
        if (name.kind() != Token.Kind.STRING) {
            throw name.loc().error("expected a quoted file name in /incbin/(...), found " + name.describe());
        }
        long offset = 0;
        long length = -1;
        if (lx.peek(EXPR).is(",")) {
            lx.next(EXPR);
            offset = Expressions.parse(lx);
            expect(EXPR, ",", "between the offset and length of /incbin/");
            length = Expressions.parse(lx);
        }
        expect(EXPR, ")", "to close /incbin/(...)");
        String file = new String(name.bytes(), StandardCharsets.ISO_8859_1);
        Path p = lx.includes().find(file, lx.currentDir(), true, name.loc());
        try {
            byte[] all = Includes.readAtMost(p, Limits.MAX_VALUE_SIZE);
            long size = all == null ? Limits.MAX_VALUE_SIZE + 1L : all.length;
            if (length < 0) {
                length = size - Math.min(offset, size);
            }
            if (all == null || offset < 0 || offset > size || length < 0 || length > size - offset) {
                throw kw.loc().error("/incbin/ range (" + offset + ", " + length + ") is outside "
                        + p + " (" + (all == null ? "more than " + Limits.MAX_VALUE_SIZE : size) + " bytes)");
            }
            v.append(Arrays.copyOfRange(all, (int) offset, (int) (offset + length)), kw.loc());
        } catch (IOException e) {
            throw kw.loc().error("cannot read /incbin/ file " + p + ": " + e);
        }
    }

    /** A literal, a character literal or a parenthesized expression. */
    long integerPrim(String what) {
        Token t = lx.next(CELLS);
        if (t.kind() == Token.Kind.INT) {
            return t.value();
        }
        if (t.is("(")) {
            long v = Expressions.parse(lx);
            expect(EXPR, ")", "to close '('");
            return v;
        }
        throw t.loc().error("expected a number or '(' for the " + what + ", found " + t.describe());
    }

    private void expect(DtsLexer.Mode mode, String punct, String why) {
        Token t = lx.next(mode);
        if (!t.is(punct)) {
            throw t.loc().error("expected '" + punct + "' " + why + ", found " + t.describe());
        }
    }
}
