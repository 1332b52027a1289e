package hv.dt;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A property of a device-tree node: a name and an array of bytes. Values are big-endian, as
 * in every device tree; the typed readers below check the length and throw a
 * {@link DtException} naming the node path and the property when the value does not have the
 * requested shape.
 *
 * <p>A property is immutable. Changing a node's property replaces the object; a property
 * read from a node keeps the value it had when it was read.
 */
@ProviderType
public interface Property {

    /** The property name, e.g. {@code compatible}. */
    String name();

    /** Labels on the property in DTS source order (empty for most properties). */
    List<String> labels();

    /** The number of value bytes. */
    int length();

    /** True when the value is empty (a flag property such as {@code dma-coherent}). */
    default boolean isEmpty() {
        return length() == 0;
    }

    /** A copy of the raw value. */
    byte[] bytes();

    /** The value as one 32-bit cell; the length MUST be 4. Unsigned values use the raw bits. */
    int u32();

    /** The value as one 64-bit number made of two cells; the length MUST be 8. */
    long u64();

    /** The value as one or two cells (4 or 8 bytes), the way addresses and sizes are given. */
    long number();

    /** The value as an array of 32-bit cells; the length MUST be a multiple of 4. */
    int[] cells();

    /** The value as an array of 64-bit numbers; the length MUST be a multiple of 8. */
    long[] u64s();

    /** The value as one NUL-terminated string (UTF-8), with no NUL inside. */
    String string();

    /** The value as a list of NUL-terminated strings; empty for an empty value. */
    List<String> strings();

    /** This property as one DTS line without indentation, e.g. {@code reg = <0x00 0x1000>;}. */
    String toDts();
}
