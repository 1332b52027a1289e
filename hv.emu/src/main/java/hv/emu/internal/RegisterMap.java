package hv.emu.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A device's register map, built from declared {@link RegisterDef}s and checked at construction: widths
 * are 1, 2, 4 or 8, registers are aligned to their width, banks do not overlap each other. Lookups map an
 * offset to the register (and bank index) that covers it. Immutable and thread safe.
 *
 * @param <R> the device's register enum
 */
public final class RegisterMap<R extends Enum<R> & RegisterDef> {

    /**
     * A register hit by an access.
     *
     * @param reg the register (bank)
     * @param index the register's index inside its bank
     * @param byteOffset offset of the access inside the register (0 for an aligned access)
     */
    public record Hit<R>(R reg, int index, int byteOffset) {
    }

    private final List<R> regs;

    /**
     * Builds and validates a map.
     *
     * @throws IllegalStateException when the declaration is inconsistent (a bug in the device, found when its class loads)
     */
    public RegisterMap(Class<R> type) {
        List<R> sorted = new ArrayList<>(Arrays.asList(type.getEnumConstants()));
        sorted.sort(Comparator.comparingLong(RegisterDef::base));
        for (R r : sorted) {
            int w = r.width();
            if (w != 1 && w != 2 && w != 4 && w != 8) {
                throw new IllegalStateException(type.getSimpleName() + "." + r + ": width " + w);
            }
            if (r.base() < 0 || r.base() % w != 0 || r.stride() % w != 0) {
                throw new IllegalStateException(type.getSimpleName() + "." + r + ": not aligned to its width " + w);
            }
            if (r.count() < 1 || r.stride() < w) {
                throw new IllegalStateException(type.getSimpleName() + "." + r + ": count " + r.count() + ", stride " + r.stride());
            }
        }
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                if (overlap(sorted.get(i), sorted.get(j))) {
                    throw new IllegalStateException(type.getSimpleName() + "." + sorted.get(i) + " and " + sorted.get(j) + " overlap");
                }
            }
        }
        this.regs = List.copyOf(sorted);
    }

    private static long last(RegisterDef r) {
        return r.base() + (r.count() - 1) * r.stride() + r.width() - 1;
    }

    /**
     * True when two banks share a byte. Banks of the same stride may interleave (a threshold and a claim
     * register in every context page); other banks must occupy disjoint spans.
     */
    private static boolean overlap(RegisterDef a, RegisterDef b) {
        if (last(a) < b.base() || last(b) < a.base()) {
            return false;
        }
        if (a.count() > 1 && b.count() > 1 && a.stride() == b.stride()) {
            long s = a.stride();
            long a0 = a.base() % s;
            long b0 = b.base() % s;
            return a0 < b0 + b.width() && b0 < a0 + a.width();
        }
        if (a.count() == 1 || b.count() == 1) {
            RegisterDef one = a.count() == 1 ? a : b;
            RegisterDef bank = one == a ? b : a;
            long rel = one.base() - bank.base();
            for (long k = Math.max(0, rel / bank.stride() - 1); k <= rel / bank.stride() + 1 && k < bank.count(); k++) {
                long start = bank.base() + k * bank.stride();
                if (start <= last(one) && one.base() <= start + bank.width() - 1) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** The registers in offset order. */
    public List<R> registers() {
        return regs;
    }

    /** The register covering byte {@code offset}, or null when none does (a hole or reserved space). */
    public Hit<R> lookup(long offset) {
        for (R r : regs) {
            long rel = offset - r.base();
            if (rel < 0) {
                continue;
            }
            long stride = r.stride();
            long index = rel / stride;
            if (index >= r.count()) {
                continue;
            }
            long in = rel - index * stride;
            if (in < r.width()) {
                return new Hit<>(r, (int) index, (int) in);
            }
        }
        return null;
    }
}
