package hv.dt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.dt.internal.DtTool;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DtToolTest {
    @TempDir
    Path dir;

    private record Run(int code, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.ISO_8859_1);
        }
    }

    private static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DtTool.run(args, new ByteArrayInputStream(stdin), new PrintStream(out), new PrintStream(err));
        return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return run(new byte[0], args);
    }

    @Test
    void converts_dts_to_dtb_and_back_by_extension() throws IOException {
        Path dtb = dir.resolve("virt.dtb");
        Run r = run(Samples.path("qemu-virt.dts").toString(), dtb.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Samples.parse("qemu-virt.dts").toDtb(), Files.readAllBytes(dtb));
        Path dts = dir.resolve("virt.dts");
        assertEquals(0, run(dtb.toString(), dts.toString()).code());
        assertEquals(DeviceTree.readDtb(dtb).toDts(), Files.readString(dts));
    }

    @Test
    void writes_to_stdout_in_the_format_asked_for() {
        Run dts = run(Samples.path("qemu-virt.dts").toString(), "-");
        assertEquals(0, dts.code());
        assertTrue(dts.text().startsWith("/dts-v1/;\n\n/ {\n"), dts.text());
        Run dtb = run("-O", "dtb", Samples.path("qemu-virt.dts").toString(), "-");
        assertArrayEquals(Samples.parse("qemu-virt.dts").toDtb(), dtb.out());
    }

    @Test
    void reads_stdin_and_forced_formats() throws IOException {
        byte[] blob = Samples.parse("syntax.dts").toDtb();
        Run fromStdin = run(blob, "-I", "dtb", "-", "-");
        assertEquals(0, fromStdin.code(), fromStdin.err());
        assertEquals(DeviceTree.readDtb(blob).toDts(), fromStdin.text());
        Path odd = dir.resolve("tree.bin");
        Files.write(odd, blob);
        assertEquals(0, run(odd.toString(), "-").code(), "a blob is recognized by its magic");
        Run src = run("/dts-v1/; / { a = <1>; };".getBytes(), "-O", "dtb", "-", "-");
        assertEquals(1, DeviceTree.readDtb(src.out()).root().u32("a"));
    }

    @Test
    void include_directories_are_searched() {
        Run without = run(Samples.path("preprocessed.dts").toString(), "-");
        assertEquals(1, without.code());
        Run with = run("-i", Samples.searchDir().toString(), Samples.path("preprocessed.dts").toString(), "-");
        assertEquals(0, with.code(), with.err());
    }

    @Test
    void bad_source_exits_1_with_one_error_line_naming_file_line_and_column() throws IOException {
        Path bad = dir.resolve("bad.dts");
        Files.writeString(bad, "/dts-v1/;\n/ {\n\ta = <1;\n};\n");
        Run r = run(bad.toString(), dir.resolve("out.dtb").toString());
        assertEquals(1, r.code());
        assertEquals("error: " + bad + ":3:8: expected a number, '(', '&reference', a label or '>' in the cell "
                + "array, found ';'\n", r.err());
        assertTrue(Files.notExists(dir.resolve("out.dtb")), "nothing is written on error");
    }

    @Test
    void a_bad_blob_exits_1_naming_file_and_offset() throws IOException {
        Path bad = dir.resolve("bad.dtb");
        Files.write(bad, new byte[] {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed, 0, 0, 0, 0});
        Run r = run(bad.toString(), "-");
        assertEquals(1, r.code());
        assertEquals("error: " + bad + ": DTB offset 0x0: truncated header: 8 bytes\n", r.err());
        Run missing = run(dir.resolve("none.dts").toString(), "-");
        assertEquals(1, missing.code());
        assertEquals("error: " + dir.resolve("none.dts") + ": no such file\n", missing.err());
    }

    @Test
    void usage_errors_exit_2() {
        assertEquals(2, run().code());
        assertEquals(2, run("a.dts").code());
        assertEquals(2, run("-x", "a.dts", "b.dtb").code());
        assertEquals(2, run("-O", "yaml", "a.dts", "-").code());
        assertEquals(2, run("-i").code());
        Run r = run(Samples.path("qemu-virt.dts").toString(), "out.txt");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: cannot tell the output format of 'out.txt'"), r.err());
        Run help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.text().startsWith("usage: hv dt"), help.text());
    }

    @Test
    void the_tool_runs_from_this_bundle_alone() throws Exception {
        Path classes = Path.of(DtTool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("alone.dtb");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classes.toString(), DtTool.class.getName(),
                Samples.path("syntax.dts").toString(), out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertArrayEquals(Samples.parse("syntax.dts").toDtb(), Files.readAllBytes(out));
    }
}
