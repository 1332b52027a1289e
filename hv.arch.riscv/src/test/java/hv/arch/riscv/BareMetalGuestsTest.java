package hv.arch.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import hv.core.vcpu.SliceEnd;
import hv.dt.DeviceTree;

/**
 * Runs the project's bare-metal self-test guests (guests/baremetal, built separately with a
 * RISC-V cross compiler into guests/baremetal/build, which is not in git) on the engine with a
 * polled 16550 at 0x10000000 and no DTB: every check they print must PASS. Skipped when the
 * images have not been built.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BareMetalGuestsTest {

    static final long LOAD = 0x8020_0000L;
    static final long DTB = TestBus.RAM_BASE + 0x300_0000;

    /** The guest OS device tree the programs read (timebase, ISA, MMU type), as hv would describe this machine. */
    static final String DTS = """
            /dts-v1/;
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                model = "hv engine test";
                compatible = "riscv-virtio";
                cpus {
                    #address-cells = <1>;
                    #size-cells = <0>;
                    timebase-frequency = <10000000>;
                    cpu@0 {
                        device_type = "cpu";
                        reg = <0>;
                        compatible = "riscv";
                        riscv,isa = "rv64imafdc_zicsr_zifencei_zicntr_zihintpause_zba_zbb_zbs";
                        mmu-type = "riscv,sv48";
                    };
                };
                memory@80000000 {
                    device_type = "memory";
                    reg = <0x0 0x80000000 0x0 0x4000000>;
                };
            };
            """;

    static Path image(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("guests/baremetal/build/" + name + ".bin");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"isa-selftest", "fp-selftest", "paging", "timer-irq", "hello"})
    void a_self_test_guest_passes_every_check(String name) throws IOException {
        Path img = image(name);
        assumeTrue(img != null, "guests/baremetal/build/" + name + ".bin not built");
        Machine m = new Machine(1, 64 << 20);
        m.bus.load(LOAD, Files.readAllBytes(img));
        byte[] dtb = DeviceTree.parseDts(DTS, "test.dts").toDtb();
        m.bus.load(DTB, dtb);
        RiscvEngine e = m.cpu();
        e.reset(LOAD, 0, DTB);
        m.ctx().timerModel = true;
        SliceEnd r = SliceEnd.BUDGET;
        for (int k = 0; k < 2000 && (r == SliceEnd.BUDGET || r == SliceEnd.WAIT); k++) {
            r = e.run(100_000);
            if (r == SliceEnd.WAIT) {
                m.ctx().sleepToDeadline();
            }
        }
        String out = m.bus.uart.toString();
        assertEquals(SliceEnd.STOPPED, r, out);
        assertFalse(out.contains("FAIL"), out);
        assertTrue(out.contains(" 0 failed"), out);
        System.out.println(out.lines().filter(l -> l.contains(" passed, ")).findFirst().orElse(out));
        assertEquals(hv.core.guest.GuestExit.Kind.POWER_OFF, m.harts.exit.kind(), out);
    }
}
