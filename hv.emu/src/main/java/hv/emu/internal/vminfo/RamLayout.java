package hv.emu.internal.vminfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import hv.dt.Node;
import hv.emu.internal.DeviceProps;

/**
 * Finds the guest's RAM banks for vminfo.
 *
 * <p>The emulator context does not list the guest's RAM regions (the core could offer them, e.g. as
 * {@code List<RegionConfig> regions()}). Until it does, they come from the region node's own properties
 * {@code ramN_base} / {@code ramN_size} (n = 0..3) when present, else from the region's siblings in the guest
 * DT's {@code aspace} node: regions with {@code manifest_type = "real"} and a RAM {@code device_type}
 * ({@code ram}, {@code alloced_ram}, {@code colored_ram}), in address order.
 */
public final class RamLayout {

    /** The Xvisor {@code device_type} values of RAM regions (ROM and shared memory are not RAM banks). */
    static final Set<String> RAM_TYPES = Set.of("ram", "alloced_ram", "colored_ram");

    private RamLayout() {
    }

    /**
     * The banks named by {@code ramN_base}/{@code ramN_size} properties (empty when there are none).
     * As in Xvisor, a {@code ramN_base} without {@code ramN_size} names the RAM region holding that
     * address: the bank runs from the base to the end of that region (one of {@code ram}).
     */
    public static List<VmInfo.RamBank> fromProps(DeviceProps props, List<VmInfo.RamBank> ram) {
        List<VmInfo.RamBank> banks = new ArrayList<>();
        for (int n = 0; n < VmInfo.RAM_BANKS; n++) {
            OptionalLong base = props.number("ram" + n + "_base");
            OptionalLong size = props.number("ram" + n + "_size");
            if (base.isEmpty()) {
                continue;
            }
            long b = base.getAsLong();
            if (size.isPresent()) {
                banks.add(new VmInfo.RamBank(b, size.getAsLong()));
                continue;
            }
            for (VmInfo.RamBank r : ram) {
                long rel = b - r.base();
                if (Long.compareUnsigned(rel, r.size()) < 0) {
                    banks.add(new VmInfo.RamBank(b, r.size() - rel));
                    break;
                }
            }
        }
        return banks;
    }

    /** The RAM regions among the siblings of {@code region} (its {@code aspace}), in address order. */
    public static List<VmInfo.RamBank> fromAspace(Node region) {
        if (region == null || region.parent().isEmpty()) {
            return List.of();
        }
        List<VmInfo.RamBank> banks = new ArrayList<>();
        for (Node n : region.parent().get().children()) {
            if (n.string("manifest_type", "").equals("real") && RAM_TYPES.contains(n.string("device_type", ""))) {
                OptionalLong base = n.optNumber("guest_physical_addr");
                OptionalLong size = n.optNumber("physical_size");
                if (base.isPresent() && size.isPresent()) {
                    banks.add(new VmInfo.RamBank(base.getAsLong(), size.getAsLong()));
                }
            }
        }
        banks.sort(Comparator.comparingLong(VmInfo.RamBank::base));
        return banks;
    }
}
