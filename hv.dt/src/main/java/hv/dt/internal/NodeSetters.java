package hv.dt.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import hv.dt.DtException;
import hv.dt.Node;
import hv.dt.Property;

/**
 * The typed setters of {@link Node}, written once on top of {@link #put(PropertyImpl)}. Each
 * records a type marker, so that the DTS writer prints cells, strings and bytes the way they
 * were set.
 */
abstract class NodeSetters extends NodeReader {

    /** Replaces a property of the same name in place, or appends it. */
    abstract void put(PropertyImpl p);

    /** This node as the owner of new properties. */
    abstract NodeImpl self();

    /** The tree this node is in, or null when it was removed. */
    abstract TreeImpl treeOrNull();

    /** The live property list. */
    abstract List<PropertyImpl> props();

    private Node set(String propName, byte[] value, Marker.Kind kind) {
        Names.checkProperty(path(), propName);
        put(PropertyImpl.typed(self(), propName, value, kind));
        return this;
    }

    @Override
    public Node setU32(String propName, int value) {
        return set(propName, Bytes.cell(value), Marker.Kind.U32);
    }

    @Override
    public Node setU64(String propName, long value) {
        byte[] b = new byte[8];
        Bytes.put64(b, 0, value);
        return set(propName, b, Marker.Kind.U32);
    }

    @Override
    public Node setCells(String propName, long... cells) {
        byte[] b = new byte[4 * cells.length];
        for (int i = 0; i < cells.length; i++) {
            long v = cells[i];
            if (v < Integer.MIN_VALUE || v > 0xffffffffL) {
                throw DtException.property(path(), propName,
                        "cell value 0x" + Long.toHexString(v) + " does not fit in 32 bits");
            }
            Bytes.put32(b, 4 * i, (int) v);
        }
        return set(propName, b, Marker.Kind.U32);
    }

    @Override
    public Node setString(String propName, String value) {
        return setStrings(propName, List.of(value));
    }

    @Override
    public Node setStrings(String propName, String... values) {
        return setStrings(propName, List.of(values));
    }

    @Override
    public Node setStrings(String propName, List<String> values) {
        Names.checkProperty(path(), propName);
        List<Marker> markers = new ArrayList<>();
        int off = 0;
        for (String s : values) {
            if (s.indexOf('\0') >= 0) {
                throw DtException.property(path(), propName, "a string cannot contain NUL");
            }
            markers.add(Marker.type(Marker.Kind.STRING, off));
            off += s.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        put(new PropertyImpl(self(), propName, Bytes.encodeStrings(values), markers, List.of()));
        return this;
    }

    @Override
    public Node setBytes(String propName, byte[] value) {
        return set(propName, value.clone(), Marker.Kind.U8);
    }

    @Override
    public Node setEmpty(String propName) {
        return set(propName, new byte[0], Marker.Kind.U8);
    }


    @Override
    public Node setReference(String propName, Node target) {
        NodeImpl t = (NodeImpl) target;
        TreeImpl here = treeOrNull();
        if (here == null || t.treeOrNull() != here) {
            throw DtException.property(path(), propName,
                    "reference target " + t.path() + " is not in the same tree");
        }
        Names.checkProperty(path(), propName);
        int phandle = t.ensurePhandle();
        String ref = t.labelList().isEmpty() ? t.path() : t.labelList().get(0);
        put(new PropertyImpl(self(), propName, Bytes.cell(phandle),
                List.of(Marker.type(Marker.Kind.U32, 0),
                        new Marker(Marker.Kind.REF_PHANDLE, 0, ref, null)), List.of()));
        return this;
    }

    @Override
    public Node setProperty(Property property) {
        Names.checkProperty(path(), property.name());
        Set<String> used = treeOrNull() == null ? Set.of() : treeOrNull().allLabels();
        List<String> keep = property.labels().stream().filter(l -> !used.contains(l)).toList();
        if (property instanceof PropertyImpl p) {
            put(p.withOwner(self(), keep));
        } else {
            put(new PropertyImpl(self(), property.name(), property.bytes(), List.of(), keep));
        }
        return this;
    }

    @Override
    public boolean removeProperty(String propName) {
        return props().removeIf(p -> p.name().equals(propName));
    }
}
