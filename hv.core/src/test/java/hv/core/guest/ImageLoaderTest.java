package hv.core.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.core.config.GuestConfigException;
import hv.core.config.ImageConfig;
import hv.core.config.ImageFormat;
import hv.core.config.RegionConfig;
import hv.core.config.RegionKind;
import hv.core.internal.guest.ElfImage;
import hv.core.internal.guest.ImageLoader;
import hv.core.internal.mem.AddressSpace;
import hv.core.internal.mem.Backing;
import hv.core.internal.mem.RamRegion;

class ImageLoaderTest {

    @TempDir
    Path dir;

    private static AddressSpace space() {
        RegionConfig rom = new RegionConfig("rom", "/aspace/rom", RegionKind.ALLOCED_ROM, false, "alloced_rom", 0, 0x10000,
                -1, -1, 12, 12, List.of(), List.of(), null, null, null);
        RegionConfig ram = new RegionConfig("ram", "/aspace/ram", RegionKind.ALLOCED_RAM, false, "alloced_ram",
                0x8000_0000L, 0x10000, -1, -1, 12, 12, List.of(), List.of(), null, null, null);
        return new AddressSpace(List.of(new RamRegion("rom", 0, 0x10000, Backing.allocate(0x10000), 0, true, rom),
                new RamRegion("ram", 0x8000_0000L, 0x10000, Backing.allocate(0x10000), 0, false, ram)));
    }

    /** An ELF64 LE file with the given PT_LOAD segments (paddr, data, memsz). */
    static byte[] elf(long entry, long[][] segs, byte[][] data) {
        int phoff = 64;
        int dataOff = phoff + 56 * segs.length;
        int total = dataOff;
        for (byte[] d : data) {
            total += d.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) 243).putInt(1).putLong(entry).putLong(phoff).putLong(0).putInt(0)
                .putShort((short) 64).putShort((short) 56).putShort((short) segs.length);
        int off = dataOff;
        for (int i = 0; i < segs.length; i++) {
            b.position(phoff + 56 * i);
            b.putInt(1).putInt(7).putLong(off).putLong(segs[i][0]).putLong(segs[i][0]).putLong(data[i].length)
                    .putLong(segs[i][1]).putLong(8);
            off += data[i].length;
        }
        b.position(dataOff);
        for (byte[] d : data) {
            b.put(d);
        }
        return b.array();
    }

    private Path file(byte[] content) throws Exception {
        Path f = Files.createTempFile(dir, "img", ".bin");
        Files.write(f, content);
        return f;
    }

    @Test
    void aRawImageLandsAtItsLoadAddressEvenInRom() throws Exception {
        AddressSpace s = space();
        Path f = file(new byte[] {1, 2, 3, 4});
        assertEquals(0x100, ImageLoader.load(s, new ImageConfig(f, ImageFormat.RAW, 0x100, "/aspace/rom: hv,image")));
        assertEquals(0x04030201, s.read(0x100, 4));
    }

    @Test
    void elfSegmentsLandAtTheirPhysicalAddressesWithBssZeroed() throws Exception {
        AddressSpace s = space();
        s.write(0x8000_0010L, 8, -1L); // dirt where the bss goes
        byte[] img = elf(0x8000_0000L, new long[][] {{0x8000_0000L, 32}, {0x1000, 4}},
                new byte[][] {{9, 9, 9, 9, 9, 9, 9, 9}, {5, 6, 7, 8}});
        long entry = ImageLoader.load(s, new ImageConfig(file(img), ImageFormat.AUTO, 0, "x: hv,image"));
        assertEquals(0x8000_0000L, entry);
        assertEquals(0x0909090909090909L, s.read(0x8000_0000L, 8));
        assertEquals(0, s.read(0x8000_0010L, 8), "p_memsz beyond p_filesz is zeroed");
        assertEquals(0x08070605, s.read(0x1000, 4));
    }

    @Test
    void anElfSegmentOutsideRamIsRefusedNamingWhereTheImageWasConfigured() throws Exception {
        byte[] img = elf(0, new long[][] {{0x4000_0000L, 8}}, new byte[][] {{1, 2, 3, 4, 5, 6, 7, 8}});
        GuestConfigException e = assertThrows(GuestConfigException.class, () -> ImageLoader.load(space(),
                new ImageConfig(file(img), ImageFormat.ELF, 0, "/aspace/ram: hv,image")));
        assertEquals("/aspace/ram", e.path());
        assertEquals("hv,image", e.property());
        assertTrue(e.getMessage().contains("not wholly in RAM/ROM"), e.getMessage());
    }

    @Test
    void aRawImageLargerThanItsRegionIsRefused() throws Exception {
        GuestConfigException e = assertThrows(GuestConfigException.class, () -> ImageLoader.load(space(),
                new ImageConfig(file(new byte[0x10001]), ImageFormat.RAW, 0x8000_0000L, "/aspace/ram: hv,image")));
        assertTrue(e.getMessage().contains("not wholly"), e.getMessage());
    }

    @Test
    void aMissingFileIsAConfigurationError() {
        GuestConfigException e = assertThrows(GuestConfigException.class, () -> ImageLoader.load(space(),
                new ImageConfig(dir.resolve("nope.bin"), ImageFormat.RAW, 0, "/aspace/rom: hv,image")));
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void hostileElfHeadersAreRefusedWithoutExceptionsOtherThanIllegalArgument() {
        byte[] good = elf(0, new long[][] {{0x1000, 8}}, new byte[][] {{1, 2, 3, 4, 5, 6, 7, 8}});
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = good.clone();
            int n = 1 + r.nextInt(6);
            for (int k = 0; k < n; k++) {
                bad[4 + r.nextInt(bad.length - 4)] = (byte) r.nextInt();
            }
            if (r.nextInt(4) == 0) {
                bad = java.util.Arrays.copyOf(bad, r.nextInt(bad.length));
            }
            try {
                ElfImage.parse(bad, "fuzz");
            } catch (IllegalArgumentException expected) {
                // refused
            }
        }
    }
}
