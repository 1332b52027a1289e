package hv.dt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DtsParserTest {

    private static Node root(String body) {
        return Samples.dts("/dts-v1/;\n/ {\n" + body + "\n};\n").root();
    }

    private static long cell(String expr) {
        return root("v = <" + expr + ">;").u32("v") & 0xffffffffL;
    }

    @ParameterizedTest(name = "<{0}> is {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "42 => 42",
        "0x2a => 42",
        "0X2A => 42",
        "052 => 42",
        "42U => 42",
        "42ULL => 42",
        "'*' => 42",
        "'\\n' => 10",
        "'\\x2a' => 42",
        "'\\052' => 42",
        "'\\'' => 39",
        "(40 + 2) => 42",
        "(50 - 8) => 42",
        "(6 * 7) => 42",
        "(85 / 2) => 42",
        "(142 % 100) => 42",
        "(21 << 1) => 42",
        "(84 >> 1) => 42",
        "(0x2f & 0xfa) => 42",
        "(0x20 | 0x0a) => 42",
        "(0x3f ^ 0x15) => 42",
        "(~0xffffffd5) => 42",
        "(-(-42)) => 42",
        "(!0) => 1",
        "(!42) => 0",
        "(1 && 2) => 1",
        "(0 || 0) => 0",
        "(1 < 2) => 1",
        "(2 <= 1) => 0",
        "(2 > 1) => 1",
        "(1 >= 2) => 0",
        "(1 == 1) => 1",
        "(1 != 1) => 0",
        "(1 ? 42 : 7) => 42",
        "(0 ? 7 : 42) => 42",
        "(2 + 3 * 4 << 1) => 28",
        "((-1) < 0) => 0",
        "(1 << 64) => 0",
        "(1 << 32 >> 32) => 1",
        "(-1) => 4294967295",
        "(1 | 2 ^ 3 & 4) => 3",
        "(0 ? 1 : 0 ? 2 : 3) => 3",
        "((((((42)))))) => 42",
    })
    void cell_expressions_follow_C_rules_in_unsigned_64_bit_arithmetic(String expr, long value) {
        assertEquals(value, cell(expr));
    }

    @Test
    void cell_arrays_take_a_width_with_bits() {
        Node r = root("""
                b8 = /bits/ 8 <1 0xff (-1)>;
                b16 = /bits/ 16 <0x1234 (-2)>;
                b32 = /bits/ 32 <7>;
                b64 = /bits/ 64 <0x123456789abcdef0>;
                """);
        assertArrayEquals(new byte[] {1, (byte) 0xff, (byte) 0xff}, r.bytes("b8"));
        assertArrayEquals(new byte[] {0x12, 0x34, (byte) 0xff, (byte) 0xfe}, r.bytes("b16"));
        assertEquals(7, r.u32("b32"));
        assertEquals(0x123456789abcdef0L, r.u64("b64"));
    }

    @Test
    void strings_decode_escapes_and_lists() {
        Node r = root("""
                s = "tab\\there \\"q\\" back\\\\ \\x41\\101 \\e";
                list = "a", "", "bc";
                mixed = "a", <1>, [02], "b";
                bytes = [0a0B 0c];
                """);
        assertEquals("tab\there \"q\" back\\ AA e", r.string("s"));
        assertEquals(List.of("a", "", "bc"), r.strings("list"));
        assertArrayEquals(new byte[] {'a', 0, 0, 0, 0, 1, 2, 'b', 0}, r.bytes("mixed"));
        assertArrayEquals(new byte[] {10, 11, 12}, r.bytes("bytes"));
    }

    @Test
    void references_become_phandles_in_cells_and_paths_in_strings() {
        DeviceTree t = Samples.dts("""
                /dts-v1/;
                / {
                    user { cells = <&a &{/b} 7>; path = &a; both = "x", &{/b}; };
                    a: a { };
                    b { };
                };
                """);
        Node user = t.node("/user");
        assertArrayEquals(new int[] {1, 2, 7}, user.cells("cells"));
        assertEquals("/a", user.string("path"));
        assertEquals(List.of("x", "/b"), user.strings("both"));
        assertEquals(1, t.node("/a").u32("phandle"));
        assertEquals(2, t.node("/b").u32("phandle"));
    }

    @Test
    void explicit_phandles_are_kept_and_skipped_by_allocation() {
        DeviceTree t = Samples.dts("""
                /dts-v1/;
                / { u { r = <&a &b &c>; }; a: a { }; b: b { phandle = <1>; }; c: c { linux,phandle = <2>; }; };
                """);
        assertArrayEquals(new int[] {3, 1, 2}, t.node("/u").cells("r"));
        assertFalse(t.node("/c").has("phandle"));
    }

    @Test
    void labels_on_nodes_properties_and_values_are_kept_for_dts_output() {
        DeviceTree t = Samples.dts("/dts-v1/; / { n1: n2: node { p1: prop = <1 v1: 2>, v2: \"s\"; }; };");
        assertEquals(List.of("n1", "n2"), t.node("/node").labels());
        assertEquals(List.of("p1"), t.node("/node").requiredProperty("prop").labels());
        assertTrue(t.toDts().contains("n1: n2: node {\n\t\tp1: prop = <0x01 v1:0x02>, v2: \"s\";"), t.toDts());
    }

    @Test
    void later_definitions_merge_into_earlier_ones() {
        DeviceTree t = Samples.dts("""
                /dts-v1/;
                / { n: node { a = <1>; b = <2>; old { }; }; };
                / { node { b = <3>; c = <4>; new { }; }; };
                &n { d; };
                &{/node/old} { e; };
                """);
        Node n = t.node("/node");
        assertEquals(List.of("a", "b", "c", "d"), n.properties().stream().map(Property::name).toList());
        assertEquals(3, n.u32("b"));
        assertEquals(List.of("old", "new"), n.children().stream().map(Node::name).toList());
        assertTrue(t.node("/node/old").has("e"));
    }

    @Test
    void deleted_nodes_and_properties_disappear_and_can_come_back_in_place() {
        DeviceTree t = Samples.dts("""
                /dts-v1/;
                / { a { x; y; }; l: b { }; c { }; };
                / { a { /delete-property/ x; }; /delete-node/ c; };
                /delete-node/ &l;
                / { a { x = "again"; }; b { back; }; };
                """);
        assertEquals(List.of("x", "y"), t.node("/a").properties().stream().map(Property::name).toList());
        assertEquals(List.of("a", "b"), t.root().children().stream().map(Node::name).toList());
        assertEquals(List.of(), t.node("/b").labels());
        assertTrue(t.node("/b").has("back"));
    }

    @Test
    void omit_if_no_ref_drops_nodes_nobody_references() {
        DeviceTree t = Samples.dts("""
                /dts-v1/;
                / { /omit-if-no-ref/ a { }; /omit-if-no-ref/ b: b { }; c: c { }; u { r = <&b>; p = &c; }; };
                /omit-if-no-ref/ &c;
                """);
        assertEquals(List.of("b", "c", "u"), t.root().children().stream().map(Node::name).toList());
    }

    @Test
    void a_name_property_equal_to_the_node_name_is_dropped_like_dtc_does() {
        Node r = root("cpu@0 { name = \"cpu\"; }; x { name = \"other\"; };");
        assertFalse(r.child("cpu@0").has("name"));
        assertEquals("other", r.child("x").string("name"));
    }

    @Test
    void include_files_are_found_next_to_the_includer_and_in_include_directories(@TempDir Path dir)
            throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path inc = Files.createDirectories(dir.resolve("inc"));
        Files.writeString(sub.resolve("main.dts"), """
                /dts-v1/;
                /include/ "base.dtsi"
                #include "defs.h"
                #include <board.h>
                / { a = <A>; b = <B>; /include/ "lib.dtsi" };
                """);
        Files.writeString(sub.resolve("base.dtsi"), "/ { base; };\n");
        Files.writeString(sub.resolve("defs.h"), "#define A 1\n");
        Files.writeString(inc.resolve("board.h"), "#define B (A + 1)\n");
        Files.writeString(inc.resolve("lib.dtsi"), "lib { };\n");
        DeviceTree t = DeviceTree.parseDts(sub.resolve("main.dts"), inc);
        assertTrue(t.root().has("base"));
        assertEquals(1, t.root().u32("a"));
        assertEquals(2, t.root().u32("b"));
        assertTrue(t.root().optChild("lib").isPresent());
    }

    @Test
    void conditionals_choose_what_is_read() {
        Node r = Samples.dts("""
                /dts-v1/;
                #define ON
                #define LEVEL 2
                / {
                #ifdef ON
                    on;
                #else
                    off;
                #endif
                #ifndef ON
                    not-on;
                #endif
                #if LEVEL > 1 && defined(ON)
                    high;
                #elif LEVEL == 1
                    one;
                #else
                    low;
                #endif
                #if 0
                    #if 1
                    nested-never;
                    #endif
                #endif
                    #address-cells = <1>;
                };
                """).root();
        assertEquals(List.of("on", "high", "#address-cells"), r.properties().stream().map(Property::name).toList());
    }

    @Test
    void macros_expand_in_values_names_and_other_macros() {
        Node r = Samples.dts("""
                /dts-v1/;
                #define BASE 0x1000
                #define END (BASE + \\
                             0x100)
                #define COMPAT "vendor,dev"
                #define SELF SELF
                / { dev@BASE { reg = <BASE END>; compatible = COMPAT; SELF; }; };
                """).root();
        Node dev = r.child("dev@0x1000");
        assertArrayEquals(new int[] {0x1000, 0x1100}, dev.cells("reg"));
        assertEquals("vendor,dev", dev.string("compatible"));
        assertTrue(dev.has("SELF"));
    }

    /** Found by the Linux corpus: include/dt-bindings/leds/common.h defines LED_COLOR_ID_RGB so. */
    @Test
    void a_block_comment_opened_on_a_directive_line_may_end_on_a_later_line() {
        String defs = """
                /dts-v1/;
                #define RGB 9 /* for LEDs that can do any color,
                                 so this includes RGBW */
                #define TAIL 1 /* a comment
                   that ends */ + 2
                #define QUOTE "/* not a comment" /* but this is
                   "one" */
                """;
        Node r = Samples.dts(defs + "/ { rgb = <RGB>; tail = <(TAIL)>; s = QUOTE; };\n").root();
        assertEquals(9, r.u32("rgb"));
        assertEquals(3, r.u32("tail"));
        assertEquals("/* not a comment", r.string("s"));
        DtException e = assertThrows(DtException.class, () -> Samples.dts(defs + "/ {\noops"));
        assertEquals("t.dts:9:5: expected '=', ';' or '{' after 'oops', found end of input", e.getMessage());
    }

    @Test
    void incbin_includes_a_file_or_part_of_it(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("data.bin"), new byte[] {1, 2, 3, 4, 5});
        Files.writeString(dir.resolve("t.dts"),
                "/dts-v1/; / { all = /incbin/(\"data.bin\"); part = /incbin/(\"data.bin\", 1, (1 + 1)); };");
        Node r = DeviceTree.parseDts(dir.resolve("t.dts")).root();
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, r.bytes("all"));
        assertArrayEquals(new byte[] {2, 3}, r.bytes("part"));
    }

    @Test
    void comments_line_markers_and_text_encodings_are_handled() {
        DeviceTree t = DeviceTree.parseDts("/dts-v1/; // line\n/* block\n */ / { s = \"caf\u00e9\"; };\n",
                "t.dts");
        assertEquals("café", t.root().string("s"));
        DtException e = assertThrows(DtException.class, () -> DeviceTree.parseDts(
                "/dts-v1/;\n# 40 \"other.dts\"\n/ { oops", "t.dts"));
        assertEquals("other.dts:40:9: expected '=', ';' or '{' after 'oops', found end of input", e.getMessage());
    }

    @Test
    void memreserve_entries_take_expressions_and_labels() {
        DeviceTree t = Samples.dts("/dts-v1/;\nr: /memreserve/ (1 << 31) 0x1000;\n/memreserve/ 0 1;\n/ { };");
        assertEquals(List.of(new MemoryReservation(1L << 31, 0x1000), new MemoryReservation(0, 1)),
                t.memoryReservations());
        assertTrue(t.toDts().contains("r: /memreserve/\t0x0000000080000000 0x0000000000001000;\n"), t.toDts());
    }

    @Test
    void source_given_as_text_keeps_its_bytes() {
        byte[] utf8 = "/dts-v1/; / { s = \"\u00e9\"; };".getBytes(StandardCharsets.UTF_8);
        DeviceTree t = DeviceTree.parseDts(new String(utf8, StandardCharsets.UTF_8), "x.dts");
        assertArrayEquals(new byte[] {(byte) 0xc3, (byte) 0xa9, 0}, t.root().bytes("s"));
    }
}
