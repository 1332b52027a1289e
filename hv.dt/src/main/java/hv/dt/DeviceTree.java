package hv.dt;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.osgi.annotation.versioning.ProviderType;

import hv.dt.internal.Trees;

/**
 * A device tree: a root {@link Node}, the memory reservation block and the boot CPU id. hv is
 * configured by device trees (host, guest, and the DT handed to the guest OS); this is the
 * one model all three use.
 *
 * <p><b>Making one.</b> {@link #parseDts(Path, Path...)} reads dtc's source format,
 * {@link #readDtb(byte[])} a flattened device tree (version 16 or 17), {@link #create()}
 * starts an empty tree to build from code. Every reader throws {@link DtException} on bad
 * input, never another exception type, and refuses hostile input without hanging or
 * running out of memory.
 *
 * <p><b>Writing one.</b> {@link #toDtb()} produces the same bytes as
 * {@code dtc -I dts -O dtb} for the same source; {@link #toDts()} the same text as
 * {@code dtc -O dts}.
 *
 * <p><b>Look-ups.</b> Paths are absolute ({@code /soc/uart@10000000}) or start with an alias
 * from {@code /aliases} ({@code serial0}); a path component without unit address matches the
 * first child of that base name. Trees are not thread-safe for changes; concurrent reads of
 * a tree nobody changes are safe.
 */
@ProviderType
public interface DeviceTree {

    /** A new tree with an empty root node. */
    static DeviceTree create() {
        return Trees.create();
    }

    /**
     * Parses a DTS file. {@code /include/} and {@code #include "..."} look next to the
     * including file first, then in {@code includeDirs}; {@code #include <...>} only there.
     *
     * @throws DtException with file, line and column on any error
     */
    static DeviceTree parseDts(Path file, Path... includeDirs) {
        return Trees.parseDts(file, List.of(includeDirs));
    }

    /**
     * Parses DTS text. {@code sourceName} names the text in error messages; relative includes
     * are looked up next to it (when it names a file path) and then in {@code includeDirs}.
     */
    static DeviceTree parseDts(String text, String sourceName, Path... includeDirs) {
        return Trees.parseDts(text, sourceName, List.of(includeDirs));
    }

    /** Reads a flattened device tree (DTB). */
    static DeviceTree readDtb(byte[] dtb) {
        return Trees.readDtb(dtb);
    }

    /** Reads a DTB file; errors name the file. */
    static DeviceTree readDtb(Path file) {
        return Trees.readDtb(file);
    }

    /**
     * Reads a file as DTB when it starts with the DTB magic, else as DTS (see
     * {@link #parseDts(Path, Path...)}).
     */
    static DeviceTree read(Path file, Path... includeDirs) {
        return Trees.read(file, List.of(includeDirs));
    }

    /** The root node. */
    Node root();

    /**
     * The node at this path (absolute or starting with an alias).
     *
     * @throws DtException when there is no such node
     */
    Node node(String path);

    /** The node at this path, if any. */
    Optional<Node> findNode(String path);

    /** The node an alias in {@code /aliases} names. */
    Optional<Node> alias(String alias);

    /** The node carrying this label (from the DTS source or added by code). */
    Optional<Node> label(String label);

    /** The node with this phandle. */
    Optional<Node> phandle(int phandle);

    /** All nodes whose {@code compatible} lists this string, in tree order. */
    List<Node> findCompatible(String compatible);

    /** All nodes matching a predicate, in tree order (depth first, parents first). */
    List<Node> findAll(Predicate<? super Node> predicate);

    /** Every node in tree order. */
    Stream<Node> nodes();

    /** The memory reservation block. */
    List<MemoryReservation> memoryReservations();

    /** Appends a memory reservation. */
    void addMemoryReservation(long address, long size);

    /** Removes every memory reservation. */
    void clearMemoryReservations();

    /** The boot CPU id of the DTB header ({@code boot_cpuid_phys}). */
    int bootCpuId();

    /** Sets the boot CPU id written to the DTB header. */
    void setBootCpuId(int id);

    /** The tree as a flattened device tree, version 17. */
    byte[] toDtb();

    /** The tree as DTS text. */
    String toDts();

    /** A deep copy: changes to either tree do not show in the other. */
    DeviceTree copy();
}
