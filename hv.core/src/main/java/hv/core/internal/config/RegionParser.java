package hv.core.internal.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import hv.core.config.ImageConfig;
import hv.core.config.ImageFormat;
import hv.core.config.RegionConfig;
import hv.core.config.RegionKind;
import hv.dt.Node;

/** One child of {@code aspace}: Xvisor's region properties, checked. */
final class RegionParser {

    private final int irqCount;
    private final Path base;

    RegionParser(int irqCount, Path base) {
        this.irqCount = irqCount;
        this.base = base;
    }

    RegionConfig parse(Props p, List<ImageConfig> images) {
        String manifest = p.choice("manifest_type", null, "real", "virtual", "alias");
        if (manifest == null) {
            throw p.error("manifest_type", "missing: \"real\", \"virtual\" or \"alias\"");
        }
        String addressType = p.choice("address_type", null, "memory", "io");
        if (addressType == null) {
            throw p.error("address_type", "missing: \"memory\" or \"io\"");
        }
        String deviceType = p.requiredString("device_type");
        long gpa = p.requiredNumber("guest_physical_addr");
        long size = p.requiredNumber("physical_size");
        if (size == 0) {
            throw p.error("physical_size", "is 0 (Xvisor's loader patches it through an alias; set the size)");
        }
        if (Long.compareUnsigned(gpa + size - 1, gpa) < 0) {
            throw p.error("physical_size", String.format("0x%x + 0x%x wraps the address space", gpa, size));
        }
        int alignOrder = p.smallInt("align_order", 12, 0, 40);
        boolean explicitMap = p.has("map_order");
        int mapOrder = p.smallInt("map_order", 12, 0, 40);
        if (explicitMap) {
            long g = 1L << mapOrder;
            if ((gpa & (g - 1)) != 0 || (size & (g - 1)) != 0) {
                throw p.error("map_order", String.format("guest_physical_addr 0x%x and physical_size 0x%x must be "
                        + "multiples of 2^%d", gpa, size, mapOrder));
            }
        }
        RegionKind kind = kind(p, manifest, deviceType);
        long hpa = -1;
        long alias = -1;
        String shared = null;
        List<String> compatible = p.strings("compatible");
        switch (kind) {
            case RAM, ROM -> hpa = p.requiredNumber("host_physical_addr");
            case SHARED_RAM, SHARED_ROM -> {
                shared = p.requiredString("shared_mem");
                if (shared.isEmpty()) {
                    throw p.error("shared_mem", "is empty: name a shared-memory object");
                }
            }
            case ALIAS -> alias = p.requiredNumber("alias_physical_addr");
            case DEVICE -> {
                if (compatible.isEmpty()) {
                    throw p.error("compatible", "missing: a virtual region names its emulator");
                }
            }
            default -> { }
        }
        List<Integer> irqs = p.cellList("interrupts");
        for (int irq : irqs) {
            if (irq < 0 || irq >= irqCount) {
                throw p.error("interrupts", "guest interrupt " + Integer.toUnsignedString(irq) + " is outside 0.."
                        + (irqCount - 1) + " (aspace guest_irq_count)");
            }
        }
        if (p.has("hv,image")) {
            if (!kind.memory()) {
                throw p.error("hv,image", "images load into RAM or ROM regions only");
            }
            ImageFormat f = GuestConfigParser.format(p, "hv,image-format");
            long off = p.number("hv,image-offset", 0);
            if (Long.compareUnsigned(off, size) >= 0) {
                throw p.error("hv,image-offset", String.format("0x%x is outside the region (size 0x%x)", off, size));
            }
            long addr = f == ImageFormat.ELF ? 0 : gpa + off;
            images.add(new ImageConfig(file(p, "hv,image"), f, f == ImageFormat.AUTO ? gpa + off : addr,
                    p.path() + ": hv,image"));
        }
        return new RegionConfig(p.node().name(), p.path(), kind, addressType.equals("io"), deviceType, gpa, size, hpa,
                alias, alignOrder, mapOrder, compatible, irqs, shared, GuestConfigParser.missing(p), p.node());
    }

    private static RegionKind kind(Props p, String manifest, String deviceType) {
        return switch (manifest) {
            case "virtual" -> RegionKind.DEVICE;
            case "alias" -> RegionKind.ALIAS;
            default -> switch (deviceType) {
                case "ram" -> RegionKind.RAM;
                case "rom" -> RegionKind.ROM;
                case "alloced_ram", "colored_ram" -> RegionKind.ALLOCED_RAM;
                case "alloced_rom", "colored_rom" -> RegionKind.ALLOCED_ROM;
                case "shared_ram" -> RegionKind.SHARED_RAM;
                case "shared_rom" -> RegionKind.SHARED_ROM;
                default -> throw p.error("device_type", "\"" + deviceType + "\" is not a memory type for manifest_type "
                        + "\"real\" (ram, rom, alloced_ram, alloced_rom, colored_ram, colored_rom, shared_ram, shared_rom)");
            };
        };
    }

    private Path file(Props p, String prop) {
        String f = p.requiredString(prop);
        if (f.isEmpty()) {
            throw p.error(prop, "is empty: name an image file");
        }
        return base.resolve(f).normalize();
    }

    /** The {@code hv,images} node: one child per image ({@code file}, {@code format}, {@code load-addr}). */
    List<ImageConfig> images(Node node) {
        List<ImageConfig> out = new ArrayList<>();
        for (Node c : node.children()) {
            Props p = new Props(c);
            ImageFormat f = GuestConfigParser.format(p, "format");
            long addr;
            if (f == ImageFormat.ELF) {
                addr = p.number("offset", 0);
            } else {
                addr = p.requiredNumber("load-addr");
            }
            out.add(new ImageConfig(file(p, "file"), f, addr, p.path() + ": file"));
        }
        return out;
    }
}
