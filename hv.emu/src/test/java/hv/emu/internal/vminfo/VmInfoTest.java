package hv.emu.internal.vminfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import hv.core.state.SavedState;
import hv.core.state.StateException;
import hv.dt.DeviceTree;
import hv.dt.Node;
import hv.emu.internal.DeviceProps;
import hv.emu.testing.FakeContext;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class VmInfoTest {

    static final String GUEST = """
            /dts-v1/;
            / {
                device_type = "guest";
                hv,timebase-frequency = <1000000>;
                aspace {
                    guest_irq_count = <32>;
                    flash {
                        manifest_type = "real"; address_type = "memory"; device_type = "alloced_rom";
                        guest_physical_addr = <0x0 0x0>; physical_size = <0x0 0x1000000>;
                    };
                    mem1 {
                        manifest_type = "real"; address_type = "memory"; device_type = "ram";
                        guest_physical_addr = <0x1 0x0>; physical_size = <0x0 0x10000000>;
                        host_physical_addr = <0x0 0x0>;
                    };
                    mem0 {
                        manifest_type = "real"; address_type = "memory"; device_type = "alloced_ram";
                        guest_physical_addr = <0x0 0x80000000>; physical_size = <0x0 0x8000000>;
                    };
                    shmem {
                        manifest_type = "real"; address_type = "memory"; device_type = "shared_ram";
                        guest_physical_addr = <0x0 0x58000000>; physical_size = <0x0 0x1000000>;
                        shared_mem = "shm0";
                    };
                    vminfo {
                        manifest_type = "virtual"; address_type = "memory"; device_type = "sys";
                        compatible = "vminfo-0.1";
                        guest_physical_addr = <0x0 0x10001000>; physical_size = <0x0 0x1000>;
                        boot_delay = <0x1000>;
                    };
                };
            };
            """;

    static FakeContext contextFor(Node node, int harts) {
        return new FakeContext(FakeContext.region("vminfo", 0x1000_1000L, 0x1000, node), harts, 32);
    }

    static VmInfo fromGuestDt(int harts) {
        Node node = DeviceTree.parseDts(GUEST, "guest.dts").root().find("aspace/vminfo").orElseThrow();
        FakeContext ctx = contextFor(node, harts);
        return (VmInfo) new VmInfoFactory().create(ctx);
    }

    static long r(VmInfo v, long off) {
        return v.read(off, 4);
    }

    @Test
    void the_identification_registers_hold_xvisors_values() {
        VmInfo v = fromGuestDt(4);
        assertEquals(0xa4a297a6L, r(v, 0x00));
        assertEquals(0x52535658L, r(v, 0x04));
        assertEquals(1, r(v, 0x08));
        assertEquals(4, r(v, 0x0c), "one per hart");
        assertEquals(0x1000, r(v, 0x10), "boot_delay");
        assertEquals(0, r(v, 0x14));
    }

    @Test
    void frequencies_follow_the_guest_timebase() {
        VmInfo v = fromGuestDt(1);
        assertEquals(0, r(v, 0x18));
        assertEquals(1_000_000, r(v, 0x1c));
        assertEquals(0, r(v, 0x20));
        assertEquals(1_000_000, r(v, 0x24));
    }

    @Test
    void without_a_dt_the_timebase_is_10_mhz_and_there_is_no_ram() {
        VmInfo v = VmInfoFactory.create(contextFor(null, 2), DeviceProps.none());
        assertEquals(10_000_000, r(v, 0x1c));
        assertEquals(10_000_000, r(v, 0x24));
        for (long off = 0x40; off < 0x80; off += 4) {
            assertEquals(0, r(v, off));
        }
    }

    @Test
    void ram_banks_are_the_guests_ram_regions_in_address_order() {
        VmInfo v = fromGuestDt(1);
        assertEquals(0, r(v, 0x40));
        assertEquals(0x8000_0000L, r(v, 0x44));
        assertEquals(0, r(v, 0x48));
        assertEquals(0x800_0000, r(v, 0x4c));
        assertEquals(1, r(v, 0x50), "RAM1 base high");
        assertEquals(0, r(v, 0x54));
        assertEquals(0x1000_0000, r(v, 0x5c));
        for (long off = 0x60; off < 0x80; off += 4) {
            assertEquals(0, r(v, off), "no RAM2/RAM3: ROM and shared memory are not RAM banks");
        }
    }

    @Test
    void ram_properties_on_the_node_override_the_aspace() {
        VmInfo v = VmInfoFactory.create(contextFor(null, 1),
                DeviceProps.of(Map.of("ram0_base", 0x4000_0000L, "ram0_size", 0x1_0000_0000L)));
        assertEquals(0x4000_0000L, r(v, 0x44));
        assertEquals(1, r(v, 0x48));
        assertEquals(0, r(v, 0x4c));
    }

    @Test
    void a_ram0_base_without_a_size_names_the_ram_region_holding_it_as_in_xvisor() {
        // Xvisor's virt64 guest gives vminfo only ram0_base; RAM0 then runs to the end of mem0,
        // whatever other RAM regions lie below it (regression: the lowest RAM region was RAM0).
        Node node = DeviceTree.parseDts(GUEST.replace("boot_delay = <0x1000>;",
                "boot_delay = <0x1000>; ram0_base = <0x0 0x80100000>;"), "guest.dts").root().find("aspace/vminfo").orElseThrow();
        VmInfo v = (VmInfo) new VmInfoFactory().create(contextFor(node, 1));
        assertEquals(0, r(v, 0x40));
        assertEquals(0x8010_0000L, r(v, 0x44));
        assertEquals(0, r(v, 0x48));
        assertEquals(0x8000000L - 0x100000L, r(v, 0x4c));
        assertEquals(0, r(v, 0x54), "no RAM1 when only ram0_base is given");
    }

    @Test
    void narrow_and_wide_aligned_reads_return_the_covered_bytes() {
        VmInfo v = fromGuestDt(1);
        assertEquals(0xa6, v.read(0, 1));
        assertEquals(0xa4a2, v.read(2, 2));
        assertEquals(0x52535658_a4a297a6L, v.read(0, 8));
        assertEquals(0, v.read(1, 2), "misaligned");
        assertEquals(0, v.read(0x200, 4), "nothing there");
        assertEquals(2, v.unhandledAccesses());
    }

    @Test
    void writes_change_nothing() {
        VmInfo v = fromGuestDt(3);
        v.write(0x0c, 4, 99);
        v.write(0x00, 8, -1);
        assertEquals(3, r(v, 0x0c));
        assertEquals(0xa4a297a6L, r(v, 0x00));
        assertEquals(2, v.unhandledAccesses());
    }

    @Test
    void more_than_four_banks_show_the_first_four() {
        VmInfo v = new VmInfo(1, 0, 1, 1, List.of(new VmInfo.RamBank(1, 1), new VmInfo.RamBank(2, 2),
                new VmInfo.RamBank(3, 3), new VmInfo.RamBank(4, 4), new VmInfo.RamBank(5, 5)),
                new hv.emu.internal.AccessLog(org.slf4j.helpers.NOPLogger.NOP_LOGGER, "t"));
        assertEquals(4, r(v, 0x74));
        assertEquals(0, r(v, 0x84));
    }

    @Test
    void save_and_restore_into_a_fresh_instance_behave_identically() {
        VmInfo v = fromGuestDt(4);
        v.write(0, 4, 1);
        SavedState saved = SavedState.fromBytes(v.save().toBytes());
        VmInfo fresh = VmInfoFactory.create(contextFor(null, 1), DeviceProps.none());
        fresh.restore(saved);
        for (long off = 0; off < 0x100; off += 4) {
            assertEquals(r(v, off), r(fresh, off), "offset 0x" + Long.toHexString(off));
        }
        assertEquals(v.unhandledAccesses(), fresh.unhandledAccesses());
        assertThrows(StateException.class, () -> fresh.restore(new SavedState("hv.emu.plic", 1)));
        assertThrows(StateException.class, () -> fresh.restore(new SavedState(VmInfo.STATE_TYPE, 7)));
    }

    @Test
    void hostile_accesses_never_throw_and_never_change_a_register() {
        VmInfo v = fromGuestDt(2);
        long[] before = new long[0x80 / 4];
        for (int k = 0; k < before.length; k++) {
            before[k] = r(v, 4L * k);
        }
        Random rnd = new Random(0xA4A2);
        int[] widths = {1, 2, 3, 4, 8};
        for (int k = 0; k < 20_000; k++) {
            long off = rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(0x1000);
            int w = widths[rnd.nextInt(widths.length)];
            if (rnd.nextBoolean()) {
                v.write(off, w, rnd.nextLong());
            } else {
                v.read(off, w);
            }
        }
        for (int k = 0; k < before.length; k++) {
            assertEquals(before[k], r(v, 4L * k));
        }
        assertEquals(0, v.internalErrors());
    }
}
