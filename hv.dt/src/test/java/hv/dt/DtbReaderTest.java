package hv.dt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed and hostile blobs are refused with a DtException that names the offset. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DtbReaderTest {

    private static FdtBuilder minimal() {
        return new FdtBuilder().begin("").prop("compatible", "a\0".getBytes()).begin("child@0")
                .prop("reg", 0, 0, 0, 1).end().end().finish();
    }

    private static byte[] patched(int offset, int value) {
        ByteBuffer b = minimal().build();
        b.putInt(offset, value);
        return b.array();
    }

    static Stream<Arguments> broken() {
        return Stream.<Object[]>of(
            new Object[] {"empty input", (Supplier<byte[]>) () -> new byte[0],
                "DTB offset 0x0: truncated: 0 bytes is too short for a DTB header"},
            new Object[] {"bad magic", (Supplier<byte[]>) () -> patched(0, 0xfeedd00d),
                "DTB offset 0x0: bad magic 0xfeedd00d (expected 0xd00dfeed)"},
            new Object[] {"short header", (Supplier<byte[]>) () -> Arrays.copyOf(minimal().build().array(), 20),
                "DTB offset 0x0: truncated header: 20 bytes"},
            new Object[] {"old version", (Supplier<byte[]>) () -> patched(20, 3),
                "DTB offset 0x14: unsupported DTB version 3 (this reader handles versions 16 and 17)"},
            new Object[] {"future incompatible version", (Supplier<byte[]>) () -> patched(24, 18),
                "DTB offset 0x18: the DTB needs a reader for version 18; this reader handles up to version 17"},
            new Object[] {"totalsize past the data", (Supplier<byte[]>) () -> patched(4, 4096),
                "DTB offset 0x4: truncated: totalsize is 4096 bytes but only 135 are present"},
            new Object[] {"absurd totalsize", (Supplier<byte[]>) () -> patched(4, 0xfffffff0),
                "DTB offset 0x4: totalsize 4294967280 is larger than the limit of 16777216 bytes"},
            new Object[] {"totalsize smaller than the header", (Supplier<byte[]>) () -> patched(4, 12),
                "DTB offset 0x4: totalsize 12 is smaller than the header"},
            new Object[] {"structure block outside the blob", (Supplier<byte[]>) () -> patched(8, 0x7ffffff0),
                "DTB offset 0x8: structure block [2147483632, 2147483696) is not inside the blob [40, 135)"},
            new Object[] {"structure size overflowing 32 bits", (Supplier<byte[]>) () -> patched(36, 0xffffffff),
                "DTB offset 0x8: structure block [56, 4294967351) is not inside the blob [40, 135)"},
            new Object[] {"misaligned structure block", (Supplier<byte[]>) () -> {
                ByteBuffer b = minimal().build();
                b.putInt(8, 57).putInt(36, 60);
                return b.array();
            }, "DTB offset 0x8: structure block offset 57 is not 4-byte aligned"},
            new Object[] {"overlapping blocks", (Supplier<byte[]>) () -> patched(12, 60),
                "DTB offset 0xc: the strings block [60, 75) overlaps the structure block [56, 120)"},
            new Object[] {"reservations without terminator", (Supplier<byte[]>) () -> patched(16, 48),
                "DTB offset 0x30: memory reservation block runs into the structure block (no terminating "
                    + "empty entry before it)"},
            new Object[] {"misaligned reservations", (Supplier<byte[]>) () -> patched(16, 44),
                "DTB offset 0x10: memory reservation block offset 44 is misaligned or outside the blob"},
            new Object[] {"unknown token", (Supplier<byte[]>) () -> bytes(new FdtBuilder().begin("").u32(7)),
                "DTB offset 0x40: unknown token 0x00000007"},
            new Object[] {"huge property length", (Supplier<byte[]>) () ->
                bytes(new FdtBuilder().begin("").propAt(0, 0x7fffffff).end().finish(), "x"),
                "DTB offset 0x40: property of 2147483647 bytes runs past the end of the structure block "
                    + "(8 bytes left)"},
            new Object[] {"name offset outside the strings block", (Supplier<byte[]>) () ->
                bytes(new FdtBuilder().begin("").propAt(1000, 0).end().finish(), "x"),
                "DTB offset 0x48: property name offset 1000 is outside the strings block of 2 bytes"},
            new Object[] {"unterminated property name", (Supplier<byte[]>) () -> new FdtBuilder().rawStrings(
                    "abc".getBytes()).begin("").propAt(0, 0).end().finish().build().array(),
                "DTB offset 0x54: property name is not NUL-terminated inside its block"},
            new Object[] {"unterminated node name", (Supplier<byte[]>) () -> {
                ByteBuffer b = new FdtBuilder().begin("").u32(1).u32(0x61616161).build();
                return b.array();
            }, "DTB offset 0x44: node name is not NUL-terminated inside its block"},
            new Object[] {"END_NODE without BEGIN_NODE", (Supplier<byte[]>) () -> bytes(new FdtBuilder().end()),
                "DTB offset 0x38: FDT_END_NODE without a matching FDT_BEGIN_NODE"},
            new Object[] {"END inside a node", (Supplier<byte[]>) () ->
                bytes(new FdtBuilder().begin("").begin("a").end().finish()),
                "DTB offset 0x4c: FDT_END while node / is still open"},
            new Object[] {"no END token", (Supplier<byte[]>) () -> bytes(new FdtBuilder().begin("").end()),
                "DTB offset 0x44: structure block ends without FDT_END"},
            new Object[] {"no root node", (Supplier<byte[]>) () -> bytes(new FdtBuilder().finish()),
                "DTB offset 0x38: FDT_END before the root node"},
            new Object[] {"two roots", (Supplier<byte[]>) () ->
                bytes(new FdtBuilder().begin("").end().begin("").end().finish()),
                "DTB offset 0x44: a second top-level node after the root"},
            new Object[] {"property outside of any node", (Supplier<byte[]>) () ->
                bytes(new FdtBuilder().prop("x").begin("").end().finish()),
                "DTB offset 0x38: property outside of any node"},
            new Object[] {"named root", (Supplier<byte[]>) () -> bytes(new FdtBuilder().begin("root").end().finish()),
                "DTB offset 0x3c: the root node name must be empty, found 'root'"},
            new Object[] {"bad node name", (Supplier<byte[]>) () ->
                bytes(new FdtBuilder().begin("").begin("a b").end().end().finish()),
                "DTB offset 0x44: bad node name under /: character ' ' not allowed in a name"},
            new Object[] {"bad property name", (Supplier<byte[]>) () ->
                bytes(new FdtBuilder().begin("").prop("a{").end().finish()),
                "DTB offset 0x48: bad property name in /: character '{' not allowed in a name"},
            new Object[] {"duplicate node", (Supplier<byte[]>) () ->
                bytes(new FdtBuilder().begin("").begin("a").end().begin("a").end().end().finish()),
                "DTB offset 0x4c: duplicate node 'a' in /"},
            new Object[] {"duplicate property", (Supplier<byte[]>) () ->
                bytes(new FdtBuilder().begin("").prop("a").prop("a").end().finish()),
                "DTB offset 0x4c: duplicate property 'a' in /"},
            new Object[] {"property after a child", (Supplier<byte[]>) () ->
                bytes(new FdtBuilder().begin("").begin("c").end().prop("a").end().finish()),
                "DTB offset 0x4c: property 'a' of / comes after a child node"},
            new Object[] {"duplicate phandle", (Supplier<byte[]>) () -> bytes(new FdtBuilder().begin("")
                    .begin("a").prop("phandle", 0, 0, 0, 1).end().begin("b").prop("phandle", 0, 0, 0, 1).end()
                    .end().finish()),
                "DTB offset 0x64: duplicate phandle 0x1 on /a and /b"},
            new Object[] {"bad phandle", (Supplier<byte[]>) () ->
                bytes(new FdtBuilder().begin("").prop("phandle", 1, 2).end().finish()),
                "DTB offset 0x40: 'phandle' of / must be one cell, found 2 bytes"},
            new Object[] {"deep nesting", (Supplier<byte[]>) () -> {
                FdtBuilder f = new FdtBuilder().begin("");
                for (int i = 0; i < 100; i++) {
                    f.begin("n");
                }
                return bytes(f);
            }, "DTB offset 0x240: nodes nest deeper than 64 levels"}
        ).map(a -> Arguments.of(a[0], a[1], a[2]));
    }

    private static byte[] bytes(FdtBuilder f, String... strings) {
        for (String s : strings) {
            f.string(s);
        }
        return f.build().array();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void a_malformed_blob_is_refused_with_its_offset(String what, Supplier<byte[]> blob, String message) {
        DtException e = assertThrows(DtException.class, () -> DeviceTree.readDtb(blob.get()));
        assertEquals(message, e.getMessage());
        assertTrue(e.offset() >= 0);
    }

    @Test
    void a_well_formed_blob_with_nops_and_reservations_is_read() {
        byte[] b = new FdtBuilder().reserve(0x80000000L, 0x1000).begin("").nop().prop("compatible", "x\0".getBytes())
                .begin("c@1").nop().prop("reg", 0, 0, 0, 1).end().end().nop().finish().build().array();
        DeviceTree t = DeviceTree.readDtb(b);
        assertEquals(List.of(new MemoryReservation(0x80000000L, 0x1000)), t.memoryReservations());
        assertEquals("x", t.root().string("compatible"));
        assertEquals(1, t.node("/c@1").u32("reg"));
    }

    @Test
    void a_version_16_blob_is_read() {
        ByteBuffer b = minimal().build();
        b.putInt(20, 16);
        DeviceTree t = DeviceTree.readDtb(b.array());
        assertEquals("a", t.root().string("compatible"));
    }

    @Test
    void trailing_bytes_after_totalsize_are_ignored() {
        byte[] b = minimal().build().array();
        byte[] padded = Arrays.copyOf(b, b.length + 100);
        assertArrayEquals(b, DeviceTree.readDtb(padded).toDtb());
    }

    @Test
    void a_name_property_equal_to_the_node_name_is_dropped_like_dtc_does() {
        DeviceTree t = DeviceTree.readDtb(bytes(new FdtBuilder().begin("").begin("cpu@0").prop("name", "cpu\0".getBytes())
                .end().end().finish()));
        assertTrue(t.node("/cpu@0").properties().isEmpty());
    }

    @Test
    void an_endless_device_file_is_read_no_further_than_the_limit() {
        java.nio.file.Path zero = java.nio.file.Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(zero));
        DtException blob = assertThrows(DtException.class, () -> DeviceTree.readDtb(zero));
        assertEquals("/dev/zero: file larger than the DTB limit of 16777216 bytes", blob.getMessage());
        DtException src = assertThrows(DtException.class, () -> DeviceTree.parseDts(zero));
        assertTrue(src.getMessage().startsWith("/dev/zero"), src.getMessage());
    }

    @Test
    void a_file_error_names_the_file() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("bad", ".dtb");
        try {
            java.nio.file.Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            DtException e = assertThrows(DtException.class, () -> DeviceTree.readDtb(f));
            assertEquals(f + ": DTB offset 0x0: bad magic 0x01020304 (expected 0xd00dfeed)", e.getMessage());
        } finally {
            java.nio.file.Files.delete(f);
        }
    }
}
