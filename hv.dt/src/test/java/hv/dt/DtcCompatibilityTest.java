package hv.dt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Our output against the real dtc's, byte for byte. Skipped when dtc is not installed. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DtcCompatibilityTest {
    static final List<String> PLAIN = Samples.PLAIN;
    static final List<String> PREPROCESSED = Samples.PREPROCESSED;

    @BeforeEach
    void needDtc() {
        Dtc.assumeDtc();
    }

    @ParameterizedTest
    @FieldSource("PLAIN")
    void our_dtb_is_byte_identical_to_dtc_output(String sample) {
        assertArrayEquals(Dtc.dtb(Samples.path(sample)), Samples.parse(sample).toDtb());
    }

    @ParameterizedTest
    @FieldSource("PREPROCESSED")
    void our_dtb_of_a_preprocessed_source_is_byte_identical_to_cpp_then_dtc(String sample) throws IOException {
        Dtc.assumeCpp();
        Path pp = Dtc.preprocess(Samples.path(sample), Samples.searchDir());
        assertArrayEquals(Dtc.dtb(pp), Samples.parse(sample).toDtb());
    }

    @ParameterizedTest
    @FieldSource("PLAIN")
    void our_dts_output_is_identical_to_dtc_output(String sample) {
        assertEquals(Dtc.dts(Samples.path(sample)), Samples.parse(sample).toDts());
    }

    @ParameterizedTest
    @FieldSource({"PLAIN", "PREPROCESSED"})
    void a_dtc_blob_is_read_and_written_back_unchanged(String sample) {
        byte[] dtb = Samples.parse(sample).toDtb();
        DeviceTree t = DeviceTree.readDtb(dtb);
        assertArrayEquals(dtb, t.toDtb());
        assertArrayEquals(Dtc.dtbOfDtb(dtb), t.toDtb());
        assertEquals(Dtc.dtsOfDtb(dtb), t.toDts());
    }

    @Test
    void a_tree_generated_in_code_compiles_the_same_through_our_dts_and_dtc() {
        DeviceTree t = EditingTest.guestOsTree();
        assertArrayEquals(t.toDtb(), Dtc.dtbOfText(t.toDts()));
    }

    @Test
    void the_device_tree_qemu_generates_for_riscv_virt_is_read_like_dtc_reads_it(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path dtb = dir.resolve("virt.dtb");
        try {
            Process p = new ProcessBuilder("qemu-system-riscv64", "-machine", "virt,dumpdtb=" + dtb,
                    "-smp", "2", "-m", "256", "-nographic").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            Assumptions.abort("qemu-system-riscv64 is not installed");
        }
        Assumptions.assumeTrue(Files.isRegularFile(dtb), "qemu did not dump its DTB");
        byte[] blob = Files.readAllBytes(dtb);
        DeviceTree t = DeviceTree.readDtb(blob);
        assertEquals(Dtc.dtsOfDtb(blob), t.toDts());
        assertArrayEquals(Dtc.dtbOfDtb(blob), t.toDtb());
        assertEquals("ns16550a", t.node("/soc/serial@10000000").string("compatible"));
        assertEquals(List.of(new Reg(0x80000000L, 256L << 20)), t.node("/memory@80000000").reg());
    }
}
