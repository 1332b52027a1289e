/* memchase: random pointer chasing over 4 MiB (512 Ki 8-byte elements forming one random
 * cycle, Sattolo's algorithm with a fixed xorshift seed), so nearly every load misses
 * the caches and TLBs of a real machine and every translation cache of an emulator.
 * The setup is not timed; see memchase-kernel.S for the timed loop. */
#include "bench.h"

#define ELEMS (4UL * 1024 * 1024 / 8)
#define STEPS 16000000UL                 /* multiple of 8 */
#define INSNS (STEPS / 8 * 11)

/* The checksum of a correct RV64 implementation (QEMU 7.2 and hv agree). */
#define EXPECTED 0x3d1d493e530UL

u64 memchase_kernel(u64 *start, u64 steps);

static u64 ring[ELEMS] __attribute__((aligned(4096)));
static u32 perm[ELEMS];

static u64 rng = 0x2545f4914f6cdd1dUL;
static u64 next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

int main(u64 hartid, const void *dtb)
{
    (void)hartid;
    static const struct bench b = { "memchase", INSNS, EXPECTED };
    u64 freq = bench_begin(&b, dtb);
    /* Sattolo: a uniformly random single cycle through all elements */
    for (u64 i = 0; i < ELEMS; i++)
        perm[i] = (u32)i;
    for (u64 i = ELEMS - 1; i > 0; i--) {
        u64 j = next_random() % i;
        u32 t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (u64 i = 0; i < ELEMS; i++)
        ring[perm[i]] = (u64)&ring[perm[(i + 1) % ELEMS]];
    int ok;
    u64 i0 = bench_instret(&ok);
    u64 t0 = rdtime();
    u64 sum = memchase_kernel(&ring[0], STEPS);
    u64 t1 = rdtime();
    u64 i1 = bench_instret(&ok);
    /* The kernel sums STEPS / 8 + 1 element addresses: subtract the base of ring[] from
     * each, so the checksum does not depend on where ring[] is linked. */
    sum -= (STEPS / 8 + 1) * (u64)ring;
    return bench_end(&b, t1 - t0, freq, sum, i1 - i0, ok);
}
