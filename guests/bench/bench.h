/* Harness of hv's CPU benchmarks: timing with the time CSR, the instruction count worked
 * out from the kernel's loop structure, instret when S-mode may read it, one result line. */
#ifndef HV_BENCH_H
#define HV_BENCH_H
#include "hv.h"

struct bench {
    const char *name;
    u64 insns;            /* retired instructions of the timed call, from the loop structure */
    u64 expected;         /* checksum every correct RV64 implementation must produce */
};

/* Prints the header; returns the timebase frequency (DTB, else 10 MHz). */
u64 bench_begin(const struct bench *b, const void *dtb);
/* Reads instret, or returns 0 and sets *ok = 0 when it traps (not readable here). */
u64 bench_instret(int *ok);
/* Prints the results, checks the checksum, returns the failure count for main. */
int bench_end(const struct bench *b, u64 ticks, u64 freq, u64 checksum, u64 instret, int instret_ok);

#endif
