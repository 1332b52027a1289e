package hv.dt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EditingTest {

    /** A guest OS DT as hv's loader would generate it. */
    static DeviceTree guestOsTree() {
        DeviceTree t = DeviceTree.create();
        Node root = t.root()
                .setU32("#address-cells", 2)
                .setU32("#size-cells", 2)
                .setString("compatible", "hv,virt")
                .setString("model", "hv virt64");
        Node chosen = root.addChild("chosen").setString("bootargs", "console=ttyS0");
        Node cpus = root.addChild("cpus").setU32("#address-cells", 1).setU32("#size-cells", 0)
                .setU32("timebase-frequency", 10_000_000);
        Node intc0 = null;
        for (int i = 0; i < 2; i++) {
            Node cpu = cpus.addChild("cpu@" + i).setString("device_type", "cpu").setU32("reg", i)
                    .setString("status", "okay").setString("compatible", "riscv")
                    .setString("riscv,isa", "rv64imafdc").setString("mmu-type", "riscv,sv39");
            Node intc = cpu.addChild("interrupt-controller").setU32("#interrupt-cells", 1)
                    .setEmpty("interrupt-controller").setString("compatible", "riscv,cpu-intc");
            if (i == 0) {
                intc0 = intc;
            }
        }
        root.addChild("memory@80000000").setString("device_type", "memory")
                .setCells("reg", 0, 0x80000000L, 0, 0x6000000);
        Node soc = root.addChild("soc").setU32("#address-cells", 2).setU32("#size-cells", 2)
                .setStrings("compatible", "simple-bus").setEmpty("ranges");
        Node plic = soc.addChild("plic@c000000").setStrings("compatible", "sifive,plic-1.0.0", "riscv,plic0")
                .setCells("reg", 0, 0xc000000, 0, 0x4000000).setEmpty("interrupt-controller")
                .setU32("#interrupt-cells", 1).setU32("riscv,ndev", 31);
        plic.setCells("interrupts-extended", intc0.ensurePhandle(), 11, intc0.ensurePhandle(), 9);
        soc.addChild("serial@10000000").setString("compatible", "ns16550a")
                .setCells("reg", 0, 0x10000000, 0, 0x100).setU32("interrupts", 10)
                .setReference("interrupt-parent", plic).setU32("clock-frequency", 3686400);
        chosen.setString("stdout-path", "/soc/serial@10000000");
        root.addChild("aliases").setString("serial0", "/soc/serial@10000000");
        t.addMemoryReservation(0x80000000L, 0x200000);
        return t;
    }

    static final String GUEST_OS_DTS = """
            /dts-v1/;
            /memreserve/ 0x80000000 0x200000;
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                compatible = "hv,virt";
                model = "hv virt64";
                chosen { bootargs = "console=ttyS0"; stdout-path = "/soc/serial@10000000"; };
                cpus {
                    #address-cells = <1>; #size-cells = <0>; timebase-frequency = <10000000>;
                    cpu@0 { device_type = "cpu"; reg = <0>; status = "okay"; compatible = "riscv";
                        riscv,isa = "rv64imafdc"; mmu-type = "riscv,sv39";
                        intc0: interrupt-controller { #interrupt-cells = <1>; interrupt-controller;
                            compatible = "riscv,cpu-intc"; }; };
                    cpu@1 { device_type = "cpu"; reg = <1>; status = "okay"; compatible = "riscv";
                        riscv,isa = "rv64imafdc"; mmu-type = "riscv,sv39";
                        interrupt-controller { #interrupt-cells = <1>; interrupt-controller;
                            compatible = "riscv,cpu-intc"; }; };
                };
                memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0 0x6000000>; };
                soc {
                    #address-cells = <2>; #size-cells = <2>; compatible = "simple-bus"; ranges;
                    plic: plic@c000000 { compatible = "sifive,plic-1.0.0", "riscv,plic0";
                        reg = <0 0xc000000 0 0x4000000>; interrupt-controller; #interrupt-cells = <1>;
                        riscv,ndev = <31>; interrupts-extended = <&intc0 11 &intc0 9>; };
                    serial@10000000 { compatible = "ns16550a"; reg = <0 0x10000000 0 0x100>;
                        interrupts = <10>; interrupt-parent = <&plic>; clock-frequency = <3686400>; };
                };
                aliases { serial0 = "/soc/serial@10000000"; };
            };
            """;

    @Test
    void a_tree_built_in_code_is_byte_identical_to_the_same_tree_from_source() {
        byte[] built = guestOsTree().toDtb();
        assertArrayEquals(Samples.dts(GUEST_OS_DTS).toDtb(), built);
        Dtc.assumeDtc();
        assertArrayEquals(Dtc.dtbOfText(GUEST_OS_DTS), built);
    }

    @Test
    void setting_a_property_again_replaces_it_in_place() {
        Node n = DeviceTree.create().root().setU32("a", 1).setU32("b", 2).setU32("c", 3);
        n.setString("b", "two");
        assertEquals(List.of("a", "b", "c"), n.properties().stream().map(Property::name).toList());
        assertEquals("two", n.string("b"));
        n.setU64("a", 0x1_0000_0002L).setBytes("c", new byte[] {1, 2}).setEmpty("d");
        assertEquals(0x1_0000_0002L, n.u64("a"));
        assertArrayEquals(new byte[] {1, 2}, n.bytes("c"));
        assertTrue(n.requiredProperty("d").isEmpty());
        assertEquals("""
                / {
                	a = <0x01 0x02>;
                	b = "two";
                	c = [01 02];
                	d;
                };
                """, n.toDts());
    }

    @Test
    void cells_must_fit_in_32_bits() {
        Node n = DeviceTree.create().root();
        n.setCells("ok", -1, 0xffffffffL, Integer.MIN_VALUE);
        assertArrayEquals(new int[] {-1, -1, Integer.MIN_VALUE}, n.cells("ok"));
        DtException e = assertThrows(DtException.class, () -> n.setCells("big", 1, 0x1_0000_0000L));
        assertEquals("/: property 'big': cell value 0x100000000 does not fit in 32 bits", e.getMessage());
        assertFalse(n.has("big"));
    }

    @Test
    void names_and_strings_are_checked() {
        Node n = DeviceTree.create().root();
        DtException bad = assertThrows(DtException.class, () -> n.setU32("has space", 1));
        assertEquals("/: property 'has space': bad property name: character ' ' not allowed in a name",
                bad.getMessage());
        assertThrows(DtException.class, () -> n.addChild("a/b"));
        assertThrows(DtException.class, () -> n.addChild(""));
        assertThrows(DtException.class, () -> n.setString("s", "nul\0inside"));
        assertThrows(DtException.class, () -> n.addLabel("1abc"));
        n.addChild("x");
        DtException dup = assertThrows(DtException.class, () -> n.addChild("x"));
        assertEquals("/: child node 'x' already exists", dup.getMessage());
        assertEquals("x", n.getOrAddChild("x").name());
    }

    @Test
    void properties_and_nodes_are_removed() {
        DeviceTree t = Samples.parse("qemu-virt.dts");
        Node soc = t.node("/soc");
        assertTrue(soc.removeProperty("ranges"));
        assertFalse(soc.removeProperty("ranges"));
        assertTrue(soc.removeChild("clint@2000000"));
        assertFalse(soc.removeChild("clint@2000000"));
        Node uart = t.node("/soc/serial@10000000");
        uart.remove();
        assertTrue(t.findNode("/soc/serial@10000000").isEmpty());
        assertTrue(uart.parent().isEmpty());
        assertThrows(DtException.class, uart::tree);
        assertThrows(DtException.class, () -> t.root().remove());
        assertEquals(List.of(), t.findCompatible("ns16550a"));
    }

    @Test
    void a_subtree_is_copied_from_another_tree() {
        DeviceTree host = Samples.parse("qemu-virt.dts");
        DeviceTree guest = DeviceTree.create();
        Node soc = guest.root().addChild("soc");
        Node uart = soc.addCopy(host.node("/soc/serial@10000000"));
        assertEquals("/soc/serial@10000000", uart.path());
        assertEquals(List.of("uart0"), uart.labels());
        assertEquals("ns16550a", uart.string("compatible"));
        uart.setU32("interrupts", 99);
        assertEquals(10, host.node("/soc/serial@10000000").u32("interrupts"), "the source is untouched");
        Node again = soc.addCopy(host.node("/soc/serial@10000000"), "serial@20000000");
        assertEquals(List.of(), again.labels(), "a label already used in the target tree is dropped");
        Node cpu = guest.root().addCopy(host.node("/cpus"));
        assertEquals(1, cpu.child("cpu@0").phandle().orElseThrow());
        DtException clash = assertThrows(DtException.class, () -> guest.root().addCopy(host.node("/cpus"), "cpus2"));
        assertEquals("/cpus/cpu@0: cannot copy: phandle 0x1 is already used by /cpus/cpu@0 in the target tree",
                clash.getMessage());
    }

    @Test
    void a_subtree_is_copied_within_its_own_tree_even_into_itself() {
        DeviceTree t = Samples.dts("/dts-v1/; / { a { b { x = <1>; }; }; };");
        Node a = t.node("/a");
        Node copy = t.node("/a/b").addCopy(a);
        assertEquals("/a/b/a/b", copy.child("b").path());
        assertEquals(1, t.node("/a/b/a/b").u32("x"));
    }

    @Test
    void phandles_are_allocated_lowest_free_first_and_references_use_them() {
        DeviceTree t = Samples.dts("/dts-v1/; / { a { phandle = <1>; }; b { }; c { phandle = <3>; }; d { }; };");
        assertEquals(1, t.node("/a").ensurePhandle());
        assertEquals(2, t.node("/b").ensurePhandle());
        assertEquals(4, t.node("/d").ensurePhandle());
        Node user = t.root().addChild("user").setReference("link", t.node("/d"));
        assertEquals(4, user.u32("link"));
        assertEquals("/d", user.ref("link").path());
        DeviceTree other = DeviceTree.create();
        assertThrows(DtException.class, () -> other.root().setReference("x", t.node("/a")));
    }

    @Test
    void labels_are_unique_in_a_tree() {
        DeviceTree t = Samples.dts("/dts-v1/; / { l1: a { }; b { }; };");
        t.node("/b").addLabel("l2").addLabel("l2");
        assertEquals(List.of("l2"), t.node("/b").labels());
        assertEquals("/b", t.label("l2").orElseThrow().path());
        DtException e = assertThrows(DtException.class, () -> t.node("/b").addLabel("l1"));
        assertEquals("/b: label 'l1' is already used in the tree", e.getMessage());
    }

    @Test
    void a_property_is_copied_between_nodes() {
        DeviceTree t = Samples.parse("qemu-virt.dts");
        Node n = DeviceTree.create().root();
        n.setProperty(t.node("/soc/plic@c000000").requiredProperty("compatible"));
        assertEquals(List.of("sifive,plic-1.0.0", "riscv,plic0"), n.strings("compatible"));
        assertEquals("compatible = \"sifive,plic-1.0.0\", \"riscv,plic0\";", n.requiredProperty("compatible").toDts());
    }

    @Test
    void a_copied_tree_is_independent_and_keeps_header_fields() {
        DeviceTree t = Samples.parse("syntax.dts");
        t.setBootCpuId(7);
        DeviceTree c = t.copy();
        c.node("/strings").setString("one", "changed");
        c.addMemoryReservation(1, 2);
        assertEquals("one", t.node("/strings").string("one"));
        assertEquals(2, t.memoryReservations().size());
        assertEquals(3, c.memoryReservations().size());
        assertEquals(7, c.bootCpuId());
        c.clearMemoryReservations();
        assertEquals(List.of(), c.memoryReservations());
        assertEquals(7, DeviceTree.readDtb(t.toDtb()).bootCpuId());
    }

    @Test
    void nesting_deeper_than_the_limit_is_refused() {
        Node n = DeviceTree.create().root();
        for (int i = 0; i < 64; i++) {
            n = n.addChild("n");
        }
        Node deepest = n;
        DtException e = assertThrows(DtException.class, () -> deepest.addChild("n"));
        assertTrue(e.getMessage().endsWith("nodes nest deeper than 64 levels"), e.getMessage());
    }
}
