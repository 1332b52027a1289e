package hv.boot.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import hv.boot.internal.BootOptions.UsageException;
import hv.dt.DeviceTree;
import hv.dt.Node;

/**
 * hv's additions to a guest DT for {@code ./hv boot} (docs/guest-dt.md): the payload and initrd
 * under {@code hv,images}, the generated (or given) guest OS DT, boot arguments and the clock.
 */
final class GuestDtAdditions {

    /** The guest OS DT goes in the top 2 MiB of RAM (hv.core's default); the initrd right below it. */
    static final long OS_DT_RESERVE = 2L << 20;
    static final long INITRD_ALIGN = 1L << 20;

    private GuestDtAdditions() {
    }

    static void clock(Node root, String clock) {
        root.setString("hv,clock", clock);
    }

    /** Adds the images, boot arguments and guest OS DT of {@code o} to {@code dt}. */
    static void apply(DeviceTree dt, BootOptions o) {
        Node root = dt.root();
        Node images = root.addChild("hv,images");
        byte[] head = readHead(o.kernel(), "--kernel");
        long kernelEnd;
        long entry;
        if (isElf(head)) {
            Node k = images.addChild("kernel");
            k.setString("file", o.kernel().toString());
            k.setString("format", "elf");
            entry = elfEntry(head, o.kernel());
            kernelEnd = VirtLayout.PAYLOAD_ADDR + size(o.kernel());
        } else {
            LinuxImage linux = LinuxImage.parse(head);
            long addr = linux != null ? VirtLayout.RAM_BASE + linux.textOffset() : VirtLayout.PAYLOAD_ADDR;
            Node k = images.addChild("kernel");
            k.setString("file", o.kernel().toString());
            k.setString("format", "raw");
            k.setU64("load-addr", addr);
            entry = addr;
            kernelEnd = addr + (linux != null ? linux.imageSize() : size(o.kernel()));
        }
        long ramEnd = VirtLayout.RAM_BASE + o.memory();
        if (kernelEnd > ramEnd - OS_DT_RESERVE) {
            throw new UsageException(String.format("--kernel: the payload ends at 0x%x, beyond the %dM of RAM "
                    + "(less 2M for the guest OS DT): give more --mem", kernelEnd, o.memory() >> 20));
        }
        for (Node v : root.child("vcpus").children()) {
            v.setU64("start_pc", entry);
        }
        if (o.initrd() != null) {
            long len = size(o.initrd());
            long start = (ramEnd - OS_DT_RESERVE - len) & -INITRD_ALIGN;
            if (start < kernelEnd) {
                throw new UsageException(String.format("--initrd: %d bytes do not fit between the kernel (ends at 0x%x) "
                        + "and the guest OS DT: give more --mem", len, kernelEnd));
            }
            Node i = images.addChild("initrd");
            i.setString("file", o.initrd().toString());
            i.setString("format", "raw");
            i.setU64("load-addr", start);
        }
        root.setString("hv,os-dt", o.dtb() != null ? o.dtb().toString() : "generate");
        if (!o.append().isEmpty()) {
            root.setString("hv,bootargs", o.append());
        }
    }

    static boolean isElf(byte[] head) {
        return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }

    private static long elfEntry(byte[] head, Path file) {
        if (head.length < 64 || head[4] != 2 || head[5] != 1) {
            throw new UsageException("--kernel: " + file + " is not a 64-bit little-endian ELF");
        }
        return ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getLong(24);
    }

    private static byte[] readHead(Path file, String option) {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(4096);
        } catch (IOException e) {
            throw new UsageException(option + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
