package hv.core.internal.guest;

import java.io.IOException;
import java.nio.file.Files;

import hv.core.config.GuestConfigException;
import hv.core.config.ImageConfig;
import hv.core.config.ImageFormat;
import hv.core.internal.mem.AddressSpace;
import hv.core.mem.GuestMemoryException;

/**
 * Loads images into guest RAM/ROM: raw files at their load address, ELF64 files segment by segment
 * ({@link ElfImage}). Every byte must land in RAM or ROM of the guest. ISA-neutral.
 */
public final class ImageLoader {

    private ImageLoader() {
    }

    /**
     * Loads one image.
     *
     * @return the ELF entry point, or the load address of a raw image
     * @throws GuestConfigException naming where the image was configured when it cannot be read or
     *         does not fit the guest's memory
     */
    public static long load(AddressSpace space, ImageConfig image) {
        byte[] data;
        try {
            long size = Files.size(image.file());
            if (size > Integer.MAX_VALUE - 16) {
                throw error(image, "is larger than 2 GiB");
            }
            data = Files.readAllBytes(image.file());
        } catch (IOException e) {
            throw error(image, "cannot read " + image.file() + ": " + e);
        }
        boolean elf = image.format() == ImageFormat.ELF
                || image.format() == ImageFormat.AUTO && ElfImage.isElf(data);
        try {
            if (elf) {
                long displacement = image.format() == ImageFormat.ELF ? image.address() : 0;
                ElfImage e = ElfImage.parse(data, image.file().toString());
                for (ElfImage.Segment s : e.segments()) {
                    long at = s.paddr() + displacement;
                    checkFits(space, image, at, s.memSize());
                    space.load(at, data, (int) s.fileOffset(), (int) s.fileSize());
                    long zeros = s.memSize() - s.fileSize();
                    if (zeros > 0) {
                        zero(space, at + s.fileSize(), zeros);
                    }
                }
                return e.entry() + displacement;
            }
            checkFits(space, image, image.address(), data.length);
            space.load(image.address(), data, 0, data.length);
            return image.address();
        } catch (GuestMemoryException e) {
            throw error(image, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw error(image, e.getMessage());
        }
    }

    private static void checkFits(AddressSpace space, ImageConfig image, long at, long len) {
        if (len > 0 && !space.memory().isRam(at, len)) {
            throw error(image, String.format("%s: [0x%x, +0x%x) is not wholly in RAM/ROM of the guest", image.file(),
                    at, len));
        }
    }

    private static void zero(AddressSpace space, long at, long len) {
        byte[] z = new byte[(int) Math.min(len, 1 << 20)];
        long done = 0;
        while (done < len) {
            int n = (int) Math.min(z.length, len - done);
            space.load(at + done, z, 0, n);
            done += n;
        }
    }

    private static GuestConfigException error(ImageConfig image, String problem) {
        int colon = image.origin().lastIndexOf(": ");
        String path = colon < 0 ? image.origin() : image.origin().substring(0, colon);
        String prop = colon < 0 ? null : image.origin().substring(colon + 2);
        return new GuestConfigException(path, prop, problem);
    }
}
