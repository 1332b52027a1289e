package hv.arch.riscv.fp;

import static hv.arch.riscv.fp.FpFlags.NX;
import static hv.arch.riscv.fp.FpFlags.OF;
import static hv.arch.riscv.fp.FpFlags.UF;
import static hv.arch.riscv.fp.FpRm.RDN;
import static hv.arch.riscv.fp.FpRm.RMM;
import static hv.arch.riscv.fp.FpRm.RNE;
import static hv.arch.riscv.fp.FpRm.RUP;

/**
 * The exact rounding core shared by {@link F64} and {@link F32}: one routine that rounds a
 * binary value given as a normalised 63-bit significand (with a sticky bit) to either format,
 * in any rounding mode, raising NX/UF/OF as RISC-V does (tininess detected after rounding).
 *
 * <h2>Significand convention</h2>
 * A value is {@code sig * 2^(e - 62)} with {@code 2^62 <= sig < 2^63}, so {@code e} is the
 * unbiased exponent of its leading bit. Bits below the kept precision are the round bits; a
 * value that is not exactly representable in 63 bits is encoded with a <em>sticky</em> low bit:
 * the significand is then odd (or has a set bit far below the round position) and the exact
 * value lies strictly between the same two rounding boundaries as the significand. Every
 * rounding boundary of both formats is a multiple of {@code 2^9} in these units, so a
 * perturbation below that never changes a rounding decision, only the inexact indication.
 */
final class FpCore {

    private FpCore() {
    }

    /**
     * Whether to add one unit in the last kept place, given the discarded bits {@code rem}
     * (non-zero), the value of half a unit {@code half}, and the last kept bit {@code lsb}.
     */
    static boolean roundUp(int rm, boolean neg, long lsb, long rem, long half) {
        switch (rm) {
            case RNE:
                return rem > half || (rem == half && lsb != 0);
            case RDN:
                return neg;
            case RUP:
                return !neg;
            case RMM:
                return rem >= half;
            default: // RTZ
                return false;
        }
    }

    /** Whether an overflow in this mode and direction produces infinity (else the largest finite number). */
    static boolean overflowToInfinity(int rm, boolean neg) {
        switch (rm) {
            case RNE:
            case RMM:
                return true;
            case RDN:
                return neg;
            case RUP:
                return !neg;
            default: // RTZ
                return false;
        }
    }

    /**
     * Rounds {@code sig * 2^(e - 62)} (normalised, see the class comment) to a format with
     * precision {@code p} bits (53 or 24), smallest normal exponent {@code emin} and exponent
     * field width {@code expBits}, and returns its bits (a binary32 in the low 32 bits).
     */
    static long roundPack(boolean neg, int e, long sig, int rm, FpFlags f, int p, int emin, int expBits) {
        final int extra = 63 - p;
        final long remMask = (1L << extra) - 1;
        final long half = 1L << (extra - 1);
        final int fracBits = p - 1;
        final long sign = neg ? 1L << (fracBits + expBits) : 0L;
        if (e >= emin) {
            long keep = sig >>> extra;
            long rem = sig & remMask;
            if (rem != 0) {
                f.flags |= NX;
                if (roundUp(rm, neg, keep & 1, rem, half)) {
                    keep++;
                }
            }
            // keep is in [2^(p-1), 2^p]; its leading bit adds one to the biased exponent, and a
            // carry out of the significand (keep == 2^p) adds one more, so the sum is the encoding.
            long inf = ((1L << expBits) - 1) << fracBits;
            long bits = e > 1 - emin ? inf : ((long) (e - emin) << fracBits) + keep; // 1 - emin is emax
            if (bits >= inf) {
                f.flags |= OF | NX;
                return sign | (overflowToInfinity(rm, neg) ? inf : inf - 1);
            }
            return sign | bits;
        }
        // Below the normal range. Tininess after rounding: the value is tiny unless rounding it
        // to p bits with an unbounded exponent carries it up to 2^emin.
        boolean tiny = true;
        if (e == emin - 1) {
            long keep = sig >>> extra;
            long rem = sig & remMask;
            if (keep == (1L << p) - 1 && rem != 0 && roundUp(rm, neg, 1, rem, half)) {
                tiny = false;
            }
        }
        int sh = emin - e;
        long s = sh >= 63 ? 1L : (sig >>> sh) | ((sig & ((1L << sh) - 1)) != 0 ? 1L : 0L);
        long keep = s >>> extra;
        long rem = s & remMask;
        if (rem != 0) {
            f.flags |= tiny ? NX | UF : NX;
            if (roundUp(rm, neg, keep & 1, rem, half)) {
                keep++; // may carry into the exponent field: the smallest normal number
            }
        }
        return sign | keep;
    }

    /**
     * The amount to add to a significand before truncating its low {@code extra} bits so that the
     * truncation rounds in mode {@code rm}: branch-free rounding, since the round bits of real
     * data are unpredictable while the mode and usually the sign are not.
     */
    static long increment(int rm, boolean neg, long sig, int extra) {
        switch (rm) {
            case RNE:
                return (1L << (extra - 1)) - 1 + ((sig >>> extra) & 1);
            case RDN:
                return neg ? (1L << extra) - 1 : 0;
            case RUP:
                return neg ? 0 : (1L << extra) - 1;
            case RMM:
                return 1L << (extra - 1);
            default: // RTZ
                return 0;
        }
    }

    /** {@link #roundPack} for binary64, with a branch-free path for results in the normal range. */
    static long roundPack64(boolean neg, int e, long sig, int rm, FpFlags f) {
        if (e < -1022 || e > 1023) {
            return roundPack(neg, e, sig, rm, f, 53, -1022, 11);
        }
        f.flags |= (int) (((sig & 0x3FF) + 0x3FF) >>> 10); // NX when any round bit is set
        // the carry of a significand rounded up to 2^53 lands in the exponent field
        long bits = ((long) (e + 1022) << 52) + ((sig + increment(rm, neg, sig, 10)) >>> 10);
        if (bits >= 0x7FF0_0000_0000_0000L) {
            f.flags |= OF | NX;
            bits = overflowToInfinity(rm, neg) ? 0x7FF0_0000_0000_0000L : 0x7FEF_FFFF_FFFF_FFFFL;
        }
        return neg ? bits | 0x8000_0000_0000_0000L : bits;
    }

    /** {@link #roundPack} for binary32, with a branch-free path for results in the normal range. */
    static int roundPack32(boolean neg, int e, long sig, int rm, FpFlags f) {
        if (e < -126 || e > 127) {
            return (int) roundPack(neg, e, sig, rm, f, 24, -126, 8);
        }
        f.flags |= (int) (((sig & 0x7F_FFFF_FFFFL) + 0x7F_FFFF_FFFFL) >>> 39);
        int bits = ((e + 126) << 23) + (int) ((sig + increment(rm, neg, sig, 39)) >>> 39);
        if (bits >= 0x7F80_0000) {
            f.flags |= OF | NX;
            bits = overflowToInfinity(rm, neg) ? 0x7F80_0000 : 0x7F7F_FFFF;
        }
        return neg ? bits | 0x8000_0000 : bits;
    }

    /**
     * Rounds the exact value {@code (s + err) * 2^k} to binary64, where {@code s} is a positive
     * normal double, {@code err} is exact (or, when no tie is possible, any value of the right
     * sign that is tiny next to ulp(s)), {@code |err| <= ulp(s)/2}, and {@code s} is the
     * round-to-nearest value of {@code s + err}. Used by the slow paths, with operands scaled so
     * that the error-free transformations that produce {@code (s, err)} cannot underflow or
     * overflow; the final scaling and rounding then happen here exactly.
     */
    static long roundPair64(boolean neg, double s, double err, int k, int rm, FpFlags f) {
        long sb = Double.doubleToRawLongBits(s);
        int es = (int) (sb >>> 52) - 1023;
        long sig = ((sb & 0x000F_FFFF_FFFF_FFFFL) | 0x0010_0000_0000_0000L) << 10;
        if (err != 0) {
            // err in units of the last bit of sig: |eu| <= 2^9, exact (a power-of-two scaling).
            double eu = Math.scalb(err, 62 - es);
            long ei = (long) eu; // truncated towards zero
            boolean frac = eu != ei;
            sig += ei;
            if (eu > 0) {
                if (frac) {
                    sig |= 1;
                }
            } else {
                if (frac) {
                    sig = (sig - 1) | 1;
                }
                if (sig < 1L << 62) { // s was a power of two and the value lies just below it
                    sig <<= 1;
                    es--;
                }
            }
        }
        return roundPack64(neg, es + k, sig, rm, f);
    }

    /**
     * Rounds to binary32 the exact value {@code T} of which {@code s} (finite, nonzero) is the
     * binary64 round-to-nearest value, given {@code dir}, the sign of {@code T - s}. Exact:
     * every binary32 rounding boundary (including those of the subnormal range and of the
     * tininess test) is a binary64 number, so no boundary lies strictly between s and T.
     */
    static int roundToF32(double s, int dir, int rm, FpFlags f) {
        long sb = Double.doubleToRawLongBits(s);
        boolean neg = sb < 0;
        int ef = (int) (sb >>> 52) & 0x7FF;
        long sig;
        int e;
        if (ef != 0) {
            sig = ((sb & 0x000F_FFFF_FFFF_FFFFL) | 0x0010_0000_0000_0000L) << 10;
            e = ef - 1023;
        } else { // a binary64 subnormal (only from a narrowing conversion)
            long frac = sb & 0x000F_FFFF_FFFF_FFFFL;
            int lead = 63 - Long.numberOfLeadingZeros(frac);
            sig = frac << (62 - lead);
            e = lead - 1074;
        }
        if (dir != 0) {
            if ((dir > 0) != neg) {
                sig |= 1; // the exact magnitude is a little larger
            } else {
                sig -= 1; // a little smaller
                if (sig < 1L << 62) {
                    sig <<= 1;
                    e--;
                }
            }
        }
        return roundPack32(neg, e, sig, rm, f);
    }

    /** Sign of a double as -1, 0, 1 (0 for both zeros). */
    static int signum(double d) {
        return d > 0 ? 1 : d < 0 ? -1 : 0;
    }

    /**
     * Rounds an integer magnitude {@code m} (unsigned, non-zero) to a float format; see
     * {@link #roundPack}.
     */
    static long roundInteger(boolean neg, long m, int rm, FpFlags f, int p, int emin, int expBits) {
        int lead = 63 - Long.numberOfLeadingZeros(m);
        long sig = lead == 63 ? (m >>> 1) | (m & 1) : m << (62 - lead);
        return roundPack(neg, lead, sig, rm, f, p, emin, expBits);
    }
}
