package hv.boot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.boot.internal.BootOptions.UsageException;

class BootOptionsTest {

    @TempDir
    Path dir;

    private Path file(String name) throws IOException {
        return Files.write(dir.resolve(name), new byte[] {1, 2, 3});
    }

    @Test
    void aKernelAloneGetsTheDefaults() throws IOException {
        Path k = file("Image");
        BootOptions o = BootOptions.parse(List.of("--kernel", k.toString()));
        assertEquals(k, o.kernel());
        assertEquals(1, o.smp());
        assertEquals(256L << 20, o.memory());
        assertEquals("real", o.clock());
        assertEquals("", o.append());
        assertEquals(0, o.timeoutSeconds());
    }

    @Test
    void everyOptionIsReadInBothSpellings() throws IOException {
        Path k = file("k.elf");
        Path i = file("initrd.cpio");
        BootOptions o = BootOptions.parse(List.of("--kernel=" + k, "--initrd", i.toString(), "--append",
                "console=ttyS0 quiet", "--smp=4", "--mem", "1G", "--clock", "VIRTUAL", "--timeout=30"));
        assertEquals(i, o.initrd());
        assertEquals("console=ttyS0 quiet", o.append());
        assertEquals(4, o.smp());
        assertEquals(1L << 30, o.memory());
        assertEquals("virtual", o.clock());
        assertEquals(30, o.timeoutSeconds());
    }

    @Test
    void mistakesNameTheOptionAndWhatIsExpected() throws IOException {
        Path k = file("Image");
        assertMessage("--kernel FILE or --guest FILE is required", List.of());
        assertMessage("--kernel: no such file: /nope", List.of("--kernel", "/nope"));
        assertMessage("--smp: 0 is outside 1..32", List.of("--kernel", k.toString(), "--smp", "0"));
        assertMessage("--smp: expected a number, got 'two'", List.of("--kernel", k.toString(), "--smp", "two"));
        assertMessage("--mem: expected a size like 256M or 1G, got 'lots'", List.of("--kernel", k.toString(), "--mem", "lots"));
        assertMessage("--mem: 1M is outside 16M..64G", List.of("--kernel", k.toString(), "--mem", "1M"));
        assertMessage("--clock: expected 'real' or 'virtual', got 'wall'", List.of("--kernel", k.toString(), "--clock", "wall"));
        assertMessage("--append: a value is expected", List.of("--kernel", k.toString(), "--append"));
        assertMessage("unknown option '--frob'", List.of("--kernel", k.toString(), "--frob"));
        assertMessage("--guest describes the whole guest", List.of("--guest", k.toString(), "--kernel", k.toString()));
    }

    @Test
    void sizesTakeBinarySuffixes() {
        assertEquals(64L << 20, BootOptions.size("--mem", "64M"));
        assertEquals(2L << 30, BootOptions.size("--mem", "2g"));
        assertEquals(32768L << 10, BootOptions.size("--mem", "32768K"));
        assertEquals(16L << 20, BootOptions.size("--mem", "16777216"));
        assertThrows(UsageException.class, () -> BootOptions.size("--mem", "65G"));
        assertThrows(UsageException.class, () -> BootOptions.size("--mem", "-1G"));
        assertThrows(UsageException.class, () -> BootOptions.size("--mem", "99999999999999999999G"));
    }

    private static void assertMessage(String expectedStart, List<String> args) {
        UsageException e = assertThrows(UsageException.class, () -> BootOptions.parse(args));
        assertTrue(e.getMessage().startsWith(expectedStart), () -> "message was: " + e.getMessage());
    }
}
