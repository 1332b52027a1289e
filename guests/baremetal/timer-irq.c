/* timer-irq: supervisor timer interrupts through SBI TIME set_timer (SBI spec v2.0
 * chapter "Timer Extension") and the S-mode interrupt rules of the privileged ISA
 * (sie/sip, sstatus.SIE/SPIE/SPP, WFI, scause). Also a self-IPI through SBI IPI.
 * Counts N timer interrupts taken while waiting in WFI and prints them. */
#include "hv.h"

#define N_TICKS 5
#define IRQ_S_SOFT  1
#define IRQ_S_TIMER 5
#define SIP_SSIP (1UL << 1)
#define SIP_STIP (1UL << 5)

static volatile u64 ticks, soft_irqs, other_traps;
static volatile u64 tick_time[N_TICKS], tick_deadline[N_TICKS];
static volatile u64 next_deadline, interval;
static volatile u64 last_sstatus, last_scause;

static int irq_hook(struct trap_frame *f)
{
    last_sstatus = f->sstatus;
    last_scause = f->scause;
    if (f->scause == (SCAUSE_INTR | IRQ_S_TIMER)) {
        u64 now = rdtime();
        if (ticks < N_TICKS) {
            tick_time[ticks] = now;
            tick_deadline[ticks] = next_deadline;
        }
        ticks++;
        if (ticks < N_TICKS) {
            next_deadline += interval;
            sbi_set_timer(next_deadline);
        } else {
            sbi_set_timer(~0UL);                  /* far future: clears STIP */
        }
        return 1;
    }
    if (f->scause == (SCAUSE_INTR | IRQ_S_SOFT)) {
        soft_irqs++;
        csr_clear(sip, SIP_SSIP);
        return 1;
    }
    other_traps++;
    return 0;
}

int main(u64 hartid, const void *dtb)
{
    kprintf("timer-irq: SBI timer interrupts on hart %lu\n", hartid);
    int len;
    const void *tb = fdt_getprop(dtb, "/cpus", "timebase-frequency", &len);
    u64 freq = tb && len == 4 ? fdt32(tb) : 10000000;
    interval = freq / 100;                        /* 10 ms */
    kprintf("timebase %lu Hz, interval %lu ticks (10 ms), %d ticks\n", freq, interval, N_TICKS);
    if (!check_true("sbi-time-extension-present", sbi_probe(SBI_EXT_TIME) != 0))
        return test_summary("timer-irq");
    trap_hook = irq_hook;

    /* 1. sstatus.SIE = 0, sie.STIE = 1: no trap, but WFI still wakes up and sip.STIP
     *    shows the pending interrupt (privileged ISA: WFI resumes on any locally
     *    enabled pending interrupt regardless of the global enable). */
    csr_clear(sstatus, SSTATUS_SIE);
    csr_set(sie, SIE_STIE);
    u64 start = rdtime();
    struct sbiret r = sbi_set_timer(start + interval);
    check("set_timer-returns-success", (u64)r.error, 0);
    int pending = WAIT_FOR(csr_read(sip) & SIP_STIP, 100 * interval);
    u64 woke = rdtime();
    check_true("stip-pends-with-sie-off", pending);
    check_true("stip-not-before-deadline", woke >= start + interval);
    check("no-trap-with-sie-off", ticks + other_traps, 0);
    info("pending after %lu ticks (deadline %lu)", woke - start, interval);
    sbi_set_timer(~0UL);
    check("set_timer-future-clears-stip", csr_read(sip) & SIP_STIP, 0);

    /* 2. N periodic interrupts taken while waiting in WFI */
    next_deadline = rdtime() + interval;
    start = rdtime();
    sbi_set_timer(next_deadline);
    csr_set(sstatus, SSTATUS_SIE);
    int got_all = WAIT_FOR(ticks >= N_TICKS, (N_TICKS + 100) * interval);
    csr_clear(sstatus, SSTATUS_SIE);
    u64 end = rdtime();
    for (int i = 0; i < N_TICKS && i < (int)ticks; i++)
        kprintf("tick %d at time %lu (deadline %lu, %lu us late)\n", i + 1, tick_time[i],
                tick_deadline[i], (tick_time[i] - tick_deadline[i]) * 1000000 / freq);
    check_true("got-all-ticks", got_all);
    check("tick-count", ticks, N_TICKS);
    int early = 0;
    for (int i = 0; i < N_TICKS; i++)
        if (tick_time[i] < tick_deadline[i])
            early++;
    check("ticks-before-deadline", early, 0);
    check("trap-scause-s-timer", last_scause, SCAUSE_INTR | IRQ_S_TIMER);
    check("trap-sstatus-spp-s-mode", (last_sstatus & SSTATUS_SPP) != 0, 1);
    check("trap-sstatus-spie-was-enabled", (last_sstatus & SSTATUS_SPIE) != 0, 1);
    check("trap-sstatus-sie-cleared", (last_sstatus & SSTATUS_SIE) != 0, 0);
    info("%d ticks in %lu us (ideal %lu us)", N_TICKS, (end - start) * 1000000 / freq,
         (u64)N_TICKS * interval * 1000000 / freq);

    /* 3. sie.STIE = 0 masks the interrupt even with SIE on; unmasking delivers it. */
    csr_clear(sie, SIE_STIE);
    u64 before = ticks;
    sbi_set_timer(0);                             /* already expired */
    csr_set(sstatus, SSTATUS_SIE);
    u64 t0 = rdtime();
    while (rdtime() - t0 < 2 * interval)
        ;
    check("stie-off-masks", ticks - before, 0);
    check("stie-off-still-pending", (csr_read(sip) & SIP_STIP) != 0, 1);
    csr_set(sie, SIE_STIE);
    asm volatile("nop");                          /* taken here, at the latest */
    check("stie-on-delivers", ticks - before, 1);
    csr_clear(sstatus, SSTATUS_SIE);
    sbi_set_timer(~0UL);

    /* 4. self-IPI through SBI IPI send_ipi(hart_mask = 1, base = hartid) */
    if (sbi_probe(SBI_EXT_IPI)) {
        csr_set(sie, SIE_SSIE);
        csr_set(sstatus, SSTATUS_SIE);
        r = sbi_call(SBI_EXT_IPI, 0, 1, (long)hartid, 0, 0, 0, 0);
        check("send_ipi-self-returns-success", (u64)r.error, 0);
        int ok = WAIT_FOR(soft_irqs >= 1, 10 * interval);
        csr_clear(sstatus, SSTATUS_SIE);
        check_true("self-ipi-delivered", ok);
        check("self-ipi-count", soft_irqs, 1);
    } else {
        info("no SBI IPI extension, skipping self-IPI");
    }
    check("no-unexpected-traps", other_traps, 0);
    csr_clear(sie, SIE_STIE | SIE_SSIE);
    trap_hook = NULL;
    return test_summary("timer-irq");
}
