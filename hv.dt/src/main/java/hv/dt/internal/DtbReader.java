package hv.dt.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import hv.dt.DtException;

/**
 * Reads a flattened device tree (version 16 or 17) as if it were hostile: {@link DtbLayout}
 * checks the header and blocks, then the structure block is walked with every length checked
 * in 64-bit arithmetic, names terminated within a bounded length, nesting and item counts
 * capped, and dtc's checks of names and phandles applied. Any defect is a
 * {@link DtException} naming the byte offset.
 */
final class DtbReader {
    private final byte[] b;
    private final DtbLayout layout;
    private final long structStart;
    private final long structEnd;
    private final long stringsStart;
    private final long stringsEnd;
    private int items;
    private final java.util.Map<Integer, NodeImpl> phandles = new java.util.HashMap<>();

    private DtbReader(byte[] blob) {
        this.b = blob;
        this.layout = DtbLayout.of(blob);
        this.structStart = layout.structStart();
        this.structEnd = layout.structEnd();
        this.stringsStart = layout.stringsStart();
        this.stringsEnd = layout.stringsEnd();
    }

    /** Parses a blob; throws DtException on any defect. */
    static TreeImpl read(byte[] blob) {
        return new DtbReader(blob).parse();
    }

    private static final class Open {
        final NodeImpl node;
        final Set<String> childNames = new HashSet<>();
        final Set<String> propNames = new HashSet<>();

        Open(NodeImpl node) {
            this.node = node;
        }
    }

    private TreeImpl parse() {
        TreeImpl tree = new TreeImpl();
        tree.setBootCpuId(layout.bootCpuId());
        tree.reservations().addAll(layout.reservations(b));
        structure(tree);
        return tree;
    }

    private void structure(TreeImpl tree) {
        Deque<Open> open = new ArrayDeque<>();
        NodeImpl root = null;
        long pos = structStart;
        while (true) {
            if (pos + 4 > structEnd) {
                throw DtException.blob(pos, root == null && open.isEmpty() ? "no root node"
                        : "structure block ends without FDT_END"
                                + (open.isEmpty() ? "" : " (node " + open.peek().node.path()
                                        + " is not closed)"));
            }
            int token = Bytes.be32(b, (int) pos);
            long at = pos;
            pos += 4;
            switch (token) {
                case Fdt.NOP -> {
                }
                case Fdt.BEGIN_NODE -> {
                    if (open.isEmpty() && root != null) {
                        throw DtException.blob(at, "a second top-level node after the root");
                    }
                    long nameEnd = terminator(pos, structEnd, "node name");
                    String name = new String(b, (int) pos, (int) (nameEnd - pos),
                            StandardCharsets.ISO_8859_1);
                    NodeImpl node = new NodeImpl(name);
                    if (open.isEmpty()) {
                        if (!name.isEmpty()) {
                            throw DtException.blob(pos, "the root node name must be empty, found '"
                                    + name + "'");
                        }
                        root = node;
                        tree.setRoot(node);
                    } else {
                        Open parent = open.peek();
                        String problem = Names.problem(name);
                        if (problem != null) {
                            throw DtException.blob(pos, "bad node name under "
                                    + parent.node.path() + ": " + problem);
                        }
                        if (!parent.childNames.add(name)) {
                            throw DtException.blob(at, "duplicate node '" + name + "' in "
                                    + parent.node.path());
                        }
                        if (open.size() > Limits.MAX_DEPTH) {
                            throw DtException.blob(at, "nodes nest deeper than "
                                    + Limits.MAX_DEPTH + " levels");
                        }
                        parent.node.attach(node);
                    }
                    count(at);
                    open.push(new Open(node));
                    pos = Fdt.align4((int) nameEnd + 1);
                }
                case Fdt.PROP -> {
                    if (open.isEmpty()) {
                        throw DtException.blob(at, "property outside of any node");
                    }
                    pos = property(open.peek(), at, pos);
                }
                case Fdt.END_NODE -> {
                    if (open.isEmpty()) {
                        throw DtException.blob(at, "FDT_END_NODE without a matching FDT_BEGIN_NODE");
                    }
                    open.pop();
                }
                case Fdt.END -> {
                    if (root == null) {
                        throw DtException.blob(at, "FDT_END before the root node");
                    }
                    if (!open.isEmpty()) {
                        throw DtException.blob(at, "FDT_END while node " + open.peek().node.path()
                                + " is still open");
                    }
                    return;
                }
                default -> throw DtException.blob(at, String.format("unknown token 0x%08x", token));
            }
        }
    }

    private long property(Open owner, long at, long pos) {
        if (pos + 8 > structEnd) {
            throw DtException.blob(at, "property header runs past the structure block");
        }
        long len = Bytes.be32(b, (int) pos) & 0xffffffffL;
        long nameOff = Bytes.be32(b, (int) pos + 4) & 0xffffffffL;
        long valueStart = pos + 8;
        if (len > structEnd - valueStart) {
            throw DtException.blob(at, "property of " + len + " bytes runs past the end of the "
                    + "structure block (" + (structEnd - valueStart) + " bytes left)");
        }
        if (nameOff >= stringsEnd - stringsStart) {
            throw DtException.blob(pos + 4, "property name offset " + nameOff
                    + " is outside the strings block of " + (stringsEnd - stringsStart) + " bytes");
        }
        long nameStart = stringsStart + nameOff;
        long nameEnd = terminator(nameStart, stringsEnd, "property name");
        String name = new String(b, (int) nameStart, (int) (nameEnd - nameStart),
                StandardCharsets.ISO_8859_1);
        NodeImpl node = owner.node;
        String problem = Names.problem(name);
        if (problem != null) {
            throw DtException.blob(pos + 4, "bad property name in " + node.path() + ": " + problem);
        }
        if (!owner.childNames.isEmpty()) {
            throw DtException.blob(at, "property '" + name + "' of " + node.path()
                    + " comes after a child node");
        }
        if (!owner.propNames.add(name)) {
            throw DtException.blob(at, "duplicate property '" + name + "' in " + node.path());
        }
        count(at);
        byte[] value = new byte[(int) len];
        System.arraycopy(b, (int) valueStart, value, 0, (int) len);
        if (name.equals("phandle") || name.equals("linux,phandle")) {
            phandle(node, name, value, at);
        }
        if (!(name.equals("name") && isNodeName(node, value))) {
            node.props().add(new PropertyImpl(node, name, value, List.of(), List.of()));
        } // else dropped like dtc does: a "name" equal to the node name is implied by it
        return Fdt.align4((int) (valueStart + len));
    }

    /** dtc's checks of explicit phandles: one cell, not 0 or ~0, unique, both names agree. */
    private void phandle(NodeImpl node, String name, byte[] value, long at) {
        if (value.length != 4) {
            throw DtException.blob(at, "'" + name + "' of " + node.path() + " must be one cell, found "
                    + value.length + " bytes");
        }
        int v = Bytes.be32(value, 0);
        if (v == 0 || v == -1) {
            throw DtException.blob(at, String.format("bad %s 0x%x in %s", name, v, node.path()));
        }
        java.util.OptionalInt before = node.phandle();
        if (before.isPresent() && before.getAsInt() != v) {
            throw DtException.blob(at, "'phandle' and 'linux,phandle' of " + node.path() + " differ");
        }
        NodeImpl other = phandles.putIfAbsent(v, node);
        if (other != null && other != node) {
            throw DtException.blob(at, String.format("duplicate phandle 0x%x on %s and %s", v,
                    other.path(), node.path()));
        }
    }

    private static boolean isNodeName(NodeImpl node, byte[] value) {
        String base = node.baseName();
        return value.length == base.length() + 1 && value[base.length()] == 0
                && new String(value, 0, base.length(), StandardCharsets.ISO_8859_1).equals(base);
    }

    private long terminator(long start, long limit, String what) {
        long max = Math.min(limit, start + Limits.MAX_NAME_LENGTH + 1);
        for (long i = start; i < max; i++) {
            if (b[(int) i] == 0) {
                return i;
            }
        }
        throw DtException.blob(start, what + (max == limit ? " is not NUL-terminated inside its block"
                : " is longer than " + Limits.MAX_NAME_LENGTH + " bytes"));
    }

    private void count(long at) {
        if (++items > Limits.MAX_ITEMS) {
            throw DtException.blob(at, "more than " + Limits.MAX_ITEMS + " nodes and properties");
        }
    }
}
