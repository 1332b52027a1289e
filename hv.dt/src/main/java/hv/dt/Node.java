package hv.dt;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A node of a {@link DeviceTree}: a name, properties in order, child nodes in order, labels.
 *
 * <p><b>Reading.</b> Every typed reader comes in three forms: {@code u32("x")} throws a
 * {@link DtException} when the property is missing or has the wrong size, {@code u32("x", 3)}
 * returns the default when it is missing (and still throws when it is malformed), and
 * {@code optU32("x")} returns an empty optional when it is missing. Exceptions name the node
 * path and the property, so a configuration error can be shown to the user as is.
 *
 * <p><b>Editing.</b> Setters replace a property in place (keeping its position) or append
 * it; they return this node so that calls chain. Names are checked: node and property names
 * use the characters {@code a-z A-Z 0-9 , . _ + * # ? @ -}. Editing is not thread-safe: a
 * tree that several threads read MUST NOT be changed at the same time (take a
 * {@link DeviceTree#copy()}).
 */
@ProviderType
public interface Node {

    /** The tree this node belongs to; throws when the node was removed from its tree. */
    DeviceTree tree();

    /** The full name, e.g. {@code uart@10000000}; the root's name is empty. */
    String name();

    /** The name without the unit address, e.g. {@code uart}. */
    String baseName();

    /** The unit address, e.g. {@code 10000000}, when the name has one. */
    Optional<String> unitAddress();

    /** The absolute path, e.g. {@code /soc/uart@10000000}; the root's path is {@code /}. */
    String path();

    /** The parent node, empty for the root (and for a removed node). */
    Optional<Node> parent();

    /** True for the root node. */
    boolean isRoot();

    /** Labels of the node in DTS source order. */
    List<String> labels();

    /** This node's phandle, from {@code phandle} or {@code linux,phandle}, when it has one. */
    OptionalInt phandle();

    // ---- children

    /** The child nodes in order (an unmodifiable snapshot). */
    List<Node> children();

    /**
     * The child with this name. A name without unit address also matches a child
     * {@code name@unit} when no child is called exactly {@code name} (the first such child).
     *
     * @throws DtException when there is no such child
     */
    Node child(String name);

    /** The child with this name (see {@link #child(String)}), if any. */
    Optional<Node> optChild(String name);

    /** A descendant by relative path such as {@code cpus/cpu@0}. */
    Optional<Node> find(String relativePath);

    // ---- properties

    /** The properties in order (an unmodifiable snapshot). */
    List<Property> properties();

    /** The property with this name, if present. */
    Optional<Property> property(String name);

    /**
     * The property with this name.
     *
     * @throws DtException when it is missing
     */
    Property requiredProperty(String name);

    /** True when the property is present (whatever its value): flags like {@code poweroff}. */
    boolean has(String name);

    /** One 32-bit cell. */
    int u32(String name);

    /** One 32-bit cell, or {@code defaultValue} when the property is missing. */
    int u32(String name, int defaultValue);

    /** One 32-bit cell, when present. */
    OptionalInt optU32(String name);

    /** One 64-bit number given as two cells. */
    long u64(String name);

    /** One 64-bit number (two cells), or {@code defaultValue} when missing. */
    long u64(String name, long defaultValue);

    /** One 64-bit number (two cells), when present. */
    OptionalLong optU64(String name);

    /** A number given as one or two cells, as addresses and sizes are (zero-extended). */
    long number(String name);

    /** A number of one or two cells, or {@code defaultValue} when missing. */
    long number(String name, long defaultValue);

    /** A number of one or two cells, when present. */
    OptionalLong optNumber(String name);

    /** An array of 32-bit cells. */
    int[] cells(String name);

    /** An array of 32-bit cells, when present. */
    Optional<int[]> optCells(String name);

    /** An array of 64-bit numbers (two cells each). */
    long[] u64s(String name);

    /** One string. */
    String string(String name);

    /** One string, or {@code defaultValue} when missing. */
    String string(String name, String defaultValue);

    /** One string, when present. */
    Optional<String> optString(String name);

    /** A string list such as {@code compatible}. */
    List<String> strings(String name);

    /** A string list, when present. */
    Optional<List<String>> optStrings(String name);

    /** The raw value bytes (a copy). */
    byte[] bytes(String name);

    /** True when {@code compatible} lists this string. */
    boolean isCompatible(String compatible);

    /** The node a one-cell phandle property (e.g. {@code interrupt-parent}) points at. */
    Node ref(String name);

    /** The node a one-cell phandle property points at, when the property is present. */
    Optional<Node> optRef(String name);

    /** {@code #address-cells} of this node (what its children's {@code reg} use), default 2. */
    int addressCells();

    /** {@code #size-cells} of this node, default 1. */
    int sizeCells();

    /**
     * The {@code reg} entries, decoded with the parent's {@code #address-cells} and
     * {@code #size-cells} (at most 2 each); empty when there is no {@code reg}.
     */
    List<Reg> reg();

    /** The {@code ranges} entries; empty when absent or empty (an identity mapping). */
    List<Range> ranges();

    // ---- editing

    /** Sets a one-cell property. */
    Node setU32(String name, int value);

    /** Sets a two-cell (64-bit) property. */
    Node setU64(String name, long value);

    /**
     * Sets a cell array. Each value MUST fit in 32 bits, as unsigned or signed.
     *
     * @throws DtException when a value does not fit
     */
    Node setCells(String name, long... cells);

    /** Sets a string property. */
    Node setString(String name, String value);

    /** Sets a string list property. */
    Node setStrings(String name, String... values);

    /** Sets a string list property. */
    Node setStrings(String name, List<String> values);

    /** Sets a byte-string property. */
    Node setBytes(String name, byte[] value);

    /** Sets an empty (flag) property. */
    Node setEmpty(String name);

    /** Sets a one-cell property to the phandle of {@code target}, giving it one if needed. */
    Node setReference(String name, Node target);

    /** Copies a property (value and labels) from elsewhere under its own name. */
    Node setProperty(Property property);

    /** Removes a property; returns false when it was not there. */
    boolean removeProperty(String name);

    /**
     * Adds an empty child node at the end.
     *
     * @throws DtException when the name is invalid or already used by a child
     */
    Node addChild(String name);

    /** The child with exactly this name, added when missing. */
    Node getOrAddChild(String name);

    /** Removes a child with exactly this name; returns false when it was not there. */
    boolean removeChild(String name);

    /** Removes this node (and its subtree) from its tree. The root cannot be removed. */
    void remove();

    /**
     * Adds a deep copy of {@code source} (from any tree, this one included) as a new child
     * with the source's name. Labels that the target tree already uses are dropped; a copied
     * phandle that the target tree already uses is refused.
     *
     * @throws DtException on a name or phandle clash
     */
    Node addCopy(Node source);

    /** Like {@link #addCopy(Node)}, giving the copy another name. */
    Node addCopy(Node source, String newName);

    /** Adds a label to this node; a label MUST be unique in the tree. */
    Node addLabel(String label);

    /** This node's phandle, allocating the lowest free one (and a {@code phandle} property). */
    int ensurePhandle();

    /** This node and its subtree in DTS syntax (like {@code dtc -O dts}), at indentation 0. */
    String toDts();
}
