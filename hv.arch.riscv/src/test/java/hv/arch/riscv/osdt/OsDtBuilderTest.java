package hv.arch.riscv.osdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import hv.core.config.ClockConfig;
import hv.core.config.GuestConfig;
import hv.core.config.MissingEmulator;
import hv.core.config.OsDtConfig;
import hv.core.config.RegionConfig;
import hv.core.config.RegionKind;
import hv.core.config.VcpuConfig;
import hv.dt.DeviceTree;
import hv.dt.Node;

class OsDtBuilderTest {

    private static RegionConfig device(String name, long gpa, long size, List<String> compat, Integer... irqs) {
        return new RegionConfig(name, "/aspace/" + name, RegionKind.DEVICE, false, "dev", gpa, size, -1, -1, 12, 12,
                compat, List.of(irqs), null, MissingEmulator.FAIL, null);
    }

    private static GuestConfig virt(int harts, String bootArgs) {
        List<VcpuConfig> vcpus = new java.util.ArrayList<>();
        for (int h = 0; h < harts; h++) {
            vcpus.add(new VcpuConfig(h, "vcpu" + h, "/vcpus/vcpu" + h, List.of("riscv,generic"), h == 1 ? "rv64imac" : null,
                    0x80200000L, 3, 10_000_000, 100_000_000, 1_000_000_000, List.of(), h > 0, null));
        }
        List<RegionConfig> regions = List.of(
                new RegionConfig("mem0", "/aspace/mem0", RegionKind.ALLOCED_RAM, false, "alloced_ram", 0x80000000L,
                        256L << 20, -1, -1, 21, 21, List.of(), List.of(), null, MissingEmulator.FAIL, null),
                device("uart0", 0x10000000L, 0x100, List.of("ns16550a"), 10),
                device("plic", 0x0c000000L, 0x4000000, List.of("sifive,plic-1.0.0", "riscv,plic0")),
                device("rtc", 0x101000L, 0x1000, List.of("google,goldfish-rtc"), 11),
                device("test", 0x100000L, 0x1000, List.of("sifive,test1", "sifive,test0", "syscon")),
                device("virtio0", 0x10001000L, 0x1000, List.of("virtio,mmio"), 1),
                device("vminfo", 0x10002000L, 0x1000, List.of("vminfo-0.1")));
        return new GuestConfig("g", null, "test", Path.of("."), vcpus, 96, regions, List.of(), ClockConfig.realTime(),
                new OsDtConfig(OsDtConfig.Source.GENERATE, null, -1), bootArgs, MissingEmulator.FAIL, 1000, null);
    }

    private static DeviceTree roundTrip(GuestConfig c, long initrdStart, long initrdEnd) {
        byte[] dtb = new OsDtBuilder(c, RiscvOsDtProvider::isa, "riscv,sv48").build(initrdStart, initrdEnd).toDtb();
        return DeviceTree.readDtb(dtb);
    }

    @Test
    void cpusCarryTheEngineIsaTheirInterruptControllerAndTheTimebase() {
        DeviceTree t = roundTrip(virt(2, null), 0, 0);
        Node cpus = t.node("/cpus");
        assertEquals(10_000_000, cpus.u32("timebase-frequency"));
        Node cpu0 = t.node("/cpus/cpu@0");
        assertEquals("cpu", cpu0.string("device_type"));
        assertEquals(hv.arch.riscv.Isa.all().toString(), cpu0.string("riscv,isa"));
        assertEquals("riscv,sv48", cpu0.string("mmu-type"));
        assertTrue(t.node("/cpus/cpu@1").string("riscv,isa").startsWith("rv64imac"),
                "a VCPU whose DT narrows the ISA gets the narrowed string");
        assertFalse(t.node("/cpus/cpu@1").string("riscv,isa").contains("f"), "no F/D for a VCPU whose DT leaves them out");
        assertTrue(t.node("/cpus/cpu@0/interrupt-controller").isCompatible("riscv,cpu-intc"));
    }

    @Test
    void thePlicHasAnMAndAnSContextPerHartAndDevicesPointAtIt() {
        DeviceTree t = roundTrip(virt(2, null), 0, 0);
        Node plic = t.node("/soc/plic@c000000");
        int intc0 = t.node("/cpus/cpu@0/interrupt-controller").phandle().getAsInt();
        int intc1 = t.node("/cpus/cpu@1/interrupt-controller").phandle().getAsInt();
        assertArrayEquals(new int[] {intc0, 11, intc0, 9, intc1, 11, intc1, 9}, plic.cells("interrupts-extended"));
        assertEquals(95, plic.u32("riscv,ndev"));
        Node uart = t.node("/soc/serial@10000000");
        assertEquals(plic.phandle().getAsInt(), uart.u32("interrupt-parent"));
        assertArrayEquals(new int[] {10}, uart.cells("interrupts"));
        assertEquals(List.of(new hv.dt.Reg(0x10000000L, 0x100)), uart.reg());
    }

    @Test
    void memoryChosenAndPowerOffAreDescribed() {
        DeviceTree t = roundTrip(virt(1, "console=ttyS0 earlycon"), 0x8f000000L, 0x8f100000L);
        assertEquals(List.of(new hv.dt.Reg(0x80000000L, 256L << 20)), t.node("/memory@80000000").reg());
        Node chosen = t.node("/chosen");
        assertEquals("console=ttyS0 earlycon", chosen.string("bootargs"));
        assertEquals("/soc/serial@10000000", chosen.string("stdout-path"));
        assertEquals(0x8f000000L, chosen.u64("linux,initrd-start"));
        assertEquals(0x8f100000L, chosen.u64("linux,initrd-end"));
        Node poweroff = t.node("/poweroff");
        assertEquals(0x5555, poweroff.u32("value"));
        assertEquals(t.node("/soc/test@100000").phandle().getAsInt(), poweroff.u32("regmap"));
        assertEquals(0x7777, t.node("/reboot").u32("value"));
        assertTrue(t.node("/soc/rtc@101000").isCompatible("google,goldfish-rtc"));
        assertTrue(t.node("/soc/virtio_mmio@10001000").isCompatible("virtio,mmio"));
        assertTrue(t.node("/soc/dev@10002000").isCompatible("vminfo-0.1"), "unknown devices get a generic node");
    }

    @Test
    void noInitrdAndNoBootArgsLeaveChosenEmptyOfThem() {
        Node chosen = roundTrip(virt(1, null), 0, 0).node("/chosen");
        assertFalse(chosen.has("bootargs"));
        assertFalse(chosen.has("linux,initrd-start"));
    }
}
