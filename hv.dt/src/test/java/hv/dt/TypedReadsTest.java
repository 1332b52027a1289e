package hv.dt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TypedReadsTest {
    private final DeviceTree guest = Samples.parse("xvisor-virt64-guest.dts");
    private final Node vcpu0 = guest.node("/vcpus/vcpu0");
    private final Node vcpu1 = guest.node("/vcpus/vcpu1");

    @Test
    void a_u32_is_read_with_or_without_a_default() {
        assertEquals(5, vcpu0.u32("priority"));
        assertEquals(5, vcpu0.u32("priority", 3));
        assertEquals(3, vcpu1.u32("priority", 3));
        assertEquals(OptionalInt.of(5), vcpu0.optU32("priority"));
        assertEquals(OptionalInt.empty(), vcpu1.optU32("priority"));
        assertEquals(100_000_000, vcpu0.u32("deadline"));
    }

    @Test
    void a_missing_required_property_names_node_and_property() {
        DtException e = assertThrows(DtException.class, () -> vcpu1.u32("priority"));
        assertEquals("/vcpus/vcpu1: property 'priority': required property is missing", e.getMessage());
        assertEquals("/vcpus/vcpu1", e.nodePath());
        assertEquals("priority", e.propertyName());
        assertEquals("required property is missing", e.detail());
    }

    @Test
    void a_value_of_the_wrong_size_says_what_was_expected_and_found() {
        DtException e = assertThrows(DtException.class, () -> vcpu0.u32("start_pc"));
        assertEquals("/vcpus/vcpu0: property 'start_pc': expected a u32 (4 bytes), found 8 bytes", e.getMessage());
        DtException d = assertThrows(DtException.class, () -> vcpu0.u32("affinity", 0));
        assertTrue(d.getMessage().endsWith("expected a u32 (4 bytes), found 8 bytes"), d.getMessage());
        DtException s = assertThrows(DtException.class, () -> vcpu0.u64("priority"));
        assertEquals("/vcpus/vcpu0: property 'priority': expected a u64 (8 bytes, two cells), found 4 bytes",
                s.getMessage());
        DtException str = assertThrows(DtException.class, () -> vcpu0.string("priority"));
        assertTrue(str.getMessage().contains("expected a NUL-terminated string"), str.getMessage());
    }

    @Test
    void sixty_four_bit_values_and_numbers_of_one_or_two_cells() {
        Node ram = guest.node("/aspace/mem1");
        assertEquals(0x80000000L, ram.u64("guest_physical_addr"));
        assertEquals(0x80000000L, ram.number("guest_physical_addr"));
        assertEquals(21, ram.number("align_order"));
        assertEquals(7, ram.number("missing", 7));
        assertEquals(OptionalLong.of(0x06000000L), ram.optU64("physical_size"));
        assertEquals(OptionalLong.empty(), ram.optNumber("missing"));
        assertEquals(9L, ram.u64("missing", 9L));
        DtException e = assertThrows(DtException.class, () -> guest.node("/vcpus/vcpu0").number("riscv,isa"));
        assertTrue(e.getMessage().contains("expected a number of one or two cells (4 or 8 bytes), found 13 bytes"),
                e.getMessage());
    }

    @Test
    void cell_arrays_strings_and_bytes() {
        assertArrayEquals(new int[] {0, 1}, vcpu0.cells("affinity"));
        assertArrayEquals(new long[] {0x80000000L}, guest.node("/aspace/mem1").u64s("guest_physical_addr"));
        assertTrue(vcpu1.optCells("affinity").isEmpty());
        assertEquals("rv64imafdcsu", vcpu0.string("riscv,isa"));
        assertEquals("little", guest.root().string("endianness"));
        assertEquals("big", vcpu0.string("endianness", "big"));
        assertEquals(Optional.empty(), vcpu0.optString("endianness"));
        DeviceTree virt = Samples.parse("qemu-virt.dts");
        assertEquals(List.of("sifive,plic-1.0.0", "riscv,plic0"), virt.node("/soc/plic@c000000").strings("compatible"));
        assertEquals(List.of(), virt.node("/soc/plic@c000000").strings("interrupt-controller"));
        assertArrayEquals(new byte[] {0x0b, 0x2c, 0x4e, (byte) 0x91, (byte) 0xaa, 1, 0, (byte) 0xff},
                virt.node("/chosen").bytes("rng-seed"));
        assertTrue(virt.node("/chosen").optStrings("missing").isEmpty());
        DtException list = assertThrows(DtException.class, () -> virt.node("/soc/plic@c000000").string("compatible"));
        assertEquals("/soc/plic@c000000: property 'compatible': expected one string, found a list of 2 strings",
                list.getMessage());
    }

    @Test
    void flags_are_present_or_absent() {
        assertTrue(vcpu1.has("poweroff"));
        assertFalse(vcpu0.has("poweroff"));
        assertTrue(vcpu1.requiredProperty("poweroff").isEmpty());
    }

    @Test
    void reg_is_decoded_with_the_parent_cell_counts() {
        DeviceTree virt = Samples.parse("qemu-virt.dts");
        assertEquals(List.of(new Reg(0x80000000L, 0x8000000L)), virt.node("/memory@80000000").reg());
        assertEquals(List.of(new Reg(0x20000000L, 0x2000000L), new Reg(0x22000000L, 0x2000000L)),
                virt.node("/flash@20000000").reg());
        assertEquals(List.of(new Reg(1, 0)), virt.node("/cpus/cpu@1").reg());
        assertEquals(List.of(), virt.node("/cpus").reg());
        assertEquals(2, virt.root().addressCells());
        assertEquals(0, virt.node("/cpus").sizeCells());
        assertEquals(1, Samples.dts("/dts-v1/; / { };").root().sizeCells());
    }

    @Test
    void a_reg_of_the_wrong_length_names_the_cell_counts() {
        DeviceTree t = Samples.dts("/dts-v1/; / { #address-cells = <2>; #size-cells = <2>; dev { reg = <1 2 3>; }; };");
        DtException e = assertThrows(DtException.class, () -> t.node("/dev").reg());
        assertEquals("/dev: property 'reg': length 12 is not a multiple of 16 bytes "
                + "(#address-cells = 2, #size-cells = 2 in /)", e.getMessage());
    }

    @Test
    void ranges_are_decoded_with_child_and_parent_cell_counts() {
        DeviceTree virt = Samples.parse("qemu-virt.dts");
        assertEquals(List.of(new Range(0, 0x4000000L, 0x2000000L)), virt.node("/platform-bus@4000000").ranges());
        assertEquals(List.of(), virt.node("/soc").ranges());
        DtException e = assertThrows(DtException.class, () -> virt.node("/soc/pci@30000000").ranges());
        assertTrue(e.getMessage().startsWith("/soc/pci@30000000: property 'ranges': #address-cells = 3 in "
                + "/soc/pci@30000000: only 0, 1 or 2 cells"), e.getMessage());
    }

    @Test
    void properties_read_the_same_as_through_their_node() {
        Property p = vcpu0.requiredProperty("affinity");
        assertEquals("affinity", p.name());
        assertEquals(8, p.length());
        assertArrayEquals(new int[] {0, 1}, p.cells());
        assertEquals(1L, p.u64());
        assertEquals(1L, p.number());
        assertArrayEquals(new long[] {1}, p.u64s());
        byte[] copy = p.bytes();
        copy[7] = 9;
        assertEquals(1, vcpu0.cells("affinity")[1], "bytes() is a copy");
        assertEquals("affinity = <0x00 0x01>;", p.toDts());
    }
}
