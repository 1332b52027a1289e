package hv.dt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LookupTest {
    private final DeviceTree virt = Samples.parse("qemu-virt.dts");

    @Test
    void nodes_are_found_by_absolute_path() {
        Node uart = virt.node("/soc/serial@10000000");
        assertEquals("serial@10000000", uart.name());
        assertEquals("serial", uart.baseName());
        assertEquals("10000000", uart.unitAddress().orElseThrow());
        assertEquals("/soc/serial@10000000", uart.path());
        assertEquals("/soc", uart.parent().orElseThrow().path());
        assertTrue(virt.root().isRoot());
        assertEquals("/", virt.root().path());
        assertEquals("", virt.root().name());
        assertSame(virt.root(), virt.node("/"));
    }

    @Test
    void a_path_component_without_unit_address_matches_the_first_node_of_that_name() {
        assertEquals("/soc/virtio_mmio@10008000", virt.node("/soc/virtio_mmio").path());
        assertEquals("/cpus/cpu@0", virt.node("/cpus/cpu").path());
        assertEquals("/memory@80000000", virt.root().child("memory").path());
    }

    @Test
    void an_alias_starts_a_path() {
        assertEquals("/soc/serial@10000000", virt.alias("serial0").orElseThrow().path());
        assertEquals("/soc/rtc@101000", virt.node("rtc0").path());
        assertTrue(virt.alias("nope").isEmpty());
        assertTrue(virt.findNode("serial0/child").isEmpty());
        DeviceTree t = Samples.dts("/dts-v1/; / { aliases { c = &c; }; c: cpus { cpu@0 { }; }; };");
        assertEquals("/cpus/cpu@0", t.node("c/cpu@0").path());
    }

    @Test
    void labels_from_the_source_find_their_nodes() {
        assertEquals("/soc/plic@c000000", virt.label("plic").orElseThrow().path());
        assertEquals(List.of("uart0"), virt.node("/soc/serial@10000000").labels());
        assertTrue(virt.label("missing").isEmpty());
    }

    @Test
    void phandles_find_their_nodes_and_references_follow_them() {
        Node plic = virt.label("plic").orElseThrow();
        int phandle = plic.phandle().orElseThrow();
        assertSame(plic, virt.phandle(phandle).orElseThrow());
        assertSame(plic, virt.node("/soc/serial@10000000").ref("interrupt-parent"));
        assertEquals(1, virt.node("/cpus/cpu@0").phandle().orElseThrow());
        assertTrue(virt.node("/soc/serial@10000000").optRef("missing").isEmpty());
        assertTrue(virt.phandle(0x7777).isEmpty());
    }

    @Test
    void compatible_nodes_are_listed_in_tree_order() {
        List<String> virtio = virt.findCompatible("virtio,mmio").stream().map(Node::path).toList();
        assertEquals(List.of("/soc/virtio_mmio@10008000", "/soc/virtio_mmio@10001000"), virtio);
        assertEquals("/soc/serial@10000000", virt.findCompatible("ns16550a").get(0).path());
        assertTrue(virt.node("/soc/test@100000").isCompatible("syscon"));
        assertFalse(virt.node("/soc").isCompatible("ns16550a"));
        assertTrue(virt.findCompatible("nothing").isEmpty());
    }

    @Test
    void children_are_in_source_order_and_looked_up_by_name() {
        Node cpus = virt.node("/cpus");
        assertEquals(List.of("cpu@0", "cpu@1", "cpu-map"), cpus.children().stream().map(Node::name).toList());
        assertEquals("/cpus/cpu-map/cluster0/core1", cpus.find("cpu-map/cluster0/core1").orElseThrow().path());
        assertTrue(cpus.optChild("gpu").isEmpty());
        assertEquals(virt.nodes().count(), virt.findAll(n -> true).size());
        assertEquals("/", virt.nodes().findFirst().orElseThrow().path());
    }

    @Test
    void a_missing_node_is_a_DtException_that_names_what_was_looked_for() {
        DtException e = assertThrows(DtException.class, () -> virt.node("/soc/gpu@0"));
        assertEquals("/soc/gpu@0: no such node in the device tree", e.getMessage());
        DtException c = assertThrows(DtException.class, () -> virt.node("/cpus").child("vcpus"));
        assertEquals("/cpus: required child node 'vcpus' is missing", c.getMessage());
        assertEquals("/cpus", c.nodePath());
    }

    @Test
    void the_boot_cpu_and_memory_reservations_come_from_the_source() {
        DeviceTree t = Samples.parse("syntax.dts");
        assertEquals(List.of(new MemoryReservation(0x80000000L, 0x200000), new MemoryReservation(1L << 32, 0x1000)),
                t.memoryReservations());
        DeviceTree cpus = Samples.dts("/dts-v1/; / { cpus { cpu@3 { reg = <3>; }; cpu@0 { reg = <0>; }; }; };");
        assertEquals(3, cpus.bootCpuId());
        assertEquals(0, virt.bootCpuId());
    }

    @Test
    void read_tells_a_blob_from_a_source_by_its_magic(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path blob = dir.resolve("virt.anything");
        java.nio.file.Files.write(blob, virt.toDtb());
        org.junit.jupiter.api.Assertions.assertArrayEquals(virt.toDtb(), DeviceTree.read(blob).toDtb());
        org.junit.jupiter.api.Assertions.assertArrayEquals(virt.toDtb(),
                DeviceTree.read(Samples.path("qemu-virt.dts")).toDtb());
    }

    private static void assertSame(Node expected, Node actual) {
        assertTrue(expected == actual, () -> "expected " + expected.path() + " but got " + actual.path());
    }
}
