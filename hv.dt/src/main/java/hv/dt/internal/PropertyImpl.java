package hv.dt.internal;

import java.util.List;

import hv.dt.DtException;
import hv.dt.Property;

/**
 * An immutable property: name, value bytes, dtc-style markers (for DTS output) and labels.
 * The owner is only used to name the node in error messages.
 */
public final class PropertyImpl implements Property {
    private final NodeImpl owner;
    private final String name;
    private final byte[] value;
    private final List<Marker> markers;
    private final List<String> labels;

    /** A property; {@code value} is kept, not copied. */
    public PropertyImpl(NodeImpl owner, String name, byte[] value, List<Marker> markers,
            List<String> labels) {
        this.owner = owner;
        this.name = name;
        this.value = value;
        this.markers = List.copyOf(markers);
        this.labels = List.copyOf(labels);
    }

    /** A property with one type marker at offset 0 (none for an empty value). */
    public static PropertyImpl typed(NodeImpl owner, String name, byte[] value, Marker.Kind kind) {
        List<Marker> m = value.length == 0 ? List.of() : List.of(Marker.type(kind, 0));
        return new PropertyImpl(owner, name, value, m, List.of());
    }

    /** The same property owned by another node. */
    public PropertyImpl withOwner(NodeImpl newOwner, List<String> newLabels) {
        return new PropertyImpl(newOwner, name, value, markers, newLabels);
    }

    /** The value without copying; callers MUST NOT change it. */
    public byte[] raw() {
        return value;
    }

    /** The markers of the value. */
    public List<Marker> markers() {
        return markers;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public int length() {
        return value.length;
    }

    @Override
    public byte[] bytes() {
        return value.clone();
    }

    @Override
    public int u32() {
        if (value.length != 4) {
            throw fail("expected a u32 (4 bytes), found " + sizeText());
        }
        return Bytes.be32(value, 0);
    }

    @Override
    public long u64() {
        if (value.length != 8) {
            throw fail("expected a u64 (8 bytes, two cells), found " + sizeText());
        }
        return Bytes.be64(value, 0);
    }

    @Override
    public long number() {
        if (value.length == 4) {
            return Bytes.be32(value, 0) & 0xffffffffL;
        }
        if (value.length == 8) {
            return Bytes.be64(value, 0);
        }
        throw fail("expected a number of one or two cells (4 or 8 bytes), found " + sizeText());
    }

    @Override
    public int[] cells() {
        if (value.length % 4 != 0) {
            throw fail("expected 32-bit cells (a multiple of 4 bytes), found " + sizeText());
        }
        int[] out = new int[value.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = Bytes.be32(value, 4 * i);
        }
        return out;
    }

    @Override
    public long[] u64s() {
        if (value.length % 8 != 0) {
            throw fail("expected 64-bit values (a multiple of 8 bytes), found " + sizeText());
        }
        long[] out = new long[value.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = Bytes.be64(value, 8 * i);
        }
        return out;
    }

    @Override
    public String string() {
        List<String> s = Bytes.strings(value);
        if (s == null || s.isEmpty()) {
            throw fail("expected a NUL-terminated string, found " + sizeText()
                    + (value.length == 0 ? "" : " not ending in NUL"));
        }
        if (s.size() != 1) {
            throw fail("expected one string, found a list of " + s.size() + " strings");
        }
        return s.get(0);
    }

    @Override
    public List<String> strings() {
        List<String> s = Bytes.strings(value);
        if (s == null) {
            throw fail("expected NUL-terminated strings, found " + sizeText()
                    + " not ending in NUL");
        }
        return List.copyOf(s);
    }

    @Override
    public String toDts() {
        return DtsWriter.property(this);
    }

    /** An error about this property, naming its node. */
    public DtException fail(String detail) {
        return DtException.property(owner == null ? "?" : owner.path(), name, detail);
    }

    private String sizeText() {
        return value.length == 1 ? "1 byte" : value.length + " bytes";
    }

    @Override
    public String toString() {
        return toDts();
    }
}
