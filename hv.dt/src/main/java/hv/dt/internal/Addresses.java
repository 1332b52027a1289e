package hv.dt.internal;

import java.util.ArrayList;
import java.util.List;

import hv.dt.Range;
import hv.dt.Reg;

/** Decoding of {@code reg} and {@code ranges} with the cell counts that apply. */
final class Addresses {
    private Addresses() {
    }

    static List<Reg> reg(PropertyImpl p, int addressCells, int sizeCells, String cellsNode) {
        check(p, "#address-cells", addressCells, cellsNode);
        check(p, "#size-cells", sizeCells, cellsNode);
        byte[] v = p.raw();
        int entry = 4 * (addressCells + sizeCells);
        if (entry == 0 || v.length % entry != 0) {
            throw p.fail("length " + v.length + " is not a multiple of " + entry
                    + " bytes (#address-cells = " + addressCells + ", #size-cells = " + sizeCells
                    + " in " + cellsNode + ")");
        }
        List<Reg> out = new ArrayList<>();
        for (int off = 0; off < v.length; off += entry) {
            out.add(new Reg(Bytes.cellsValue(v, off, addressCells),
                    Bytes.cellsValue(v, off + 4 * addressCells, sizeCells)));
        }
        return List.copyOf(out);
    }

    static List<Range> ranges(PropertyImpl p, int childCells, int parentCells, int sizeCells,
            String node, String parent) {
        check(p, "#address-cells", childCells, node);
        check(p, "#address-cells", parentCells, parent);
        check(p, "#size-cells", sizeCells, node);
        byte[] v = p.raw();
        int entry = 4 * (childCells + parentCells + sizeCells);
        if (entry == 0 || v.length % entry != 0) {
            throw p.fail("length " + v.length + " is not a multiple of " + entry
                    + " bytes (child #address-cells = " + childCells + ", parent #address-cells = "
                    + parentCells + ", #size-cells = " + sizeCells + ")");
        }
        List<Range> out = new ArrayList<>();
        for (int off = 0; off < v.length; off += entry) {
            long child = Bytes.cellsValue(v, off, childCells);
            long par = Bytes.cellsValue(v, off + 4 * childCells, parentCells);
            long size = Bytes.cellsValue(v, off + 4 * (childCells + parentCells), sizeCells);
            out.add(new Range(child, par, size));
        }
        return List.copyOf(out);
    }

    private static void check(PropertyImpl p, String what, int cells, String node) {
        if (cells < 0 || cells > 2) {
            throw p.fail(what + " = " + Integer.toUnsignedString(cells) + " in " + node
                    + ": only 0, 1 or 2 cells fit a 64-bit value (read the raw cells instead)");
        }
    }
}
