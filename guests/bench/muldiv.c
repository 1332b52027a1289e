/* muldiv: multiply/divide mix (M extension, 64-bit and W forms, signed overflow);
 * see muldiv-kernel.S. */
#include "bench.h"

#define ITERS 60000000UL
#define INSNS_PER_ITER 28
#define SEED 0x0123456789abcdefUL

/* The checksum of a correct RV64 implementation (QEMU 7.2 and hv agree). */
#define EXPECTED 0xa7b05f2464669837UL

u64 muldiv_kernel(u64 iters, u64 seed);

int main(u64 hartid, const void *dtb)
{
    (void)hartid;
    static const struct bench b = { "muldiv", ITERS * INSNS_PER_ITER, EXPECTED };
    u64 freq = bench_begin(&b, dtb);
    int ok;
    u64 i0 = bench_instret(&ok);
    u64 t0 = rdtime();
    u64 sum = muldiv_kernel(ITERS, SEED);
    u64 t1 = rdtime();
    u64 i1 = bench_instret(&ok);
    return bench_end(&b, t1 - t0, freq, sum, i1 - i0, ok);
}
