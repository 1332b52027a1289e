package hv.dt.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import hv.dt.DtException;

/**
 * Reads a flattened device tree (version 16 or 17) as if it were hostile: every offset and
 * length is checked in 64-bit arithmetic before use, blocks must lie inside the blob and not
 * overlap, names must be terminated within a bounded length, nesting and item counts are
 * capped. Any defect is a {@link DtException} naming the byte offset.
 */
final class DtbReader {
    private final byte[] b;
    private int total;
    private long structStart;
    private long structEnd;
    private long stringsStart;
    private long stringsEnd;
    private int items;
    private int headerSize;
    private final java.util.Map<Integer, NodeImpl> phandles = new java.util.HashMap<>();

    private DtbReader(byte[] blob) {
        this.b = blob;
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
        header(tree);
        reservations(tree);
        structure(tree);
        return tree;
    }

    private long u32(long off) {
        return Bytes.be32(b, (int) off) & 0xffffffffL;
    }

    private void header(TreeImpl tree) {
        if (b.length < 8) {
            throw DtException.blob(0, "truncated: " + b.length + " bytes is too short for a DTB header");
        }
        if (Bytes.be32(b, Fdt.OFF_MAGIC) != Fdt.MAGIC) {
            throw DtException.blob(0, String.format("bad magic 0x%08x (expected 0xd00dfeed)",
                    Bytes.be32(b, Fdt.OFF_MAGIC)));
        }
        if (b.length < Fdt.HEADER_SIZE_V16) {
            throw DtException.blob(0, "truncated header: " + b.length + " bytes");
        }
        long version = u32(Fdt.OFF_VERSION);
        long lastComp = u32(Fdt.OFF_LAST_COMP_VERSION);
        if (version < 16) {
            throw DtException.blob(Fdt.OFF_VERSION, "unsupported DTB version " + version
                    + " (this reader handles versions 16 and 17)");
        }
        if (lastComp > Fdt.VERSION) {
            throw DtException.blob(Fdt.OFF_LAST_COMP_VERSION, "the DTB needs a reader for version "
                    + lastComp + "; this reader handles up to version 17");
        }
        headerSize = version >= 17 ? Fdt.HEADER_SIZE_V17 : Fdt.HEADER_SIZE_V16;
        if (b.length < headerSize) {
            throw DtException.blob(0, "truncated header: " + b.length + " bytes, version "
                    + version + " needs " + headerSize);
        }
        long totalSize = u32(Fdt.OFF_TOTALSIZE);
        if (totalSize > Limits.MAX_BLOB_SIZE) {
            throw DtException.blob(Fdt.OFF_TOTALSIZE, "totalsize " + totalSize
                    + " is larger than the limit of " + Limits.MAX_BLOB_SIZE + " bytes");
        }
        if (totalSize > b.length) {
            throw DtException.blob(Fdt.OFF_TOTALSIZE, "truncated: totalsize is " + totalSize
                    + " bytes but only " + b.length + " are present");
        }
        if (totalSize < headerSize) {
            throw DtException.blob(Fdt.OFF_TOTALSIZE, "totalsize " + totalSize
                    + " is smaller than the header");
        }
        total = (int) totalSize;
        structStart = u32(Fdt.OFF_DT_STRUCT);
        stringsStart = u32(Fdt.OFF_DT_STRINGS);
        stringsEnd = stringsStart + u32(Fdt.OFF_SIZE_DT_STRINGS);
        if (version >= 17) {
            structEnd = structStart + u32(Fdt.OFF_SIZE_DT_STRUCT);
        } else {
            structEnd = stringsStart > structStart ? Math.min(stringsStart, total) : total;
        }
        block("structure block", Fdt.OFF_DT_STRUCT, structStart, structEnd, headerSize);
        block("strings block", Fdt.OFF_DT_STRINGS, stringsStart, stringsEnd, headerSize);
        if (structStart % 4 != 0) {
            throw DtException.blob(Fdt.OFF_DT_STRUCT, "structure block offset " + structStart
                    + " is not 4-byte aligned");
        }
        if (overlap(structStart, structEnd, stringsStart, stringsEnd)) {
            throw DtException.blob(Fdt.OFF_DT_STRINGS, "the strings block ["
                    + stringsStart + ", " + stringsEnd + ") overlaps the structure block ["
                    + structStart + ", " + structEnd + ")");
        }
        tree.setBootCpuId(Bytes.be32(b, Fdt.OFF_BOOT_CPUID_PHYS));
    }

    private void block(String what, int field, long start, long end, int headerSize) {
        if (start < headerSize || end > total || start > end) {
            throw DtException.blob(field, what + " [" + start + ", " + end
                    + ") is not inside the blob [" + headerSize + ", " + total + ")");
        }
    }

    private static boolean overlap(long s1, long e1, long s2, long e2) {
        return s1 < e2 && s2 < e1 && s1 < e1 && s2 < e2;
    }

    private void reservations(TreeImpl tree) {
        long off = u32(Fdt.OFF_MEM_RSVMAP);
        if (off % 8 != 0 || off < headerSize || off > total) {
            throw DtException.blob(Fdt.OFF_MEM_RSVMAP, "memory reservation block offset " + off
                    + " is misaligned or outside the blob");
        }
        while (true) {
            long end = off + Fdt.RESERVE_ENTRY_SIZE;
            if (end > total) {
                throw DtException.blob(off, "memory reservation block runs past the end of the "
                        + "blob (no terminating empty entry)");
            }
            if (overlap(off, end, structStart, structEnd)
                    || overlap(off, end, stringsStart, stringsEnd)) {
                throw DtException.blob(off, "memory reservation block runs into the "
                        + (overlap(off, end, structStart, structEnd) ? "structure" : "strings")
                        + " block (no terminating empty entry before it)");
            }
            long address = Bytes.be64(b, (int) off);
            long size = Bytes.be64(b, (int) off + 8);
            if (address == 0 && size == 0) {
                return;
            }
            tree.reservations().add(new TreeImpl.Reservation(address, size, List.of()));
            off = end;
        }
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
        long len = u32(pos);
        long nameOff = u32(pos + 4);
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
