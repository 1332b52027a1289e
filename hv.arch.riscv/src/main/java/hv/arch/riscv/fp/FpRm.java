package hv.arch.riscv.fp;

/**
 * The RISC-V rounding modes as passed to {@link F64} and {@link F32} ({@code rm} field
 * encoding). The engine resolves the dynamic mode (7) from {@code frm} and rejects the
 * reserved encodings 5 and 6 before calling this package, so only 0 to 4 arrive here.
 */
public final class FpRm {

    /** Round to nearest, ties to even. */
    public static final int RNE = 0;
    /** Round towards zero. */
    public static final int RTZ = 1;
    /** Round down, towards negative infinity. */
    public static final int RDN = 2;
    /** Round up, towards positive infinity. */
    public static final int RUP = 3;
    /** Round to nearest, ties to max magnitude (away from zero). */
    public static final int RMM = 4;

    private FpRm() {
    }

    /** The assembler name of a rounding mode, e.g. {@code "rtz"}. */
    public static String name(int rm) {
        return switch (rm) {
            case RNE -> "rne";
            case RTZ -> "rtz";
            case RDN -> "rdn";
            case RUP -> "rup";
            case RMM -> "rmm";
            default -> "rm" + rm;
        };
    }
}
