package hv.boot.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The header of a RISC-V Linux kernel {@code Image} (Documentation/riscv/boot-image-header.rst):
 * code0/code1, text_offset (u64 at 8), image_size (u64 at 16), flags, version, magic "RISCV\0\0\0"
 * at 48 (deprecated) and magic2 "RSC\x05" at 56.
 *
 * @param textOffset where the image must sit relative to the start of RAM (2 MiB on RV64)
 * @param imageSize bytes the kernel occupies once loaded (text + data + bss), at least the file size
 */
public record LinuxImage(long textOffset, long imageSize) {

    static final int HEADER_SIZE = 64;
    private static final long MAGIC = 0x5643534952L; // "RISCV" little-endian, zero-padded
    private static final int MAGIC2 = 0x05435352; // "RSC\x05"
    /** The text offset older images leave at 0 mean this (arch/riscv/kernel/head.S). */
    static final long DEFAULT_TEXT_OFFSET = 0x200000;

    /** Returns the parsed header, or null when {@code image} is not a RISC-V Linux Image. */
    public static LinuxImage parse(byte[] image) {
        if (image.length < HEADER_SIZE) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        boolean magic = b.getLong(48) == MAGIC || b.getInt(56) == MAGIC2;
        if (!magic) {
            return null;
        }
        long textOffset = b.getLong(8);
        long imageSize = b.getLong(16);
        if (textOffset == 0) {
            textOffset = DEFAULT_TEXT_OFFSET;
        }
        if (textOffset < 0 || textOffset > (1L << 30) || (textOffset & 0xfff) != 0) {
            throw new IllegalArgumentException("Linux Image header: text_offset 0x" + Long.toHexString(textOffset)
                    + " is not a 4K-aligned offset below 1G");
        }
        if (imageSize < image.length) {
            imageSize = image.length;
        }
        return new LinuxImage(textOffset, imageSize);
    }
}
