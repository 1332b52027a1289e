package hv.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import hv.dt.DeviceTree;

/**
 * A guest, validated: VCPUs, regions, images, clock, guest OS DT. Immutable.
 *
 * @param name the guest's name (unique among live guests)
 * @param model the {@code model} string, or null
 * @param source where the configuration came from (a file name or {@code <tree>}), for messages
 * @param baseDir directory against which relative file names were resolved, or null
 * @param vcpus the VCPUs by hart id
 * @param guestIrqCount number of guest interrupt lines ({@code aspace/guest_irq_count})
 * @param regions the regions sorted by guest physical address, no two overlapping
 * @param images images to load at creation and reset, in order
 * @param clock the guest clock
 * @param osDt the guest OS device tree
 * @param bootArgs kernel command line for the guest OS DT ({@code /chosen/bootargs}), or null
 * @param missingEmulator default for regions whose emulator is missing (null: the host's default)
 * @param emulatorTimeoutMillis how long a VCPU waits on a detached region before faulting (-1: host default)
 * @param tree the guest DT (a private copy); read only, never change it
 */
public record GuestConfig(String name, String model, String source, Path baseDir, List<VcpuConfig> vcpus,
        int guestIrqCount, List<RegionConfig> regions, List<ImageConfig> images, ClockConfig clock, OsDtConfig osDt,
        String bootArgs, MissingEmulator missingEmulator, long emulatorTimeoutMillis, DeviceTree tree) {

    public GuestConfig {
        vcpus = List.copyOf(vcpus);
        regions = List.copyOf(regions);
        images = List.copyOf(images);
    }

    /** The region named {@code name}, if any. */
    public Optional<RegionConfig> region(String regionName) {
        return regions.stream().filter(r -> r.name().equals(regionName)).findFirst();
    }

    /** A copy under another name. */
    public GuestConfig withName(String newName) {
        return new GuestConfig(newName, model, source, baseDir, vcpus, guestIrqCount, regions, images, clock, osDt,
                bootArgs, missingEmulator, emulatorTimeoutMillis, tree);
    }
}
