package hv.arch.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Runs the project's bare-metal self-test guests (guests/baremetal; the ELF images committed in
 * guests/baremetal/prebuilt, so no cross compiler is needed) on the engine with a polled 16550 at
 * 0x10000000 and a small DTB: every check they print must PASS.
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
            Path p = dir.resolve("guests/baremetal/prebuilt/" + name + ".elf");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Loads the PT_LOAD segments of a little-endian ELF64 at their physical addresses; returns the entry. */
    static long loadElf(Machine m, byte[] elf) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x464c457f, b.getInt(0), "ELF magic");
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        for (int i = 0; i < phnum; i++) {
            int ph = (int) (phoff + (long) i * phentsize);
            if (b.getInt(ph) != 1) { // PT_LOAD
                continue;
            }
            int off = (int) b.getLong(ph + 8);
            long paddr = b.getLong(ph + 24);
            int filesz = (int) b.getLong(ph + 32);
            int memsz = (int) b.getLong(ph + 40);
            byte[] seg = new byte[memsz]; // the rest past filesz is .bss: zero
            System.arraycopy(elf, off, seg, 0, filesz);
            m.bus.load(paddr, seg);
        }
        return b.getLong(24);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"isa-selftest", "fp-selftest", "paging", "timer-irq", "hello"})
    void a_self_test_guest_passes_every_check(String name) throws IOException {
        Path img = image(name);
        assertTrue(img != null, "guests/baremetal/prebuilt/" + name + ".elf is committed");
        Machine m = new Machine(1, 64 << 20);
        long entry = loadElf(m, Files.readAllBytes(img));
        assertEquals(LOAD, entry, "the programs are linked at the QEMU virt payload address");
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
