package hv.core.config;

import java.util.List;

import hv.dt.Node;

/**
 * One region of a guest address space (a child of the guest's {@code aspace} node).
 *
 * @param name node name ({@code uart0})
 * @param path DT path ({@code /aspace/uart0})
 * @param kind what backs it
 * @param io true for {@code address_type = "io"} (kept for Xvisor compatibility; hv maps io like memory)
 * @param deviceType the {@code device_type} string ({@code serial}, {@code alloced_ram}, ...)
 * @param gpa guest physical address
 * @param size size in bytes, positive
 * @param hostPhysicalAddr host address for {@code ram}/{@code rom}, else -1
 * @param aliasPhysicalAddr target for {@code alias}, else -1
 * @param alignOrder log2 alignment of allocated host memory
 * @param mapOrder log2 mapping granularity (gpa and size are multiples of it)
 * @param compatible emulator match list for devices
 * @param interrupts guest interrupt lines of the device
 * @param sharedMem shared-memory object name for shared kinds, else null
 * @param missingEmulator what to do when no emulator serves it (null: the guest's or host's default)
 * @param node the region's DT node, for device-specific properties; read only, never change it
 */
public record RegionConfig(String name, String path, RegionKind kind, boolean io, String deviceType, long gpa,
        long size, long hostPhysicalAddr, long aliasPhysicalAddr, int alignOrder, int mapOrder,
        List<String> compatible, List<Integer> interrupts, String sharedMem, MissingEmulator missingEmulator, Node node) {

    public RegionConfig {
        compatible = List.copyOf(compatible);
        interrupts = List.copyOf(interrupts);
    }

    /** Last address of the region (inclusive); never overflows for a valid region. */
    public long end() {
        return gpa + size - 1;
    }

    /** True when {@code addr} lies in the region (unsigned compare). */
    public boolean contains(long addr) {
        return Long.compareUnsigned(addr - gpa, size) < 0;
    }
}
