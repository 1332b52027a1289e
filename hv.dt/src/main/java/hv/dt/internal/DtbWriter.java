package hv.dt.internal;

import java.nio.charset.StandardCharsets;

import hv.dt.DtException;

/**
 * Writes a flattened device tree, version 17, laid out as dtc lays it out with default
 * options: header, memory reservation block, structure block, strings block, no padding.
 */
final class DtbWriter {
    private DtbWriter() {
    }

    static byte[] write(TreeImpl tree) {
        ByteSink struct = new ByteSink();
        StringTable strings = new StringTable();
        node(tree.root(), struct, strings);
        struct.u32(Fdt.END);

        ByteSink rsv = new ByteSink();
        for (TreeImpl.Reservation r : tree.reservations()) {
            rsv.u64(r.address());
            rsv.u64(r.size());
        }
        rsv.u64(0);
        rsv.u64(0);

        byte[] str = strings.bytes();
        int offRsv = Fdt.HEADER_SIZE_V17;
        long offStruct = offRsv + (long) rsv.length();
        long offStrings = offStruct + struct.length();
        long total = offStrings + str.length;
        if (total > Limits.MAX_BLOB_SIZE) {
            throw DtException.of("the tree needs " + total + " bytes, more than the DTB limit of "
                    + Limits.MAX_BLOB_SIZE, null);
        }
        ByteSink out = new ByteSink();
        out.u32(Fdt.MAGIC);
        out.u32((int) total);
        out.u32((int) offStruct);
        out.u32((int) offStrings);
        out.u32(offRsv);
        out.u32(Fdt.VERSION);
        out.u32(Fdt.LAST_COMP_VERSION);
        out.u32(tree.bootCpuId());
        out.u32(str.length);
        out.u32(struct.length());
        out.bytes(rsv.toArray());
        out.bytes(struct.toArray());
        out.bytes(str);
        return out.toArray();
    }

    private static void node(NodeImpl n, ByteSink out, StringTable strings) {
        out.u32(Fdt.BEGIN_NODE);
        out.bytes(n.name().getBytes(StandardCharsets.ISO_8859_1));
        out.zeros(1);
        out.align4();
        for (PropertyImpl p : n.props()) {
            out.u32(Fdt.PROP);
            out.u32(p.length());
            out.u32(strings.offsetOf(p.name()));
            out.bytes(p.raw());
            out.align4();
        }
        for (NodeImpl k : n.kids()) {
            node(k, out, strings);
        }
        out.u32(Fdt.END_NODE);
    }
}
