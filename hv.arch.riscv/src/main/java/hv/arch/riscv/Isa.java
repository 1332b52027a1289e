package hv.arch.riscv;

import java.util.Locale;

/**
 * The ISA a VCPU offers: what this engine implements, intersected with the VCPU's guest-DT
 * {@code riscv,isa} string. Extensions are bits of an int.
 *
 * <p>Zicsr and Zifencei are always executed (S-mode cannot work without CSRs, and ISA strings
 * written before 2019 include both in "i"); they, Zicntr and Zihintpause are <em>reported</em>
 * only when the DT string names them or when there is no DT string. The privilege letters "s" and
 * "u" that some device trees carry are accepted and dropped. Anything else the engine lacks
 * ("v", "h", "_sstc", ...) is refused.
 */
public final class Isa {

    public static final int I = 1, M = 1 << 1, A = 1 << 2, F = 1 << 3, D = 1 << 4, C = 1 << 5,
            ZICSR = 1 << 6, ZIFENCEI = 1 << 7, ZICNTR = 1 << 8, ZIHINTPAUSE = 1 << 9, ZBA = 1 << 10,
            ZBB = 1 << 11, ZBS = 1 << 12;

    /** Everything the engine implements. */
    public static final int ALL = I | M | A | F | D | C | ZICSR | ZIFENCEI | ZICNTR | ZIHINTPAUSE | ZBA | ZBB | ZBS;

    /** The DT property carrying the ISA string. */
    public static final String PROPERTY = "riscv,isa";

    private static final String LETTERS = "imafdc";
    private static final int[] LETTER_BITS = {I, M, A, F, D, C};
    private static final String[] MULTI = {"zicsr", "zifencei", "zicntr", "zihintpause", "zba", "zbb", "zbs"};
    private static final int[] MULTI_BITS = {ZICSR, ZIFENCEI, ZICNTR, ZIHINTPAUSE, ZBA, ZBB, ZBS};

    private final int bits;

    private Isa(int bits) {
        this.bits = bits;
    }

    /** The full ISA (no DT restriction). */
    public static Isa all() {
        return new Isa(ALL);
    }

    /**
     * Parses a DT {@code riscv,isa} string and intersects it with what is implemented.
     *
     * @throws IllegalArgumentException naming {@link #PROPERTY} when the string is malformed or asks
     *         for something this engine does not implement
     */
    public static Isa parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (!t.startsWith("rv64")) {
            throw bad(s, "it must start with rv64 (this engine is RV64 only)");
        }
        String[] parts = t.substring(4).split("_");
        int b = 0;
        // version suffixes (rv64i2p1m2p0..., zicsr2p0) are accepted and ignored
        String single = parts[0].replaceAll("(?<=[a-z])\\d+(p\\d+)?", "");
        for (int k = 0; k < single.length(); k++) {
            char c = single.charAt(k);
            int p = LETTERS.indexOf(c);
            if (c == 'g') {
                b |= I | M | A | F | D | ZICSR | ZIFENCEI;
            } else if (c == 's' || c == 'u') {
                continue; // privilege modes, not extensions: always present
            } else if (c == 'e') {
                throw bad(s, "RV64E is not implemented");
            } else if (p < 0) {
                throw bad(s, "extension '" + c + "' is not implemented");
            } else {
                b |= LETTER_BITS[p];
            }
        }
        for (int k = 1; k < parts.length; k++) {
            String x = parts[k].replaceAll("\\d+(p\\d+)?$", "");
            if (x.isEmpty()) {
                continue;
            }
            int found = -1;
            for (int m = 0; m < MULTI.length; m++) {
                if (MULTI[m].equals(x)) {
                    found = m;
                }
            }
            if (found < 0) {
                throw bad(s, "extension '" + x + "' is not implemented");
            }
            b |= MULTI_BITS[found];
        }
        if ((b & I) == 0) {
            throw bad(s, "the base integer ISA 'i' is missing");
        }
        if ((b & D) != 0 && (b & F) == 0) {
            throw bad(s, "'d' needs 'f'");
        }
        return new Isa(b);
    }

    private static IllegalArgumentException bad(String s, String why) {
        return new IllegalArgumentException("VCPU property " + PROPERTY + " = \"" + s + "\": " + why);
    }

    /** The extension bits as reported. */
    public int bits() {
        return bits;
    }

    /** The extension bits as executed (always including Zicsr, Zifencei, Zicntr). */
    public int executed() {
        return bits | ZICSR | ZIFENCEI | ZICNTR | ZIHINTPAUSE;
    }

    public boolean has(int bit) {
        return (bits & bit) != 0;
    }

    /** The canonical ISA string, for example {@code rv64imafdc_zicsr_zifencei}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("rv64");
        for (int k = 0; k < LETTERS.length(); k++) {
            if ((bits & LETTER_BITS[k]) != 0) {
                sb.append(LETTERS.charAt(k));
            }
        }
        for (int m = 0; m < MULTI.length; m++) {
            if ((bits & MULTI_BITS[m]) != 0) {
                sb.append('_').append(MULTI[m]);
            }
        }
        return sb.toString();
    }
}
