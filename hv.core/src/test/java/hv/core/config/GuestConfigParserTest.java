package hv.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import hv.core.fixture.Dts;
import hv.core.internal.config.GuestConfigParser;
import hv.dt.DeviceTree;

class GuestConfigParserTest {

    private static GuestConfig parse(String dts) {
        return new GuestConfigParser(4).parse(DeviceTree.parseDts(dts, "test.dts"), null, "g", "test.dts", Path.of("/tmp"));
    }

    private static GuestConfigException error(String dts) {
        return assertThrows(GuestConfigException.class, () -> parse(dts));
    }

    private static final String RAM = Dts.ram("mem0", 0x8000_0000L, 0x10_0000, "");

    @Test
    void xvisorVirt64GuestDtParsesWithAllItsRegions() throws Exception {
        Path f = Path.of(getClass().getResource("/guests/virt64-guest.dts").toURI());
        GuestConfig c = new GuestConfigParser(4).parse(DeviceTree.parseDts(f), null, "virt64", f.toString(), f.getParent());
        assertEquals("virt64", c.name());
        assertEquals("virt64", c.model());
        assertEquals(2, c.vcpus().size());
        assertFalse(c.vcpus().get(0).poweroff());
        assertTrue(c.vcpus().get(1).poweroff());
        assertEquals("rv64imafdc", c.vcpus().get(0).isa());
        assertEquals(1024, c.guestIrqCount());
        List<String> names = c.regions().stream().map(RegionConfig::name).toList();
        assertEquals(List.of("nor_flash0", "plic", "uart0", "vminfo", "simplefb", "rtc", "virtio-net0", "virtio-blk0",
                "virtio-con0", "virtio-rpmsg0", "videomem", "shmem", "mem0"), names);
        RegionConfig uart = c.region("uart0").orElseThrow();
        assertEquals(RegionKind.DEVICE, uart.kind());
        assertEquals(0x1000_0000L, uart.gpa());
        assertEquals(List.of("ns16550a"), uart.compatible());
        assertEquals(List.of(10), uart.interrupts());
        assertEquals(1024, uart.node().u32("fifo_size"));
        assertEquals(RegionKind.ALLOCED_ROM, c.region("nor_flash0").orElseThrow().kind());
        assertEquals(RegionKind.SHARED_RAM, c.region("shmem").orElseThrow().kind());
        assertEquals("default", c.region("shmem").orElseThrow().sharedMem());
        assertEquals(24, c.region("videomem").orElseThrow().mapOrder());
        assertEquals(0x8000_0000L, c.region("mem0").orElseThrow().gpa());
        assertEquals(ClockMode.REAL, c.clock().mode());
        assertEquals(10_000_000L, c.clock().timebaseHz());
    }

    @Test
    void vcpuDefaultsAreXvisors() {
        VcpuConfig v = parse(Dts.guest("", Dts.vcpu("vcpu0", 0, ""), RAM)).vcpus().get(0);
        assertEquals(3, v.priority());
        assertEquals(10_000_000L, v.timeSlice());
        assertEquals(100_000_000L, v.deadline());
        assertEquals(1_000_000_000L, v.periodicity());
        assertTrue(v.affinity().isEmpty());
        assertFalse(v.poweroff());
    }

    @Test
    void vcpuTemplateExpandsToVcpuCountVcpus() {
        String dts = "/dts-v1/;\n/ { device_type = \"guest\"; vcpu_count = <3>;\n"
                + " vcpu_template { device_type = \"vcpu\"; compatible = \"x\"; priority = <5>; };\n"
                + " aspace { " + RAM + " }; };";
        GuestConfig c = parse(dts);
        assertEquals(3, c.vcpus().size());
        assertEquals(List.of("vcpu0", "vcpu1", "vcpu2"), c.vcpus().stream().map(VcpuConfig::name).toList());
        assertEquals(2, c.vcpus().get(2).hartId());
        assertEquals(5, c.vcpus().get(1).priority());
    }

    @Test
    void overlappingRegionsAreRefusedNamingBoth() {
        GuestConfigException e = error(Dts.guest("", Dts.vcpu("vcpu0", 0, ""),
                RAM + Dts.ram("mem1", 0x800f_f000L, 0x2000, "")));
        assertEquals("/aspace/mem1", e.path());
        assertEquals("guest_physical_addr", e.property());
        assertTrue(e.getMessage().contains("overlaps /aspace/mem0"), e.getMessage());
    }

    @Test
    void aPriorityAboveSevenIsRefused() {
        GuestConfigException e = error(Dts.guest("", Dts.vcpu("vcpu0", 0, "priority = <8>;"), RAM));
        assertEquals("/vcpus/vcpu0", e.path());
        assertEquals("priority", e.property());
    }

    @Test
    void aDeadlineShorterThanTheTimeSliceIsRefused() {
        GuestConfigException e = error(Dts.guest("", Dts.vcpu("vcpu0", 0, "time_slice = <1000>; deadline = <999>;"), RAM));
        assertEquals("deadline", e.property());
    }

    @Test
    void affinityToAMissingHostCpuIsRefused() {
        GuestConfigException e = error(Dts.guest("", Dts.vcpu("vcpu0", 0, "affinity = <0 4>;"), RAM));
        assertEquals("affinity", e.property());
        assertTrue(e.getMessage().contains("host CPU 4 does not exist"), e.getMessage());
    }

    @Test
    void aRootWithoutDeviceTypeGuestIsRefused() {
        GuestConfigException e = error("/dts-v1/; / { vcpus { }; };");
        assertEquals("/", e.path());
        assertEquals("device_type", e.property());
    }

    @Test
    void aGuestWithoutVcpusIsRefused() {
        GuestConfigException e = error("/dts-v1/; / { device_type = \"guest\"; aspace { }; };");
        assertTrue(e.getMessage().contains("no VCPUs"), e.getMessage());
    }

    @Test
    void aZeroSizedRegionIsRefused() {
        GuestConfigException e = error(Dts.guest("", Dts.vcpu("vcpu0", 0, ""), Dts.ram("mem0", 0x8000_0000L, 0, "")));
        assertEquals("/aspace/mem0", e.path());
        assertEquals("physical_size", e.property());
    }

    @Test
    void aVirtualRegionWithoutCompatibleIsRefused() {
        GuestConfigException e = error(Dts.guest("", Dts.vcpu("vcpu0", 0, ""),
                RAM + Dts.region("dev", "virtual", "serial", 0x1000_0000L, 0x1000, "")));
        assertEquals("compatible", e.property());
    }

    @Test
    void anInterruptBeyondGuestIrqCountIsRefused() {
        GuestConfigException e = error(Dts.guest("", Dts.vcpu("vcpu0", 0, ""),
                RAM + Dts.device("dev", "x", 0x1000_0000L, 0x1000, "interrupts = <32>;")));
        assertEquals("interrupts", e.property());
    }

    @Test
    void aRealRegionWithADeviceTypeIsRefused() {
        GuestConfigException e = error(Dts.guest("", Dts.vcpu("vcpu0", 0, ""),
                Dts.region("m", "real", "serial", 0x1000_0000L, 0x1000, "")));
        assertEquals("device_type", e.property());
    }

    @Test
    void mapOrderRequiresAlignedAddressAndSize() {
        GuestConfigException e = error(Dts.guest("", Dts.vcpu("vcpu0", 0, ""),
                Dts.ram("m", 0x8010_0000L, 0x10_0000, "map_order = <21>;")));
        assertEquals("map_order", e.property());
    }

    @Test
    void anAliasMustPointInsideOneRegion() {
        GuestConfigException e = error(Dts.guest("", Dts.vcpu("vcpu0", 0, ""),
                RAM + Dts.region("a", "alias", "alias", 0x1000, 0x1000, "alias_physical_addr = <0x0 0x70000000>;")));
        assertEquals("alias_physical_addr", e.property());
    }

    @Test
    void sharedRegionsNeedASharedMemoryName() {
        GuestConfigException e = error(Dts.guest("", Dts.vcpu("vcpu0", 0, ""),
                Dts.region("s", "real", "shared_ram", 0x1000, 0x1000, "shared_mem = \"\";")));
        assertEquals("shared_mem", e.property());
    }

    @Test
    void hvPropertiesSetClockImagesOsDtAndBootArgs() {
        GuestConfig c = parse(Dts.guest("hv,clock = \"virtual\"; hv,quantum = <500>; hv,instructions-per-tick = <10>; "
                + "hv,bootargs = \"console=hvc0\"; hv,os-dt = \"os.dtb\"; hv,name = \"named\";",
                Dts.vcpu("vcpu0", 0, ""),
                Dts.ram("mem0", 0x8000_0000L, 0x10_0000, "hv,image = \"fw.bin\"; hv,image-offset = <0x1000>;")));
        assertEquals("named", c.name());
        assertEquals(ClockMode.VIRTUAL, c.clock().mode());
        assertEquals(500, c.clock().quantum());
        assertEquals(10, c.clock().instructionsPerTick());
        assertEquals("console=hvc0", c.bootArgs());
        assertEquals(OsDtConfig.Source.FILE, c.osDt().source());
        assertEquals(Path.of("/tmp/os.dtb"), c.osDt().file());
        assertEquals(1, c.images().size());
        assertEquals(Path.of("/tmp/fw.bin"), c.images().get(0).file());
        assertEquals(0x8000_1000L, c.images().get(0).address());
        assertNull(c.missingEmulator());
    }

    @Test
    void aBadClockModeNamesTheProperty() {
        GuestConfigException e = error(Dts.guest("hv,clock = \"fast\";", Dts.vcpu("vcpu0", 0, ""), RAM));
        assertEquals("hv,clock", e.property());
        assertTrue(e.getMessage().contains("real, virtual"), e.getMessage());
    }
}
