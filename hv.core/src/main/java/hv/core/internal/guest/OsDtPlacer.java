package hv.core.internal.guest;

import java.io.IOException;
import java.nio.file.Files;

import hv.core.config.GuestConfig;
import hv.core.config.GuestConfigException;
import hv.core.config.OsDtConfig;
import hv.core.config.RegionConfig;
import hv.core.config.RegionKind;
import hv.core.guest.GuestOsDtProvider;
import hv.core.internal.mem.AddressSpace;
import hv.core.mem.GuestMemoryException;
import hv.dt.DeviceTree;
import hv.dt.DtException;

/**
 * Puts the guest OS device tree into guest RAM: from a DTS/DTB file ({@code /chosen/bootargs} set
 * from {@code hv,bootargs}) or from a {@link GuestOsDtProvider}; at {@code hv,os-dt-addr} or, by
 * default, in the top 2 MiB-aligned part of the first RAM region (as QEMU does).
 */
final class OsDtPlacer {

    private static final long ALIGN = 2L << 20;

    private OsDtPlacer() {
    }

    /** @return the DT's guest physical address, or 0 when there is none */
    static long place(Kernel kernel, GuestConfig config, AddressSpace space) {
        OsDtConfig os = config.osDt();
        byte[] dtb = switch (os.source()) {
            case NONE -> null;
            case FILE -> fromFile(config, os);
            case GENERATE -> generate(kernel, config);
        };
        if (dtb == null) {
            return 0;
        }
        long addr = os.address() >= 0 ? os.address() : defaultAddress(config, dtb.length);
        try {
            space.load(addr, dtb, 0, dtb.length);
        } catch (GuestMemoryException e) {
            throw new GuestConfigException("/", "hv,os-dt-addr", String.format(
                    "the guest OS DT (%d bytes) does not fit RAM at 0x%x", dtb.length, addr));
        }
        return addr;
    }

    private static byte[] fromFile(GuestConfig config, OsDtConfig os) {
        try {
            byte[] raw = Files.readAllBytes(os.file());
            boolean isDtb = raw.length >= 4 && (raw[0] & 0xff) == 0xd0 && (raw[1] & 0xff) == 0x0d
                    && (raw[2] & 0xff) == 0xfe && (raw[3] & 0xff) == 0xed;
            DeviceTree t = isDtb ? DeviceTree.readDtb(raw) : DeviceTree.parseDts(os.file());
            if (config.bootArgs() != null) {
                t.root().getOrAddChild("chosen").setString("bootargs", config.bootArgs());
            } else if (isDtb) {
                return raw;
            }
            return t.toDtb();
        } catch (IOException e) {
            throw new GuestConfigException("/", "hv,os-dt", "cannot read " + os.file() + ": " + e);
        } catch (DtException e) {
            throw new GuestConfigException("/", "hv,os-dt", e.getMessage());
        }
    }

    private static byte[] generate(Kernel kernel, GuestConfig config) {
        GuestOsDtProvider p = kernel.osDtProvider(config.vcpus().get(0).compatible());
        if (p == null) {
            throw new GuestConfigException("/", "hv,os-dt", "\"generate\" needs a guest OS DT provider for "
                    + config.vcpus().get(0).compatible() + " and none is present");
        }
        byte[] dtb = p.generate(config);
        if (dtb == null || dtb.length == 0) {
            throw new GuestConfigException("/", "hv,os-dt", "the guest OS DT provider returned nothing");
        }
        return dtb;
    }

    private static long defaultAddress(GuestConfig config, int len) {
        for (RegionConfig r : config.regions()) {
            if ((r.kind() == RegionKind.ALLOCED_RAM || r.kind() == RegionKind.RAM) && r.size() >= len) {
                long top = r.gpa() + r.size();
                long at = (top - len) & -ALIGN;
                if (Long.compareUnsigned(at, r.gpa()) < 0) {
                    at = (top - len) & -8L;
                }
                return at;
            }
        }
        throw new GuestConfigException("/", "hv,os-dt", "no RAM region can hold the guest OS DT (" + len + " bytes)");
    }
}
