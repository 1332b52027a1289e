/* fpmix: F/D arithmetic (FMA, divide, square root, conversions, min/max, sign injection,
 * classify, compare); see fpmix-kernel.S. The checksum is the bit pattern of the final
 * state, so every rounding must match IEEE 754 exactly. */
#include "bench.h"

#define ITERS 10000000UL
#define INSNS_PER_ITER 30
#define SEED 0x00000000deadbeefUL

/* The checksum of a correct RV64 implementation (QEMU 7.2 and hv agree). */
#define EXPECTED 0x459389d2a4e8c62eUL

u64 fpmix_kernel(u64 iters, u64 seed);

int main(u64 hartid, const void *dtb)
{
    (void)hartid;
    static const struct bench b = { "fpmix", ITERS * INSNS_PER_ITER, EXPECTED };
    u64 freq = bench_begin(&b, dtb);
    csr_set(sstatus, 1UL << 13);          /* FS = Initial: FP instructions allowed */
    asm volatile("csrw fcsr, zero");      /* round to nearest, no flags */
    int ok;
    u64 i0 = bench_instret(&ok);
    u64 t0 = rdtime();
    u64 sum = fpmix_kernel(ITERS, SEED);
    u64 t1 = rdtime();
    u64 i1 = bench_instret(&ok);
    return bench_end(&b, t1 - t0, freq, sum, i1 - i0, ok);
}
