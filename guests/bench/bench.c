/* Harness of hv's CPU benchmarks (see bench.h). Output, for run.sh:
 *   BENCH name=<n> insns=<n> ticks=<n> freq=<hz> checksum=0x<x> instret=<n|none>
 * then a human-readable line, a PASS/FAIL line for the checksum and the summary. */
#include "bench.h"

static volatile int instret_trapped;

static int instret_hook(struct trap_frame *f)
{
    if (f->scause == 2) {                 /* illegal instruction: instret not readable */
        instret_trapped = 1;
        f->x[15] = 0;                     /* a5 is the destination below */
        f->sepc += insn_len(f->sepc);
        return 1;
    }
    return 0;
}

u64 bench_instret(int *ok)
{
    trap_hook_t old = trap_hook;
    trap_hook = instret_hook;
    instret_trapped = 0;
    register u64 v asm("a5");
    asm volatile("rdinstret %0" : "=r"(v) :: "memory");
    trap_hook = old;
    *ok = !instret_trapped;
    return v;
}

u64 bench_begin(const struct bench *b, const void *dtb)
{
    int len;
    const void *tb = fdt_getprop(dtb, "/cpus", "timebase-frequency", &len);
    u64 freq = tb && len == 4 ? fdt32(tb) : 10000000;
    kprintf("%s: %lu instructions, timebase %lu Hz\n", b->name, b->insns, freq);
    return freq;
}

int bench_end(const struct bench *b, u64 ticks, u64 freq, u64 checksum, u64 instret, int instret_ok)
{
    if (!ticks)
        ticks = 1;
    u64 us = ticks * 1000000 / freq;
    u64 mips10 = b->insns * 10 / us;      /* instructions per microsecond, x10 */
    if (instret_ok)
        kprintf("BENCH name=%s insns=%lu ticks=%lu freq=%lu checksum=0x%lx instret=%lu\n", b->name,
                b->insns, ticks, freq, checksum, instret);
    else
        kprintf("BENCH name=%s insns=%lu ticks=%lu freq=%lu checksum=0x%lx instret=none\n", b->name,
                b->insns, ticks, freq, checksum);
    kprintf("%s: %lu.%06lu s guest time, %lu.%lu MIPS\n", b->name, us / 1000000, us % 1000000,
            mips10 / 10, mips10 % 10);
    if (instret_ok)
        info("instret delta %lu (structure says %lu; under QEMU TCG without -icount instret is not an instruction count)",
             instret, b->insns);
    check("checksum", checksum, b->expected);
    return test_summary(b->name);
}
