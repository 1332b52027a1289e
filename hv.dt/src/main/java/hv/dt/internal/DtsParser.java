package hv.dt.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import hv.dt.DtException;

/**
 * A recursive-descent parser for dtc's source format (version 1). It builds a
 * {@link SrcNode} tree, merging repeated definitions, {@code &label { }} blocks and
 * deletions as it goes, exactly where dtc would; {@link SrcFixups} then resolves references.
 * Every error names file, line and column and what was expected.
 */
final class DtsParser {
    private static final DtsLexer.Mode NODE = DtsLexer.Mode.NODE;
    private static final DtsLexer.Mode VALUE = DtsLexer.Mode.VALUE;
    private static final DtsLexer.Mode CELLS = DtsLexer.Mode.CELLS;
    private static final DtsLexer.Mode EXPR = DtsLexer.Mode.EXPR;
    private static final DtsLexer.Mode BYTES = DtsLexer.Mode.BYTES;

    /** A reservation with its labels, in source order. */
    record Reserve(long address, long size, SrcLabels labels) {
    }

    private final DtsLexer lx;
    private SrcNode root;
    final List<Reserve> reserves = new ArrayList<>();
    private int items;

    DtsParser(DtsLexer lx) {
        this.lx = lx;
    }

    SrcNode root() {
        return root;
    }

    /** Parses the whole source. */
    void parse() {
        Token t = lx.next(NODE);
        if (!t.is("/dts-v1/")) {
            throw t.loc().error("expected '/dts-v1/;' at the start of the source, found " + t.describe());
        }
        expect(NODE, ";", "after /dts-v1/");
        while (true) {
            t = lx.peek(NODE);
            if (t.is("/dts-v1/")) {
                lx.next(NODE);
                expect(NODE, ";", "after /dts-v1/");
            } else if (t.is("/plugin/")) {
                throw t.loc().error("device-tree overlays (/plugin/) are not supported");
            } else {
                break;
            }
        }
        while (lx.peek(NODE).is("/memreserve/") || lx.peek(NODE).kind() == Token.Kind.LABEL) {
            List<String> labels = labels(NODE);
            Token kw = lx.next(NODE);
            if (!kw.is("/memreserve/")) {
                if (kw.is("/") && root == null) {
                    rootDefinition(kw, labels);
                    break;
                }
                throw kw.loc().error("expected /memreserve/ or '/' after labels, found " + kw.describe());
            }
            long address = integerPrim("/memreserve/ address");
            long size = integerPrim("/memreserve/ size");
            expect(NODE, ";", "after /memreserve/ address and size");
            SrcLabels l = new SrcLabels();
            l.addAll(labels);
            reserves.add(new Reserve(address, size, l));
        }
        while (true) {
            List<String> labels = labels(NODE);
            Token t2 = lx.next(NODE);
            if (t2.kind() == Token.Kind.EOF && labels.isEmpty()) {
                if (root == null) {
                    throw t2.loc().error("expected the root node '/ { ... };', found end of input");
                }
                return;
            }
            if (t2.is("/")) {
                rootDefinition(t2, labels);
            } else if (root == null) {
                throw t2.loc().error("expected the root node '/ { ... };', found " + t2.describe());
            } else if (t2.kind() == Token.Kind.REF) {
                SrcNode target = resolve(t2);
                SrcNode body = nodeBody(target.name, t2.loc(), target.depth());
                target.labels.addAll(labels);
                target.merge(body);
            } else if (labels.isEmpty() && t2.is("/delete-node/")) {
                resolve(refAfter(t2)).delete();
                expect(NODE, ";", "after /delete-node/ &reference");
            } else if (labels.isEmpty() && t2.is("/omit-if-no-ref/")) {
                resolve(refAfter(t2)).omitIfNoRef = true;
                expect(NODE, ";", "after /omit-if-no-ref/ &reference");
            } else if (t2.is("/memreserve/")) {
                throw t2.loc().error("/memreserve/ must come before the root node");
            } else {
                throw t2.loc().error("expected '/ {', '&label {', '/delete-node/ &label;' or end of "
                        + "input, found " + t2.describe());
            }
        }
    }

    private void rootDefinition(Token slash, List<String> labels) {
        SrcNode body = nodeBody("", slash.loc(), 0);
        body.labels.addAll(labels);
        if (root == null) {
            root = body;
        } else {
            root.merge(body);
        }
    }

    private Token refAfter(Token keyword) {
        Token r = lx.next(NODE);
        if (r.kind() != Token.Kind.REF) {
            throw r.loc().error("expected '&label' or '&{/path}' after " + keyword.text() + ", found "
                    + r.describe());
        }
        return r;
    }

    private SrcNode resolve(Token ref) {
        SrcNode n = SrcFixups.byRef(root, ref.text());
        if (n == null) {
            throw ref.loc().error((ref.text().startsWith("/") ? "no node at path '" : "no node has label '")
                    + ref.text() + "'");
        }
        return n;
    }

    // ---- nodes

    /** Parses {@code { props subnodes } ;} after the node name. */
    private SrcNode nodeBody(String name, SourceLoc loc, int depth) {
        if (depth > Limits.MAX_DEPTH) {
            throw loc.error("nodes nest deeper than " + Limits.MAX_DEPTH + " levels");
        }
        expect(NODE, "{", "to open node " + (name.isEmpty() ? "/" : "'" + name + "'"));
        SrcNode node = new SrcNode(name, loc);
        count(loc);
        boolean sawChild = false;
        while (true) {
            Token t = lx.peek(NODE);
            if (t.is("}")) {
                lx.next(NODE);
                break;
            }
            List<String> labels = labels(NODE);
            t = lx.next(NODE);
            if (t.is("/delete-property/")) {
                Token n = nameToken("/delete-property/");
                expect(NODE, ";", "after /delete-property/ " + n.text());
                SrcNode.Prop p = new SrcNode.Prop(n.text(), new ValueBuf(), n.loc());
                p.deleted = true;
                node.props.add(p);
            } else if (t.is("/delete-node/")) {
                Token n = nameToken("/delete-node/");
                expect(NODE, ";", "after /delete-node/ " + n.text());
                SrcNode k = new SrcNode(n.text(), n.loc());
                k.deleted = true;
                node.addKid(k);
                sawChild = true;
            } else if (t.is("/omit-if-no-ref/")) {
                labels.addAll(labels(NODE));
                Token n = nameToken("/omit-if-no-ref/");
                SrcNode k = nodeBody(n.text(), n.loc(), depth + 1);
                k.omitIfNoRef = true;
                k.labels.addAll(labels);
                node.addKid(k);
                sawChild = true;
            } else if (t.kind() == Token.Kind.NAME) {
                Token after = lx.peek(NODE);
                if (after.is("{")) {
                    SrcNode k = nodeBody(t.text(), t.loc(), depth + 1);
                    k.labels.addAll(labels);
                    node.addKid(k);
                    sawChild = true;
                } else if (after.is("=") || after.is(";")) {
                    if (sawChild) {
                        throw t.loc().error("properties must precede subnodes: property '" + t.text()
                                + "' comes after a child node");
                    }
                    lx.next(NODE);
                    ValueBuf v = after.is("=") ? value(t) : new ValueBuf();
                    SrcNode.Prop p = new SrcNode.Prop(t.text(), v, t.loc());
                    p.labels.addAll(labels);
                    node.props.add(p);
                    count(t.loc());
                } else {
                    throw after.loc().error("expected '=', ';' or '{' after '" + t.text() + "', found "
                            + after.describe());
                }
            } else {
                throw t.loc().error("expected a property, a child node or '}' in node "
                        + (name.isEmpty() ? "/" : "'" + name + "'") + ", found " + t.describe());
            }
        }
        expect(NODE, ";", "after '}'");
        return node;
    }

    private Token nameToken(String after) {
        Token n = lx.next(NODE);
        if (n.kind() != Token.Kind.NAME) {
            throw n.loc().error("expected a name after " + after + ", found " + n.describe());
        }
        return n;
    }

    private List<String> labels(DtsLexer.Mode mode) {
        List<String> out = new ArrayList<>();
        while (lx.peek(mode).kind() == Token.Kind.LABEL) {
            out.add(lx.next(mode).text());
        }
        return out;
    }

    // ---- values

    /** Parses a value after '=' up to and including ';'. */
    private ValueBuf value(Token name) {
        ValueBuf v = new ValueBuf();
        while (true) {
            for (String l : labels(VALUE)) {
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
            for (String l : labels(VALUE)) {
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
        String file = new String(name.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        Path p = lx.includes().find(file, lx.currentDir(), true, name.loc());
        try {
            long size = Files.size(p);
            if (length < 0) {
                length = size - Math.min(offset, size);
            }
            if (offset < 0 || offset > size || length > size - offset || length > Limits.MAX_VALUE_SIZE) {
                throw kw.loc().error("/incbin/ range (" + offset + ", " + length + ") is outside "
                        + p + " (" + size + " bytes)");
            }
            byte[] all = Files.readAllBytes(p);
            byte[] part = java.util.Arrays.copyOfRange(all, (int) offset, (int) (offset + length));
            v.append(part, kw.loc());
        } catch (IOException e) {
            throw kw.loc().error("cannot read /incbin/ file " + p + ": " + e);
        }
    }

    /** A literal, a character literal or a parenthesized expression. */
    private long integerPrim(String what) {
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

    private void count(SourceLoc loc) {
        if (++items > Limits.MAX_ITEMS) {
            throw DtException.at(loc.file(), loc.line(), loc.column(),
                    "more than " + Limits.MAX_ITEMS + " nodes and properties");
        }
    }
}
