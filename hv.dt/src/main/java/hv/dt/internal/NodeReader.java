package hv.dt.internal;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import hv.dt.DtException;
import hv.dt.Node;
import hv.dt.Property;
import hv.dt.Range;
import hv.dt.Reg;

/** The typed readers of {@link Node}, written once on top of {@link #property(String)}. */
abstract class NodeReader implements Node {

    @Override
    public Property requiredProperty(String name) {
        return property(name).orElseThrow(
                () -> DtException.property(path(), name, "required property is missing"));
    }

    @Override
    public boolean has(String name) {
        return property(name).isPresent();
    }

    @Override
    public int u32(String name) {
        return requiredProperty(name).u32();
    }

    @Override
    public int u32(String name, int defaultValue) {
        return property(name).map(Property::u32).orElse(defaultValue);
    }

    @Override
    public OptionalInt optU32(String name) {
        Optional<Property> p = property(name);
        return p.isPresent() ? OptionalInt.of(p.get().u32()) : OptionalInt.empty();
    }

    @Override
    public long u64(String name) {
        return requiredProperty(name).u64();
    }

    @Override
    public long u64(String name, long defaultValue) {
        return property(name).map(Property::u64).orElse(defaultValue);
    }

    @Override
    public OptionalLong optU64(String name) {
        Optional<Property> p = property(name);
        return p.isPresent() ? OptionalLong.of(p.get().u64()) : OptionalLong.empty();
    }

    @Override
    public long number(String name) {
        return requiredProperty(name).number();
    }

    @Override
    public long number(String name, long defaultValue) {
        return property(name).map(Property::number).orElse(defaultValue);
    }

    @Override
    public OptionalLong optNumber(String name) {
        Optional<Property> p = property(name);
        return p.isPresent() ? OptionalLong.of(p.get().number()) : OptionalLong.empty();
    }

    @Override
    public int[] cells(String name) {
        return requiredProperty(name).cells();
    }

    @Override
    public Optional<int[]> optCells(String name) {
        return property(name).map(Property::cells);
    }

    @Override
    public long[] u64s(String name) {
        return requiredProperty(name).u64s();
    }

    @Override
    public String string(String name) {
        return requiredProperty(name).string();
    }

    @Override
    public String string(String name, String defaultValue) {
        return property(name).map(Property::string).orElse(defaultValue);
    }

    @Override
    public Optional<String> optString(String name) {
        return property(name).map(Property::string);
    }

    @Override
    public List<String> strings(String name) {
        return requiredProperty(name).strings();
    }

    @Override
    public Optional<List<String>> optStrings(String name) {
        return property(name).map(Property::strings);
    }

    @Override
    public byte[] bytes(String name) {
        return requiredProperty(name).bytes();
    }

    @Override
    public boolean isCompatible(String compatible) {
        Optional<Property> p = property("compatible");
        if (p.isEmpty()) {
            return false;
        }
        List<String> list = Bytes.strings(((PropertyImpl) p.get()).raw());
        return list != null && list.contains(compatible);
    }

    @Override
    public Node ref(String name) {
        int phandle = u32(name);
        return tree().phandle(phandle).orElseThrow(() -> DtException.property(path(), name,
                String.format("no node has phandle 0x%x", phandle)));
    }

    @Override
    public Optional<Node> optRef(String name) {
        return has(name) ? Optional.of(ref(name)) : Optional.empty();
    }

    @Override
    public int addressCells() {
        return u32("#address-cells", 2);
    }

    @Override
    public int sizeCells() {
        return u32("#size-cells", 1);
    }

    @Override
    public List<Reg> reg() {
        Optional<Property> p = property("reg");
        if (p.isEmpty()) {
            return List.of();
        }
        Node cellsFrom = parent().orElse(this);
        return Addresses.reg((PropertyImpl) p.get(), cellsFrom.addressCells(),
                cellsFrom.sizeCells(), cellsFrom.path());
    }

    @Override
    public List<Range> ranges() {
        Optional<Property> p = property("ranges");
        if (p.isEmpty() || p.get().isEmpty()) {
            return List.of();
        }
        Node parentNode = parent().orElse(this);
        return Addresses.ranges((PropertyImpl) p.get(), addressCells(),
                parentNode.addressCells(), sizeCells(), path(), parentNode.path());
    }
}
