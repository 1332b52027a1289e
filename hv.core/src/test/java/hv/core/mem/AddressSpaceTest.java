package hv.core.mem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import hv.core.config.RegionConfig;
import hv.core.config.RegionKind;
import hv.core.internal.mem.AddressSpace;
import hv.core.internal.mem.AliasRegion;
import hv.core.internal.mem.Backing;
import hv.core.internal.mem.DeviceBackend;
import hv.core.internal.mem.DeviceRegion;
import hv.core.internal.mem.RamRegion;
import hv.core.internal.mem.Region;

class AddressSpaceTest {

    private static RegionConfig cfg(String name, RegionKind kind, long gpa, long size) {
        return new RegionConfig(name, "/aspace/" + name, kind, false, "x", gpa, size, -1, -1, 12, 12, List.of("d"),
                List.of(), null, null, null);
    }

    private static RamRegion ram(String name, long gpa, long size, boolean ro) {
        return new RamRegion(name, gpa, size, Backing.allocate(size), 0, ro, cfg(name, RegionKind.ALLOCED_RAM, gpa, size));
    }

    /** A device that records the offsets it sees and answers offset * 2. */
    private static final class Probe implements DeviceBackend {
        long lastOffset = -1;
        long lastValue;

        @Override
        public long read(long offset, int size, long gpa) {
            lastOffset = offset;
            return offset * 2;
        }

        @Override
        public void write(long offset, int size, long value, long gpa) {
            lastOffset = offset;
            lastValue = value;
        }
    }

    @Test
    void ramReadsAndWritesAreLittleEndian() {
        AddressSpace s = new AddressSpace(List.of(ram("m", 0x1000, 0x1000, false)));
        s.write(0x1000, 8, 0x0102030405060708L);
        assertEquals(0x08, s.read(0x1000, 1));
        assertEquals(0x0708, s.read(0x1000, 2));
        assertEquals(0x05060708L, s.read(0x1000, 4));
        assertEquals(0x0102030405060708L, s.read(0x1000, 8));
        assertEquals(0x0102030405060708L, s.memory().read64(0x1000));
    }

    @Test
    void anUnmappedAccessFaults() {
        AddressSpace s = new AddressSpace(List.of(ram("m", 0x1000, 0x1000, false)));
        BusFault f = assertThrows(BusFault.class, () -> s.read(0x3000, 4));
        assertEquals(BusFault.Kind.UNMAPPED, f.kind());
        assertEquals(0x3000, f.address());
        assertThrows(BusFault.class, () -> s.write(0xfff, 1, 0));
        assertThrows(BusFault.class, () -> s.read(-8, 8));
    }

    @Test
    void anAccessCrossingTheEndOfRamIntoNothingFaults() {
        AddressSpace s = new AddressSpace(List.of(ram("m", 0x1000, 0x1000, false)));
        assertEquals(BusFault.Kind.UNMAPPED, assertThrows(BusFault.class, () -> s.read(0x1ffc, 8)).kind());
    }

    @Test
    void anAccessSpanningTwoAdjacentRamRegionsWorks() {
        AddressSpace s = new AddressSpace(List.of(ram("a", 0x1000, 0x1000, false), ram("b", 0x2000, 0x1000, false)));
        s.write(0x1ffc, 8, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, s.read(0x1ffc, 8));
        assertEquals(0x11223344L, s.read(0x2000, 4));
    }

    @Test
    void oddAccessSizesFaultWithWidth() {
        AddressSpace s = new AddressSpace(List.of(ram("m", 0x1000, 0x1000, false)));
        assertEquals(BusFault.Kind.WIDTH, assertThrows(BusFault.class, () -> s.read(0x1000, 3)).kind());
    }

    @Test
    void aStoreToRomFaultsButTheLoaderMayWriteIt() {
        AddressSpace s = new AddressSpace(List.of(ram("rom", 0, 0x1000, true)));
        assertEquals(BusFault.Kind.READ_ONLY, assertThrows(BusFault.class, () -> s.write(0x10, 4, 1)).kind());
        s.load(0x10, new byte[] {1, 2}, 0, 2);
        assertEquals(0x0201, s.read(0x10, 2));
        assertFalse(s.ramBlock(0x10).writable());
        assertThrows(GuestMemoryException.class, () -> s.memory().write32(0x10, 5));
        assertEquals(0x0201, s.memory().read16(0x10));
    }

    @Test
    void devicesSeeOffsetsInsideTheirRegion() {
        Probe p = new Probe();
        AddressSpace s = new AddressSpace(List.of(new DeviceRegion(cfg("dev", RegionKind.DEVICE, 0x1000_0000L, 0x100), p)));
        assertEquals(0x20, s.read(0x1000_0010L, 4));
        assertEquals(0x10, p.lastOffset);
        s.write(0x1000_00f8L, 8, 42);
        assertEquals(0xf8, p.lastOffset);
        assertEquals(42, p.lastValue);
        assertNull(s.ramBlock(0x1000_0000L));
        assertFalse(s.memory().isRam(0x1000_0000L, 4));
        assertThrows(GuestMemoryException.class, () -> s.memory().read32(0x1000_0000L));
    }

    @Test
    void overlappingRegionsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AddressSpace(List.of(ram("a", 0x1000, 0x2000, false), ram("b", 0x2000, 0x1000, false))));
        assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
    }

    @Test
    void anAliasOfRamSharesItsBytes() {
        RamRegion m = ram("m", 0x8000_0000L, 0x10000, false);
        AliasRegion a = new AliasRegion(cfg("a", RegionKind.ALIAS, 0x1000, 0x1000), m, 0x8000_2000L);
        AddressSpace s = new AddressSpace(List.<Region>of(m, a));
        s.write(0x8000_2010L, 4, 0xcafe);
        assertEquals(0xcafe, s.read(0x1010, 4));
        s.write(0x1020, 2, 0xbeef);
        assertEquals(0xbeef, s.read(0x8000_2020L, 2));
        assertSame(s.ramBlock(0x1000).data(), s.ramBlock(0x8000_0000L).data());
        assertTrue(s.memory().isRam(0x1000, 0x1000));
        assertFalse(s.memory().isRam(0x1000, 0x1001));
    }

    @Test
    void anAliasOfADeviceForwardsWithTheTargetOffset() {
        Probe p = new Probe();
        DeviceRegion d = new DeviceRegion(cfg("dev", RegionKind.DEVICE, 0x1000_0000L, 0x1000), p);
        AliasRegion a = new AliasRegion(cfg("a", RegionKind.ALIAS, 0x2000_0000L, 0x100), d, 0x1000_0800L);
        AddressSpace s = new AddressSpace(List.<Region>of(d, a));
        s.read(0x2000_0004L, 4);
        assertEquals(0x804, p.lastOffset);
    }

    @Test
    void guestMemoryRangeChecksCannotOverflow() {
        AddressSpace s = new AddressSpace(List.of(ram("top", 0xffff_ffff_ffff_f000L, 0x1000, false)));
        GuestMemory m = s.memory();
        assertTrue(m.isRam(0xffff_ffff_ffff_f000L, 0x1000));
        assertFalse(m.isRam(0xffff_ffff_ffff_f000L, 0x1001));
        assertFalse(m.isRam(0xffff_ffff_ffff_fff8L, Long.MAX_VALUE));
        assertFalse(m.isRam(0xffff_ffff_ffff_fff8L, -1));
        m.write64(0xffff_ffff_ffff_fff8L, 7);
        assertEquals(7, m.read64(0xffff_ffff_ffff_fff8L));
        assertThrows(GuestMemoryException.class, () -> m.read64(0xffff_ffff_ffff_fffcL));
        byte[] buf = new byte[16];
        assertThrows(GuestMemoryException.class, () -> m.read(0xffff_ffff_ffff_fff8L, buf, 0, 16));
        assertThrows(IndexOutOfBoundsException.class, () -> m.read(0xffff_ffff_ffff_f000L, buf, 8, 16));
    }

    @Test
    void guestMemoryCopiesAcrossAdjacentRegionsAndRefusesPartialRom() {
        AddressSpace s = new AddressSpace(List.of(ram("a", 0x1000, 0x1000, false), ram("b", 0x2000, 0x1000, false),
                ram("r", 0x3000, 0x1000, true)));
        byte[] data = new byte[64];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        s.memory().write(0x2000 - 32, data, 0, 64);
        byte[] back = new byte[64];
        s.memory().read(0x2000 - 32, back, 0, 64);
        assertArrayEquals(data, back);
        assertThrows(GuestMemoryException.class, () -> s.memory().write(0x3000 - 32, data, 0, 64));
        assertEquals(0, s.read(0x3000 - 32, 1), "a refused write changes nothing");
        s.memory().read(0x3000 - 32, back, 0, 64); // reads may touch ROM
    }

    @Test
    void findUsesTheLastHitAndBinarySearch() {
        AddressSpace s = new AddressSpace(List.of(ram("a", 0x1000, 0x1000, false), ram("b", 0x4000, 0x1000, false),
                ram("c", 0x9000_0000_0000_0000L, 0x1000, false)));
        assertEquals("b", s.find(0x4fff).name());
        assertEquals("b", s.find(0x4000).name());
        assertEquals("a", s.find(0x1000).name());
        assertEquals("c", s.find(0x9000_0000_0000_0010L).name());
        assertNull(s.find(0x3000));
        assertNull(s.find(0x8fff_ffff_ffff_ffffL));
    }
}
