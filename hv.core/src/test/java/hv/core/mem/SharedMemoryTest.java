package hv.core.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import hv.core.config.GuestConfigException;
import hv.core.fixture.Dts;
import hv.core.fixture.TestKernel;
import hv.core.guest.Guest;

class SharedMemoryTest {

    private final TestKernel k = new TestKernel(1);

    @AfterEach
    void close() {
        k.close();
    }

    private static String guestWithShm(String name) {
        return Dts.guest("", Dts.vcpu("vcpu0", Dts.RAM, ""), Dts.ram("mem0", Dts.RAM, 0x10000, "")
                + Dts.region("shm", "real", "shared_ram", 0x5800_0000L, 0x10000, "shared_mem = \"" + name + "\";"));
    }

    @Test
    void twoGuestsSeeTheSameSharedBytes() {
        k.kernel.sharedMemory().create("default", 0x10000, 21);
        Guest a = k.create(guestWithShm("default"), "a");
        Guest b = k.create(guestWithShm("default"), "b");
        a.memory().write64(0x5800_0100L, 0x1234_5678_9abc_def0L);
        assertEquals(0x1234_5678_9abc_def0L, b.memory().read64(0x5800_0100L));
        assertEquals(0x1234_5678_9abc_def0L, k.kernel.sharedMemory().access("default").read64(0x100));
        assertEquals(List.of("a", "b"), k.kernel.sharedMemory().find("default").orElseThrow().users());
    }

    @Test
    void sharedMemoryInUseCannotBeDestroyedUntilItsGuestsAre() {
        k.kernel.sharedMemory().create("s", 0x10000, 12);
        Guest a = k.create(guestWithShm("s"), "a");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.kernel.sharedMemory().destroy("s"));
        assertTrue(e.getMessage().contains("[a]"), e.getMessage());
        a.destroy();
        assertTrue(k.kernel.sharedMemory().destroy("s"));
        assertFalse(k.kernel.sharedMemory().find("s").isPresent());
    }

    @Test
    void aGuestNamingMissingSharedMemoryIsRefused() {
        GuestConfigException e = assertThrows(GuestConfigException.class, () -> k.create(guestWithShm("nope"), "a"));
        assertEquals("/aspace/shm", e.path());
        assertEquals("shared_mem", e.property());
    }

    @Test
    void aRegionLargerThanItsSharedMemoryIsRefused() {
        k.kernel.sharedMemory().create("small", 0x1000, 12);
        GuestConfigException e = assertThrows(GuestConfigException.class, () -> k.create(guestWithShm("small"), "a"));
        assertEquals("physical_size", e.property());
    }

    @Test
    void sharedMemoryCountsAgainstTheHostMemoryLimit() {
        long free = k.kernel.hostMemory().limit() - k.kernel.hostMemory().used();
        assertThrows(IllegalStateException.class, () -> k.kernel.sharedMemory().create("big", free + 1, 12));
        k.kernel.sharedMemory().create("fits", 4096, 12);
        assertEquals(4096, k.kernel.hostMemory().used());
        k.kernel.sharedMemory().destroy("fits");
        assertEquals(0, k.kernel.hostMemory().used());
    }

    @Test
    void guestMemoryOverTheLimitIsRefusedAndNothingLeaks() {
        String dts = Dts.guest("", Dts.vcpu("vcpu0", Dts.RAM, ""), Dts.ram("mem0", Dts.RAM, 0x10000, "")
                + Dts.ram("big", 0x1_0000_0000L, 0x4000_0000L, ""));
        GuestConfigException e = assertThrows(GuestConfigException.class, () -> k.create(dts, "a"));
        assertEquals("/aspace/big", e.path());
        assertTrue(e.getMessage().contains("host memory"), e.getMessage());
        assertEquals(0, k.kernel.hostMemory().used());
        assertTrue(k.kernel.guests().list().isEmpty());
    }

    @Test
    void ramAtTheSameHostPhysicalAddressIsShared() {
        String dts = Dts.guest("", Dts.vcpu("vcpu0", Dts.RAM, ""), Dts.region("m", "real", "ram", Dts.RAM, 0x2000,
                "host_physical_addr = <0x1 0x0>;"));
        Guest a = k.create(dts, "a");
        Guest b = k.create(dts, "b");
        a.memory().write32(Dts.RAM + 8, 99);
        assertEquals(99, b.memory().read32(Dts.RAM + 8));
        assertEquals(0x2000, k.kernel.hostMemory().used());
        a.destroy();
        b.destroy();
        assertEquals(0, k.kernel.hostMemory().used());
    }
}
