package hv.dt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed DTS: every message names file, line and column and says what was expected. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DtsErrorTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of("no header", "/ { };",
                "t.dts:1:1: expected '/dts-v1/;' at the start of the source, found '/'"),
            Arguments.of("header without semicolon", "/dts-v1/\n/ { };",
                "t.dts:2:1: expected ';' after /dts-v1/, found '/'"),
            Arguments.of("no root node", "/dts-v1/;\n",
                "t.dts:2:1: expected the root node '/ { ... };', found end of input"),
            Arguments.of("missing semicolon after a value", "/dts-v1/;\n/ {\n\ta = <1>\n};",
                "t.dts:4:1: expected ',' or ';' after the value of 'a', found '}'"),
            Arguments.of("missing semicolon after a node", "/dts-v1/;\n/ { }",
                "t.dts:2:6: expected ';' after '}', found end of input"),
            Arguments.of("unterminated string", "/dts-v1/;\n/ { s = \"abc; };",
                "t.dts:2:9: unterminated string: expected a closing '\"'"),
            Arguments.of("unterminated comment", "/dts-v1/;\n/* never closed\n/ { };",
                "t.dts:2:1: unterminated comment: expected '*/'"),
            Arguments.of("bad integer literal", "/dts-v1/;\n/ { a = <12abc>; };",
                "t.dts:2:10: bad integer literal '12abc'"),
            Arguments.of("bad octal literal", "/dts-v1/;\n/ { a = <089>; };",
                "t.dts:2:10: bad octal literal '089' (a leading 0 means octal)"),
            Arguments.of("literal too large", "/dts-v1/;\n/ { a = /bits/ 64 <0x10000000000000000>; };",
                "t.dts:2:20: integer literal '0x10000000000000000' does not fit in 64 bits"),
            Arguments.of("value out of range", "/dts-v1/;\n/ { a = /bits/ 8 <256>; };",
                "t.dts:2:19: value 0x100 does not fit in a 8-bit array element"),
            Arguments.of("bad bits", "/dts-v1/;\n/ { a = /bits/ 12 <1>; };",
                "t.dts:2:16: array elements must be 8, 16, 32 or 64 bits, not 12"),
            Arguments.of("reference in a 16-bit array", "/dts-v1/;\n/ { a = /bits/ 16 <&x>; x: x { }; };",
                "t.dts:2:20: references are only allowed in arrays of 32-bit cells, not in /bits/ 16"),
            Arguments.of("negative number without parentheses", "/dts-v1/;\n/ { a = <1 -1>; };",
                "t.dts:2:12: expected a number, '(', '&reference', a label or '>' in the cell array, "
                    + "found '-' (write a negative number as (-1))"),
            Arguments.of("unclosed cell array", "/dts-v1/;\n/ { a = <1 2; };",
                "t.dts:2:13: expected a number, '(', '&reference', a label or '>' in the cell array, found ';'"),
            Arguments.of("unclosed parenthesis", "/dts-v1/;\n/ { a = <(1 + 2; };",
                "t.dts:2:16: expected ')' to close '(', found ';'"),
            Arguments.of("'>' inside parentheses is an operator", "/dts-v1/;\n/ { a = <(1 + 2>; };",
                "t.dts:2:17: expected a number, a character literal or '(' in the expression, found ';'"),
            Arguments.of("missing operand", "/dts-v1/;\n/ { a = <(1 + )>; };",
                "t.dts:2:15: expected a number, a character literal or '(' in the expression, found ')'"),
            Arguments.of("division by zero", "/dts-v1/;\n/ { a = <(1 / (2 - 2))>; };",
                "t.dts:2:13: division by zero"),
            Arguments.of("undefined identifier", "/dts-v1/;\n/ { a = <(FOO + 1)>; };",
                "t.dts:2:11: expected a number, a character literal or '(' in the expression, "
                    + "found identifier 'FOO' (not a #define)"),
            Arguments.of("ternary without colon", "/dts-v1/;\n/ { a = <(1 ? 2)>; };",
                "t.dts:2:16: expected ':' in the ?: expression, found ')'"),
            Arguments.of("empty character literal", "/dts-v1/;\n/ { a = <''>; };",
                "t.dts:2:10: empty character literal"),
            Arguments.of("long character literal", "/dts-v1/;\n/ { a = <'ab'>; };",
                "t.dts:2:10: character literal has 2 characters instead of 1"),
            Arguments.of("bad hex escape", "/dts-v1/;\n/ { s = \"\\xzz\"; };",
                "t.dts:2:9: expected one or two hex digits after \\x"),
            Arguments.of("odd hex digits in bytes", "/dts-v1/;\n/ { b = [0 1]; };",
                "t.dts:2:10: expected two hex digits for each byte in [ ]"),
            Arguments.of("bad value start", "/dts-v1/;\n/ { a = 5; };",
                "t.dts:2:9: expected a string, '<', '[', '&reference' or /bits/ in the value of 'a', "
                    + "found '5'"),
            Arguments.of("missing equals", "/dts-v1/;\n/ { a <1>; };",
                "t.dts:2:7: expected '=', ';' or '{' after 'a', found '<'"),
            Arguments.of("property after child", "/dts-v1/;\n/ { n { }; p = <1>; };",
                "t.dts:2:12: properties must precede subnodes: property 'p' comes after a child node"),
            Arguments.of("unknown keyword", "/dts-v1/;\n/ { /frobnicate/ x; };",
                "t.dts:2:5: unknown keyword '/frobnicate/'"),
            Arguments.of("stray character", "/dts-v1/;\n/ { $x; };",
                "t.dts:2:5: expected a property, a child node or '}' in node /, found '$'"),
            Arguments.of("unknown label in cells", "/dts-v1/;\n/ {\n\tp = <&nope>;\n};",
                "t.dts:3:7: /: property 'p': reference to a label that does not exist: &nope"),
            Arguments.of("unknown path in string", "/dts-v1/;\n/ { n { p = &{/no/where}; }; };",
                "t.dts:2:13: /n: property 'p': reference to a node that does not exist: &{/no/where}"),
            Arguments.of("unknown label to merge into", "/dts-v1/;\n/ { };\n&nope { };",
                "t.dts:3:1: no node has label 'nope'"),
            Arguments.of("unknown path to delete", "/dts-v1/;\n/ { };\n/delete-node/ &{/x};",
                "t.dts:3:15: no node at path '/x'"),
            Arguments.of("bad path reference", "/dts-v1/;\n/ { a = &{x}; };",
                "t.dts:2:9: expected an absolute path in &{...}, found 'x'"),
            Arguments.of("duplicate node", "/dts-v1/;\n/ {\n\tn { };\n\tn { };\n};",
                "t.dts:4:2: duplicate node name 'n' in /"),
            Arguments.of("duplicate property", "/dts-v1/;\n/ { a; a; };",
                "t.dts:2:8: duplicate property 'a' in /"),
            Arguments.of("duplicate label", "/dts-v1/;\n/ { l: a { }; l: b { }; };",
                "t.dts:2:18: duplicate label 'l' on /b and /a"),
            Arguments.of("duplicate phandle", "/dts-v1/;\n/ { a { phandle = <1>; }; b { phandle = <1>; }; };",
                "t.dts:2:31: /b: duplicate phandle 0x1 (also on /a)"),
            Arguments.of("bad phandle", "/dts-v1/;\n/ { a { phandle = <0>; }; };",
                "t.dts:2:9: /a: bad phandle value 0x0"),
            Arguments.of("memreserve after root", "/dts-v1/;\n/ { };\n/memreserve/ 0 1;",
                "t.dts:3:1: /memreserve/ must come before the root node"),
            Arguments.of("overlay", "/dts-v1/;\n/plugin/;\n/ { };",
                "t.dts:2:1: device-tree overlays (/plugin/) are not supported"),
            Arguments.of("error directive", "/dts-v1/;\n#error stop here\n/ { };",
                "t.dts:2:1: #error stop here"),
            Arguments.of("function-like macro", "/dts-v1/;\n#define F(x) x\n/ { };",
                "t.dts:2:1: function-like macros are not supported: #define F(...)"),
            Arguments.of("unterminated ifdef", "/dts-v1/;\n#ifdef X\n/ { };",
                "t.dts:2:1: #if/#ifdef without a matching #endif"),
            Arguments.of("endif without if", "/dts-v1/;\n#endif\n/ { };",
                "t.dts:2:1: #endif without #if"),
            Arguments.of("include of a missing file", "/dts-v1/;\n/include/ \"missing.dtsi\"\n/ { };",
                "t.dts:2:1: cannot find include file 'missing.dtsi' next to the including file"),
            Arguments.of("bad include syntax", "/dts-v1/;\n#include missing.h\n/ { };",
                "t.dts:2:1: expected \"file\" or <file> after #include"),
            Arguments.of("error inside a macro", "/dts-v1/;\n#define BAD (1 +)\n/ { a = <BAD>; };",
                "t.dts:3:10: expected a number, a character literal or '(' in the expression, found ')'"),
            Arguments.of("node nesting too deep", "/dts-v1/;\n/ {" + "n{".repeat(70) + "};".repeat(71),
                "t.dts:2:132: nodes nest deeper than 64 levels"),
            Arguments.of("expression nesting too deep", "/dts-v1/;\n/ { a = <" + "(".repeat(300) + "1"
                    + ")".repeat(300) + ">; };",
                "t.dts:2:267: expression nests deeper than 256 levels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformed_source_is_refused_with_position_and_expectation(String what, String source, String message) {
        DtException e = assertThrows(DtException.class, () -> DeviceTree.parseDts(source, "t.dts"));
        assertEquals(message, e.getMessage());
        assertEquals("t.dts", e.file());
        assertTrue(e.line() > 0 && e.column() > 0, "line and column are set");
    }

    @Test
    void an_error_in_an_included_file_names_that_file(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.dts"), "/dts-v1/;\n/ {\n\t/include/ \"part.dtsi\"\n};\n");
        Files.writeString(dir.resolve("part.dtsi"), "\tok;\n\tbad = ;\n");
        DtException e = assertThrows(DtException.class, () -> DeviceTree.parseDts(dir.resolve("main.dts")));
        assertEquals(dir.resolve("part.dtsi") + ":2:8: expected a string, '<', '[', '&reference' or /bits/ "
                + "in the value of 'bad', found ';'", e.getMessage());
    }

    @Test
    void a_file_that_includes_itself_is_stopped(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("loop.dts"), "/dts-v1/;\n/include/ \"loop.dts\"\n");
        DtException e = assertThrows(DtException.class, () -> DeviceTree.parseDts(dir.resolve("loop.dts")));
        assertTrue(e.getMessage().endsWith("includes nest deeper than 32 levels (does a file include itself?)"),
                e.getMessage());
    }

    @Test
    void a_macro_that_grows_without_end_is_stopped() {
        StringBuilder src = new StringBuilder("/dts-v1/;\n#define M0 1\n");
        for (int i = 1; i < 40; i++) {
            src.append("#define M").append(i).append(" M").append(i - 1).append(" M").append(i - 1).append('\n');
        }
        src.append("/ { a = <M39>; };\n");
        long start = System.nanoTime();
        DtException e = assertThrows(DtException.class, () -> DeviceTree.parseDts(src.toString(), "t.dts"));
        assertTrue(e.getMessage().startsWith("t.dts:42:"), e.getMessage());
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "stopped quickly");
    }

    @Test
    void property_values_cannot_add_up_past_the_dtb_limit(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("big.bin"), new byte[4 << 20]);
        StringBuilder src = new StringBuilder("/dts-v1/;\n/ {\n");
        for (int i = 0; i < 5; i++) {
            src.append("\tp").append(i).append(" = /incbin/(\"big.bin\");\n");
        }
        Files.writeString(dir.resolve("big.dts"), src.append("};\n"));
        DtException e = assertThrows(DtException.class, () -> DeviceTree.parseDts(dir.resolve("big.dts")));
        assertEquals(dir.resolve("big.dts") + ":7:2: property values add up to more than 16777216 bytes, "
                + "the DTB limit", e.getMessage());
    }

    @Test
    void a_missing_file_is_reported_by_name(@TempDir Path dir) {
        DtException e = assertThrows(DtException.class, () -> DeviceTree.parseDts(dir.resolve("none.dts")));
        assertTrue(e.getMessage().startsWith(dir.resolve("none.dts") + ": "), e.getMessage());
    }
}
