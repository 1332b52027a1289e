package hv.arch.riscv.sbi;

import hv.core.vcpu.HartControl;

/** Hart mask helpers (SBI v2.0 section 3.1: hart_mask and hart_mask_base, base -1 = all harts). */
final class Harts {

    private Harts() {
    }

    /** True when every hart named by (mask, base) exists. */
    static boolean valid(HartControl hc, long mask, long base) {
        if (base == -1) {
            return true;
        }
        int count = hc.count();
        for (int i = 0; i < 64; i++) {
            if ((mask >>> i & 1) != 0) {
                long h = base + i;
                if (base < 0 || h < base || h >= count) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The i-th bit of the selection as a hart id, or -1; call only after {@link #valid}. */
    static void forEach(HartControl hc, long mask, long base, java.util.function.IntConsumer action) {
        if (base == -1) {
            for (int h = 0; h < hc.count(); h++) {
                action.accept(h);
            }
            return;
        }
        for (int i = 0; i < 64; i++) {
            if ((mask >>> i & 1) != 0) {
                action.accept((int) (base + i));
            }
        }
    }
}
