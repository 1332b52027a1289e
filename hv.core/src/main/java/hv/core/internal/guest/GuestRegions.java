package hv.core.internal.guest;

import java.util.ArrayList;
import java.util.List;

import hv.core.config.GuestConfigException;
import hv.core.config.RegionConfig;
import hv.core.config.RegionKind;
import hv.core.internal.emu.EmulatorHost;
import hv.core.internal.emu.EmulatorSlot;
import hv.core.internal.mem.AliasRegion;
import hv.core.internal.mem.DeviceRegion;
import hv.core.internal.mem.HostMemory;
import hv.core.internal.mem.RamRegion;
import hv.core.internal.mem.Region;
import hv.core.internal.mem.SharedMemoryManagerImpl;

/**
 * Builds a guest's regions from its configuration: allocates or maps host memory, creates device
 * slots, resolves aliases. Everything it took is listed in {@link #releases} so that a failed
 * build (or a destroy) gives it back.
 */
final class GuestRegions {

    final List<Region> regions = new ArrayList<>();
    final List<EmulatorSlot> slots = new ArrayList<>();
    final List<RamRegion> clearOnReset = new ArrayList<>();
    final List<Runnable> releases = new ArrayList<>();

    GuestRegions(String guest, List<RegionConfig> configs, HostMemory host, SharedMemoryManagerImpl shm,
            EmulatorHost emuHost) {
        try {
            build(guest, configs, host, shm, emuHost);
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    private void build(String guest, List<RegionConfig> configs, HostMemory host, SharedMemoryManagerImpl shm,
            EmulatorHost emuHost) {
        List<RegionConfig> aliases = new ArrayList<>();
        for (RegionConfig rc : configs) {
            String what = "guest " + guest + " region " + rc.path();
            switch (rc.kind()) {
                case ALLOCED_RAM, ALLOCED_ROM -> {
                    HostMemory.Lease l = memory(rc, () -> host.allocate(rc.size(), what));
                    RamRegion r = new RamRegion(rc.name(), rc.gpa(), rc.size(), l.backing(), 0, rc.kind().readOnly(), rc);
                    regions.add(r);
                    clearOnReset.add(r);
                }
                case RAM, ROM -> {
                    HostMemory.Lease l = memory(rc, () -> host.mapPhysical(rc.hostPhysicalAddr(), rc.size(), what));
                    regions.add(new RamRegion(rc.name(), rc.gpa(), rc.size(), l.backing(), l.offset(),
                            rc.kind().readOnly(), rc));
                }
                case SHARED_RAM, SHARED_ROM -> {
                    var backing = shm.map(rc.sharedMem(), rc.size(), guest, rc.path());
                    releases.add(() -> shm.unmap(rc.sharedMem(), guest));
                    regions.add(new RamRegion(rc.name(), rc.gpa(), rc.size(), backing, 0, rc.kind().readOnly(), rc));
                }
                case DEVICE -> {
                    EmulatorSlot s = new EmulatorSlot(emuHost, rc);
                    slots.add(s);
                    regions.add(new DeviceRegion(rc, s));
                }
                case ALIAS -> aliases.add(rc);
            }
        }
        for (RegionConfig rc : aliases) {
            Region target = regions.stream().filter(r -> r.contains(rc.aliasPhysicalAddr(), rc.size())).findFirst()
                    .orElseThrow(() -> new GuestConfigException(rc.path(), "alias_physical_addr",
                            "target range is not inside one region"));
            regions.add(new AliasRegion(rc, target, rc.aliasPhysicalAddr()));
        }
    }

    private HostMemory.Lease memory(RegionConfig rc, java.util.function.Supplier<HostMemory.Lease> how) {
        try {
            HostMemory.Lease l = how.get();
            releases.add(l::release);
            return l;
        } catch (IllegalStateException e) {
            throw new GuestConfigException(rc.path(), rc.kind() == RegionKind.RAM || rc.kind() == RegionKind.ROM
                    ? "host_physical_addr" : "physical_size", e.getMessage());
        }
    }

    void release() {
        for (int i = releases.size() - 1; i >= 0; i--) {
            releases.get(i).run();
        }
        releases.clear();
    }
}
