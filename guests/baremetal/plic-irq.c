/* plic-irq: external interrupts through the PLIC (RISC-V PLIC specification 1.0.0) from
 * the ns16550a UART (PC16550D datasheet, June 1995), without a terminal: the UART's
 * loopback mode (MCR bit 4) feeds every transmitted byte back into its receiver.
 *
 * UART irq 10 is given priority 1 and enabled in this hart's S-mode context (2 * hart + 1);
 * sie.SEIE and sstatus.SIE let the interrupt in; the trap handler claims the source,
 * serves one UART interrupt (received data, or THR empty) and completes it. Checks:
 * PLIC register read-back, receive interrupts one at a time and in a burst, the pending
 * bit and sip.SEIP while masked, masking by threshold, by the enable bit and by priority 0,
 * interrupt-driven transmission (THRE: one interrupt per byte plus the last one), the
 * IIR values, and the loopback modem lines (RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD).
 *
 * While loopback is on the console is disconnected, so nothing is printed until it is off:
 * each phase records what it saw and prints its checks afterwards. */
#include "hv.h"

#define IRQ_S_TIMER 5
#define IRQ_S_EXT 9
#define UART_IRQ 10

#define PLIC_BASE 0x0c000000UL
#define PLIC_PRIO(src)          (PLIC_BASE + 4UL * (src))
#define PLIC_PENDING(src)       (PLIC_BASE + 0x1000UL + 4UL * ((src) / 32))
#define PLIC_ENABLE(ctx, src)   (PLIC_BASE + 0x2000UL + 0x80UL * (ctx) + 4UL * ((src) / 32))
#define PLIC_THRESHOLD(ctx)     (PLIC_BASE + 0x200000UL + 0x1000UL * (ctx))
#define PLIC_CLAIM(ctx)         (PLIC_BASE + 0x200004UL + 0x1000UL * (ctx))

#define UART_RBR 0
#define UART_THR 0
#define UART_IER 1
#define UART_IIR 2
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6
#define UART_SCR 7
#define IER_ERBFI 0x01
#define IER_ETBEI 0x02
#define MCR_DTR  0x01
#define MCR_RTS  0x02
#define MCR_OUT1 0x04
#define MCR_OUT2 0x08
#define MCR_LOOP 0x10
#define LSR_DR   0x01
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define SIP_SEIP (1UL << 9)

static inline u8 uart_rd(int r) { return mmio_r8(UART_BASE + r); }
static inline void uart_wr(int r, u8 v) { mmio_w8(UART_BASE + r, v); }

static u64 ctx;                              /* this hart's S-mode PLIC context */
/* Under OpenSBI (SBI implementation id 1), i.e. on the QEMU reference, tolerate QEMU's
 * known PLIC deviation (see the enable test) instead of failing; elsewhere be strict. */
static int reference_quirks;
static volatile u32 ext_irqs, rx_irqs, thre_irqs, spurious, other_src, other_traps;
static volatile u32 last_claim, last_iir, watchdog_fired;
static volatile u8 rxbuf[64];
static volatile u32 rxn;
static const char *volatile tx_ptr;
static volatile u32 tx_left;

static void rx_drain(void)
{
    while (uart_rd(UART_LSR) & LSR_DR) {
        u8 b = uart_rd(UART_RBR);
        if (rxn < sizeof(rxbuf))
            rxbuf[rxn] = b;
        rxn++;
    }
}

/* One claim per trap, one UART interrupt per claim: a source still asserted after the
 * completion pends again and traps again, so every count below is exact. */
static int irq_hook(struct trap_frame *f)
{
    if (f->scause == (SCAUSE_INTR | IRQ_S_TIMER)) {
        watchdog_fired++;
        sbi_set_timer(~0UL);
        return 1;
    }
    if (f->scause != (SCAUSE_INTR | IRQ_S_EXT)) {
        other_traps++;
        return 0;
    }
    ext_irqs++;
    u32 id = mmio_r32(PLIC_CLAIM(ctx));
    last_claim = id;
    if (id == 0) {
        spurious++;
        return 1;
    }
    if (id == UART_IRQ) {
        u8 iir = uart_rd(UART_IIR);
        last_iir = iir;
        switch (iir & 0x0f) {
        case 0x04: /* received data available */
        case 0x0c: /* character timeout */
            rx_irqs++;
            rx_drain();
            break;
        case 0x02: /* THR empty (reading IIR cleared it) */
            thre_irqs++;
            if (tx_left) {
                tx_left--;
                uart_wr(UART_THR, (u8)*tx_ptr++);
            } else {
                uart_wr(UART_IER, uart_rd(UART_IER) & ~IER_ETBEI);
            }
            break;
        case 0x06: /* line status */
            (void)uart_rd(UART_LSR);
            break;
        case 0x00: /* modem status */
            (void)uart_rd(UART_MSR);
            break;
        default:
            break;
        }
    } else {
        other_src++;
    }
    mmio_w32(PLIC_CLAIM(ctx), id);
    return 1;
}

/* An SBI timer interrupt `ticks` from now (0: none), so that a WFI waiting for an
 * interrupt that never comes still wakes up and the check fails instead of hanging. */
static void watchdog(u64 ticks)
{
    if (ticks) {
        sbi_set_timer(rdtime() + ticks);
        csr_set(sie, SIE_STIE);
    } else {
        csr_clear(sie, SIE_STIE);
        sbi_set_timer(~0UL);
    }
}

static void reset_counts(void)
{
    ext_irqs = rx_irqs = thre_irqs = spurious = other_src = 0;
    rxn = 0;
    last_claim = 0;
    last_iir = 0;
}

static u32 pending_bit(void)
{
    return (mmio_r32(PLIC_PENDING(UART_IRQ)) >> (UART_IRQ % 32)) & 1;
}

static void enable_src(int on)
{
    u32 v = mmio_r32(PLIC_ENABLE(ctx, UART_IRQ));
    u32 bit = 1u << (UART_IRQ % 32);
    mmio_w32(PLIC_ENABLE(ctx, UART_IRQ), on ? (v | bit) : (v & ~bit));
}

static void busy_wait(u64 ticks)
{
    u64 t0 = rdtime();
    while (rdtime() - t0 < ticks)
        ;
}

/* Like WAIT_FOR but spinning with interrupts open instead of sleeping in WFI: a missing
 * interrupt then costs `limit` ticks instead of hanging the program. */
#define POLL_FOR(cond, limit) ({ u64 __t0 = rdtime(); \
    while (!(cond) && rdtime() - __t0 < (limit)) \
        ; \
    (cond); })

static void loopback(int on, u8 extra)
{
    uart_wr(UART_MCR, on ? (u8)(MCR_LOOP | extra) : extra);
}

int main(u64 hartid, const void *dtb)
{
    int len;
    const void *tb = fdt_getprop(dtb, "/cpus", "timebase-frequency", &len);
    u64 freq = tb && len == 4 ? fdt32(tb) : 10000000;
    u64 ms = freq / 1000;
    ctx = 2 * hartid + 1;
    reference_quirks = sbi_call(SBI_EXT_BASE, 1, 0, 0, 0, 0, 0, 0).value == 1;
    kprintf("plic-irq: UART irq %d through the PLIC, S context %lu of hart %lu\n", UART_IRQ, ctx, hartid);

    u8 saved_mcr = uart_rd(UART_MCR);
    uart_wr(UART_IER, 0);
    uart_wr(UART_LCR, 0x03);                      /* 8N1, DLAB 0 */
    uart_wr(UART_FCR, 0x07);                      /* FIFOs on and cleared, trigger 1 byte */
    while (uart_rd(UART_LSR) & LSR_DR)            /* nothing stale in the receiver */
        (void)uart_rd(UART_RBR);

    /* ---- 1. PLIC registers --------------------------------------------------------- */
    mmio_w32(PLIC_PRIO(UART_IRQ), 7);
    check("plic-priority-7-reads-back", mmio_r32(PLIC_PRIO(UART_IRQ)), 7);
    mmio_w32(PLIC_PRIO(UART_IRQ), 1);
    check("plic-priority-1-reads-back", mmio_r32(PLIC_PRIO(UART_IRQ)), 1);
    check("plic-priority-source0-is-0", mmio_r32(PLIC_PRIO(0)), 0);
    mmio_w32(PLIC_THRESHOLD(ctx), 5);
    check("plic-threshold-reads-back", mmio_r32(PLIC_THRESHOLD(ctx)), 5);
    mmio_w32(PLIC_THRESHOLD(ctx), 0);
    check("plic-threshold-0", mmio_r32(PLIC_THRESHOLD(ctx)), 0);
    enable_src(1);
    check("plic-enable-reads-back", (mmio_r32(PLIC_ENABLE(ctx, UART_IRQ)) >> (UART_IRQ % 32)) & 1, 1);
    check("plic-not-pending-when-idle", pending_bit(), 0);
    check("plic-claim-nothing-is-0", mmio_r32(PLIC_CLAIM(ctx)), 0);

    /* UART registers that need no interrupt */
    uart_wr(UART_SCR, 0x5a);
    check("uart-scratch", uart_rd(UART_SCR), 0x5a);
    check("uart-iir-no-interrupt", uart_rd(UART_IIR) & 0x0f, 0x01);
    check("uart-iir-fifos-enabled", uart_rd(UART_IIR) & 0xc0, 0xc0);
    check("uart-lsr-thre-temt", uart_rd(UART_LSR) & (LSR_THRE | LSR_TEMT), LSR_THRE | LSR_TEMT);
    loopback(1, MCR_RTS | MCR_DTR);
    u8 msr1 = uart_rd(UART_MSR);
    loopback(1, MCR_OUT1 | MCR_OUT2);
    u8 msr2 = uart_rd(UART_MSR);
    loopback(0, saved_mcr);
    check("uart-loopback-rts-dtr-to-cts-dsr", msr1 & 0xf0, 0x30);
    check("uart-loopback-out1-out2-to-ri-dcd", msr2 & 0xf0, 0xc0);

    trap_hook = irq_hook;
    csr_set(sie, SIE_SEIE);

    /* ---- 2. one received byte, then eight one at a time ----------------------------- */
    reset_counts();
    uart_wr(UART_IER, IER_ERBFI);
    csr_set(sstatus, SSTATUS_SIE);
    loopback(1, MCR_OUT2);
    uart_wr(UART_THR, 'A');
    watchdog(1000 * ms);                          /* WFI below must wake even if no irq came */
    int got1 = WAIT_FOR(rxn >= 1, 100 * ms);
    u32 e1 = ext_irqs, r1 = rx_irqs, c1 = last_claim, i1 = last_iir;
    int seq_ok = 1;
    for (int i = 0; i < 8 && seq_ok; i++) {
        uart_wr(UART_THR, (u8)('a' + i));
        seq_ok = WAIT_FOR(rxn >= (u32)(2 + i), 100 * ms);
    }
    watchdog(0);
    csr_clear(sstatus, SSTATUS_SIE);
    loopback(0, saved_mcr);
    check_true("rx-irq-taken", got1);
    check("rx-irq-one-external-interrupt", e1, 1);
    check("rx-irq-one-rx-interrupt", r1, 1);
    check("rx-irq-claim-id", c1, UART_IRQ);
    /* 0x4 received data available; 0xc character timeout is legal too (same priority; QEMU
     * reports it when its timeout timer ran before the handler read IIR) */
    check_true("rx-irq-iir-rx-data", (i1 & 0x0f) == 0x04 || (i1 & 0x0f) == 0x0c);
    check("rx-irq-byte", rxbuf[0], 'A');
    check_true("rx-seq-all-received", seq_ok);
    check("rx-seq-interrupts", rx_irqs, 9);
    check("rx-seq-external-interrupts", ext_irqs, 9);
    int match = 1;
    for (int i = 0; i < 8; i++)
        if (rxbuf[1 + i] != 'a' + i)
            match = 0;
    check_true("rx-seq-bytes", match);
    check("no-spurious-claims", spurious, 0);

    /* ---- 3. a burst while masked: pending bit, sip.SEIP, one interrupt drains all --- */
    reset_counts();
    loopback(1, MCR_OUT2);
    for (int i = 0; i < 8; i++)
        uart_wr(UART_THR, (u8)('0' + i));
    busy_wait(2 * ms);
    u32 pend = pending_bit();
    u64 seip = csr_read(sip) & SIP_SEIP;
    u32 before = ext_irqs;
    csr_set(sstatus, SSTATUS_SIE);
    int burst_ok = POLL_FOR(rxn >= 8, 100 * ms);
    csr_clear(sstatus, SSTATUS_SIE);
    loopback(0, saved_mcr);
    check("burst-no-trap-while-sie-off", before, 0);
    check("burst-plic-pending", pend, 1);
    check_true("burst-sip-seip", seip != 0);
    check_true("burst-all-received", burst_ok);
    check("burst-count", rxn, 8);
    match = 1;
    for (int i = 0; i < 8; i++)
        if (rxbuf[i] != '0' + i)
            match = 0;
    check_true("burst-bytes-in-order", match);
    check("burst-one-interrupt", rx_irqs, 1);
    check("burst-not-pending-after", pending_bit(), 0);

    /* ---- 4. masking: threshold, enable bit, priority 0 ------------------------------ */
    reset_counts();
    csr_set(sstatus, SSTATUS_SIE);
    loopback(1, MCR_OUT2);
    /* threshold = priority: "interrupts with priority <= threshold are masked" */
    mmio_w32(PLIC_THRESHOLD(ctx), 1);
    uart_wr(UART_THR, 'T');
    busy_wait(2 * ms);
    u32 th_irqs = ext_irqs, th_pend = pending_bit();
    u64 th_seip = csr_read(sip) & SIP_SEIP;
    mmio_w32(PLIC_THRESHOLD(ctx), 0);
    int th_ok = POLL_FOR(rxn >= 1, 100 * ms);
    /* enable bit off */
    u32 en_base = ext_irqs;
    enable_src(0);
    uart_wr(UART_THR, 'E');
    busy_wait(2 * ms);
    u32 en_irqs = ext_irqs - en_base, en_pend = pending_bit();
    enable_src(1);
    int en_ok = POLL_FOR(rxn >= 2, 100 * ms);
    int en_quirk = 0;
    if (!en_ok && reference_quirks) {
        /* QEMU's sifive_plic does not re-evaluate its outputs on an enable write (only on
         * priority, threshold, claim/complete and line changes); a threshold write does. */
        en_quirk = 1;
        mmio_w32(PLIC_THRESHOLD(ctx), 0);
        en_ok = POLL_FOR(rxn >= 2, 100 * ms);
    }
    /* priority 0: never interrupts */
    u32 pr_base = ext_irqs;
    mmio_w32(PLIC_PRIO(UART_IRQ), 0);
    uart_wr(UART_THR, 'P');
    busy_wait(2 * ms);
    u32 pr_irqs = ext_irqs - pr_base;
    mmio_w32(PLIC_PRIO(UART_IRQ), 1);
    int pr_ok = POLL_FOR(rxn >= 3, 100 * ms);
    csr_clear(sstatus, SSTATUS_SIE);
    loopback(0, saved_mcr);
    check("threshold-masks", th_irqs, 0);
    check("threshold-still-pending", th_pend, 1);
    check("threshold-no-seip", th_seip, 0);
    check_true("threshold-lowered-delivers", th_ok);
    check("enable-off-masks", en_irqs, 0);
    check("enable-off-still-pending", en_pend, 1);
    if (en_quirk)
        info("enable-on-delivers: needed a threshold write to deliver (known QEMU PLIC deviation, tolerated under OpenSBI only)");
    check_true("enable-on-delivers", en_ok);
    check("priority-0-masks", pr_irqs, 0);
    check_true("priority-1-delivers", pr_ok);
    check("masking-bytes", rxn == 3 && rxbuf[0] == 'T' && rxbuf[1] == 'E' && rxbuf[2] == 'P', 1);
    check("masking-interrupts", rx_irqs, 3);

    /* ---- 5. interrupt-driven transmission: THRE ------------------------------------ */
    static const char msg[] = "hv-plic!";
    reset_counts();
    tx_ptr = msg;
    tx_left = sizeof(msg) - 1;
    loopback(1, MCR_OUT2);
    csr_set(sstatus, SSTATUS_SIE);
    uart_wr(UART_IER, IER_ETBEI);                 /* THR is empty: interrupts at once */
    int tx_ok = POLL_FOR(tx_left == 0 && !(uart_rd(UART_IER) & IER_ETBEI), 100 * ms);
    csr_clear(sstatus, SSTATUS_SIE);
    u32 tx_thre = thre_irqs, tx_ext = ext_irqs, tx_iir = last_iir;
    rx_drain();                                   /* the looped-back bytes, polled */
    loopback(0, saved_mcr);
    check_true("thre-all-sent", tx_ok);
    check("thre-interrupts", tx_thre, sizeof(msg));       /* one per byte + the last */
    check("thre-external-interrupts", tx_ext, sizeof(msg));
    check("thre-iir", tx_iir & 0x0f, 0x02);
    check("thre-looped-back-count", rxn, sizeof(msg) - 1);
    check_true("thre-looped-back-bytes", rxn == sizeof(msg) - 1 && !memcmp((const void *)rxbuf, msg, rxn));
    check("thre-ier-off-at-end", uart_rd(UART_IER) & IER_ETBEI, 0);

    /* ---- 6. quiet again ----------------------------------------------------------- */
    uart_wr(UART_IER, 0);
    check("end-iir-no-interrupt", uart_rd(UART_IIR) & 0x0f, 0x01);
    check("end-not-pending", pending_bit(), 0);
    check("end-claim-nothing", mmio_r32(PLIC_CLAIM(ctx)), 0);
    check("no-other-sources", other_src, 0);
    check("no-other-traps", other_traps, 0);
    check("watchdog-never-fired", watchdog_fired, 0);
    csr_clear(sie, SIE_SEIE);
    enable_src(0);
    mmio_w32(PLIC_PRIO(UART_IRQ), 0);
    trap_hook = NULL;
    return test_summary("plic-irq");
}
