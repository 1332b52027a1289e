package hv.core.internal.config;

import java.util.List;

import hv.core.config.GuestConfigException;
import hv.dt.DeviceTree;
import hv.dt.DtException;
import hv.dt.Node;

/**
 * Xvisor's loader-side property patches, {@code <alias>,<property>,<type>,<value>}: the node named
 * by an entry of {@code /aliases} gets the property set, for example
 * {@code mem0,physical_size,physsize,0x10000000} or {@code net0,switch,string,br0}. Types:
 * {@code string}; {@code uint32}; {@code uint64}, {@code physaddr}, {@code physsize},
 * {@code virtaddr}, {@code virtsize} (two cells).
 */
public final class DtPatches {

    private DtPatches() {
    }

    /**
     * Applies every patch to {@code tree} in order.
     *
     * @throws GuestConfigException naming the patch when it is malformed or names no alias
     */
    public static void apply(DeviceTree tree, List<String> patches) {
        for (String p : patches) {
            String[] f = p.split(",", 4);
            if (f.length != 4 || f[0].isEmpty() || f[1].isEmpty()) {
                throw new GuestConfigException(null, null, "patch \"" + p + "\" is not <alias>,<property>,<type>,<value>");
            }
            Node n = tree.alias(f[0]).orElseThrow(() -> new GuestConfigException("/aliases", f[0],
                    "patch \"" + p + "\": no such alias"));
            try {
                switch (f[2]) {
                    case "string" -> n.setString(f[1], f[3]);
                    case "uint32" -> n.setU32(f[1], (int) number(p, f[3], 0xffff_ffffL));
                    case "uint64", "physaddr", "physsize", "virtaddr", "virtsize" -> n.setU64(f[1], number(p, f[3], -1));
                    default -> throw new GuestConfigException(null, null, "patch \"" + p + "\": unknown type \"" + f[2]
                            + "\" (string, uint32, uint64, physaddr, physsize, virtaddr, virtsize)");
                }
            } catch (DtException e) {
                throw new GuestConfigException(n.path(), f[1], "patch \"" + p + "\": " + e.getMessage());
            }
        }
    }

    private static long number(String patch, String v, long max) {
        try {
            long x = v.startsWith("0x") || v.startsWith("0X") ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Long.parseUnsignedLong(v);
            if (max != -1 && Long.compareUnsigned(x, max) > 0) {
                throw new NumberFormatException("too large");
            }
            return x;
        } catch (NumberFormatException e) {
            throw new GuestConfigException(null, null, "patch \"" + patch + "\": bad number \"" + v + "\"");
        }
    }
}
