package hv.boot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class LinuxImageTest {

    private static byte[] header(long textOffset, long imageSize, boolean magic2Only) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(8, textOffset).putLong(16, imageSize);
        if (!magic2Only) {
            b.put(48, "RISCV".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        b.put(56, new byte[] {'R', 'S', 'C', 5});
        return b.array();
    }

    @Test
    void theHeaderGivesTextOffsetAndImageSize() {
        LinuxImage img = LinuxImage.parse(header(0x200000, 0x1400000, false));
        assertEquals(0x200000, img.textOffset());
        assertEquals(0x1400000, img.imageSize());
    }

    @Test
    void eitherMagicIsEnoughAndAZeroTextOffsetMeansTwoMegabytes() {
        LinuxImage img = LinuxImage.parse(header(0, 0, true));
        assertEquals(0x200000, img.textOffset());
        assertEquals(4096, img.imageSize(), "image size is at least the file size");
    }

    @Test
    void aFileWithoutTheMagicIsNotALinuxImage() {
        assertNull(LinuxImage.parse(new byte[4096]));
        assertNull(LinuxImage.parse(new byte[10]));
    }

    @Test
    void anAbsurdTextOffsetIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LinuxImage.parse(header(0x123, 0, false)));
        assertThrows(IllegalArgumentException.class, () -> LinuxImage.parse(header(-4096, 0, false)));
    }
}
