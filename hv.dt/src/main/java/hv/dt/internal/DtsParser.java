package hv.dt.internal;

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

    /** A reservation with its labels, in source order. */
    record Reserve(long address, long size, SrcLabels labels) {
    }

    private final DtsLexer lx;
    private final ValueParser values;
    private SrcNode root;
    final List<Reserve> reserves = new ArrayList<>();
    private int items;
    private long valueBytes;

    DtsParser(DtsLexer lx) {
        this.lx = lx;
        this.values = new ValueParser(lx);
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
            long address = values.integerPrim("/memreserve/ address");
            long size = values.integerPrim("/memreserve/ size");
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
                    ValueBuf v = after.is("=") ? values.value(t) : new ValueBuf();
                    valueBytes += v.length();
                    if (valueBytes > Limits.MAX_BLOB_SIZE) {
                        throw t.loc().error("property values add up to more than "
                                + Limits.MAX_BLOB_SIZE + " bytes, the DTB limit");
                    }
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
        return ValueParser.labels(lx, mode);
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
