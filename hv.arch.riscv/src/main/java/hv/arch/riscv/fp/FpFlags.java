package hv.arch.riscv.fp;

/**
 * Accumulated IEEE 754 exception flags, laid out like the RISC-V {@code fflags} CSR.
 *
 * <p>Every operation of {@link F64} and {@link F32} ORs the flags it raises into
 * {@link #flags} and never clears any, exactly as the hardware accrues {@code fflags}.
 * The engine typically keeps one instance per hart and copies {@link #flags} to and from
 * the CSR. Not thread-safe, like the hart that owns it.
 */
public final class FpFlags {

    /** Inexact: the rounded result differs from the exact result. */
    public static final int NX = 1;
    /** Underflow: the result is tiny (detected after rounding) and inexact. */
    public static final int UF = 2;
    /** Overflow: the rounded result (with an unbounded exponent) exceeds the largest finite number. */
    public static final int OF = 4;
    /** Divide by zero: a finite nonzero number was divided by zero. */
    public static final int DZ = 8;
    /** Invalid operation: for example inf - inf, 0 * inf, sqrt(-1), a signalling NaN operand. */
    public static final int NV = 16;

    /** The accrued flags, an OR of {@link #NX}, {@link #UF}, {@link #OF}, {@link #DZ}, {@link #NV}. */
    public int flags;

    public FpFlags() {
    }

    public FpFlags(int flags) {
        this.flags = flags;
    }

    /** Short form such as {@code "NV|NX"} or {@code "-"} when no flag is set, for messages and tests. */
    public static String describe(int flags) {
        if ((flags & 31) == 0) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        String[] names = {"NX", "UF", "OF", "DZ", "NV"};
        for (int i = 4; i >= 0; i--) {
            if ((flags & (1 << i)) != 0) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(names[i]);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe(flags);
    }
}
