package hv.arch.riscv;

/**
 * Semantics of the integer instructions that are more than one JVM operation, as static pure
 * functions: the interpreter calls them (HotSpot inlines them), and a bytecode translator would
 * emit {@code invokestatic} to the very same methods, so the two cannot disagree.
 * Division follows the M chapter's table: x/0 = -1, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0.
 */
public final class Alu {

    private Alu() {
    }

    public static long mulh(long a, long b) {
        return Math.multiplyHigh(a, b);
    }

    public static long mulhu(long a, long b) {
        return Math.unsignedMultiplyHigh(a, b);
    }

    public static long mulhsu(long a, long b) {
        // signed a times unsigned b: high word of the signed product, corrected for b's top bit
        long hi = Math.multiplyHigh(a, b);
        return b < 0 ? hi + a : hi;
    }

    public static long div(long a, long b) {
        if (b == 0) {
            return -1;
        }
        if (b == -1) {
            return -a; // MIN / -1 = MIN (wraps)
        }
        return a / b;
    }

    public static long divu(long a, long b) {
        return b == 0 ? -1 : Long.divideUnsigned(a, b);
    }

    public static long rem(long a, long b) {
        if (b == 0) {
            return a;
        }
        if (b == -1) {
            return 0;
        }
        return a % b;
    }

    public static long remu(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    public static long divw(long a, long b) {
        int x = (int) a;
        int y = (int) b;
        if (y == 0) {
            return -1;
        }
        if (y == -1) {
            return -x;
        }
        return x / y;
    }

    public static long divuw(long a, long b) {
        int y = (int) b;
        return y == 0 ? -1 : (long) Integer.divideUnsigned((int) a, y);
    }

    public static long remw(long a, long b) {
        int x = (int) a;
        int y = (int) b;
        if (y == 0) {
            return x;
        }
        if (y == -1) {
            return 0;
        }
        return x % y;
    }

    public static long remuw(long a, long b) {
        int y = (int) b;
        return y == 0 ? (long) (int) a : (long) Integer.remainderUnsigned((int) a, y);
    }

    public static long orcb(long a) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            if (((a >>> i) & 0xff) != 0) {
                r |= 0xffL << i;
            }
        }
        return r;
    }

    public static long clzw(long a) {
        return Integer.numberOfLeadingZeros((int) a);
    }

    public static long ctzw(long a) {
        return Integer.numberOfTrailingZeros((int) a);
    }

    public static long cpopw(long a) {
        return Integer.bitCount((int) a);
    }

    public static long rolw(long a, long b) {
        return Integer.rotateLeft((int) a, (int) b & 31);
    }

    public static long rorw(long a, long b) {
        return Integer.rotateRight((int) a, (int) b & 31);
    }

    public static long slt(long a, long b) {
        return a < b ? 1 : 0;
    }

    public static long sltu(long a, long b) {
        return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
    }

    /** The Zba/Zbb/Zbs and rarer RV64 operations by kind; operand b is rs2 or the immediate. */
    public static long bitmanip(int op, long a, long b) {
        return switch (op) {
            case Op.SH1ADD -> (a << 1) + b;
            case Op.SH2ADD -> (a << 2) + b;
            case Op.SH3ADD -> (a << 3) + b;
            case Op.ADD_UW -> (a & 0xffff_ffffL) + b;
            case Op.SH1ADD_UW -> ((a & 0xffff_ffffL) << 1) + b;
            case Op.SH2ADD_UW -> ((a & 0xffff_ffffL) << 2) + b;
            case Op.SH3ADD_UW -> ((a & 0xffff_ffffL) << 3) + b;
            case Op.SLLI_UW -> (a & 0xffff_ffffL) << (b & 63);
            case Op.ANDN -> a & ~b;
            case Op.ORN -> a | ~b;
            case Op.XNOR -> ~(a ^ b);
            case Op.CLZ -> Long.numberOfLeadingZeros(a);
            case Op.CLZW -> clzw(a);
            case Op.CTZ -> Long.numberOfTrailingZeros(a);
            case Op.CTZW -> ctzw(a);
            case Op.CPOP -> Long.bitCount(a);
            case Op.CPOPW -> cpopw(a);
            case Op.MAX -> Math.max(a, b);
            case Op.MAXU -> Long.compareUnsigned(a, b) >= 0 ? a : b;
            case Op.MIN -> Math.min(a, b);
            case Op.MINU -> Long.compareUnsigned(a, b) <= 0 ? a : b;
            case Op.SEXT_B -> (byte) a;
            case Op.SEXT_H -> (short) a;
            case Op.ZEXT_H -> a & 0xffff;
            case Op.ROL -> Long.rotateLeft(a, (int) b);
            case Op.ROLW -> rolw(a, b);
            case Op.ROR, Op.RORI -> Long.rotateRight(a, (int) b);
            case Op.RORIW, Op.RORW -> rorw(a, b);
            case Op.ORC_B -> orcb(a);
            case Op.REV8 -> Long.reverseBytes(a);
            case Op.BCLR, Op.BCLRI -> a & ~(1L << b);
            case Op.BEXT, Op.BEXTI -> (a >>> b) & 1;
            case Op.BINV, Op.BINVI -> a ^ (1L << b);
            case Op.BSET, Op.BSETI -> a | (1L << b);
            case Op.MULHSU -> mulhsu(a, b);
            case Op.MULHU -> mulhu(a, b);
            case Op.MULH -> mulh(a, b);
            case Op.DIVU -> divu(a, b);
            case Op.REM -> rem(a, b);
            case Op.REMU -> remu(a, b);
            case Op.DIVW -> divw(a, b);
            case Op.DIVUW -> divuw(a, b);
            case Op.REMW -> remw(a, b);
            case Op.REMUW -> remuw(a, b);
            default -> throw new IllegalArgumentException("not a bitmanip/M kind: " + Op.name(op));
        };
    }
}
