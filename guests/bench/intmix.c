/* intmix: integer mix (adds, shifts, logic, compares, W-forms, a data-dependent branch,
 * compressed instructions); see intmix-kernel.S. */
#include "bench.h"

#define ITERS 120000000UL
#define INSNS_PER_ITER 24
#define SEED 0x123456789abcdefUL

/* The checksum of a correct RV64 implementation (QEMU 7.2 and hv agree). */
#define EXPECTED 0xcc47fbe547cc3671UL

u64 intmix_kernel(u64 iters, u64 seed);

int main(u64 hartid, const void *dtb)
{
    (void)hartid;
    static const struct bench b = { "intmix", ITERS * INSNS_PER_ITER, EXPECTED };
    u64 freq = bench_begin(&b, dtb);
    int ok;
    u64 i0 = bench_instret(&ok);
    u64 t0 = rdtime();
    u64 sum = intmix_kernel(ITERS, SEED);
    u64 t1 = rdtime();
    u64 i1 = bench_instret(&ok);
    return bench_end(&b, t1 - t0, freq, sum, i1 - i0, ok);
}
