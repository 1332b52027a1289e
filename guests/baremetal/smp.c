/* smp: several harts through SBI HSM (SBI spec v2.0 chapter 9), IPI (chapter 7) and
 * RFENCE (chapter 8), plus the A extension across harts.
 *
 * The boot hart (a0 at entry; not necessarily 0) counts the harts in the DTB (/cpus/cpu@N)
 * and starts every other one with hart_start(hart, entry, opaque): each must enter at
 * `entry` in S-mode with a0 = its hart id, a1 = opaque, satp = 0 and sstatus.SIE = 0, and
 * hart_get_status must say STARTED. Then all harts together:
 *   - amoadd.d on one counter, K times each: the total must be harts * K;
 *   - an LR/SC spin lock protecting a plain (non-atomic) counter: harts * K again;
 *   - IPIs: the boot hart sends ROUNDS IPIs to the others through SBI send_ipi and one
 *     to all harts (hart_mask_base = -1); each hart counts its supervisor software
 *     interrupts, clears sip.SSIP and acknowledges with an IPI back; counts are exact
 *     because the boot hart waits for every acknowledgement before the next round;
 *   - remote fence.i: every hart runs a function in a writable buffer, the boot hart
 *     rewrites it and calls sbi_remote_fence_i for the others, who must then run the
 *     new code without a fence.i of their own;
 *   - hart_stop: each secondary stops; hart_get_status must reach STOPPED, and a stopped
 *     hart can be started again.
 * Works with any number of harts (1 just skips the cross-hart parts); try --smp 2 and 4. */
#include "hv.h"

#define MAX_HARTS 16
#define K 20000
#define ROUNDS 5
#define SIP_SSIP (1UL << 1)
#define IRQ_S_SOFT 1

struct hart_info {
    u64 stack_top;                 /* read by secondary_entry: keep first */
    u64 magic;
    volatile u64 entered, runs;
    volatile u64 a0_seen, a1_seen, sstatus_seen, satp_seen;
    volatile u64 ipis;
    volatile u64 code1, code2;
    volatile long stop_error;
};

static struct hart_info harts[MAX_HARTS];
static u8 stacks[MAX_HARTS][8192] __attribute__((aligned(16)));
static u64 boot_hart, nharts;      /* harts that take part (the boot hart + started ones) */
static u64 present;                /* harts in the DTB */
static u64 started_mask;           /* secondaries started */
static u64 freq;

static volatile u64 amo_counter;
static volatile u64 plain_counter;
static volatile u32 lock_word;
static volatile u64 acks;
static volatile u64 fence_phase;
static volatile u32 bar_count, bar_sense;
static volatile u64 other_traps;
static volatile u64 go;                /* set once every secondary has been started */

/* The function the fence test rewrites: `li a0, 1; ret`, in writable memory. */
#define INSN_LI_A0(imm) ((u32)(((imm) & 0xfff) << 20) | (10u << 7) | 0x13u)
#define INSN_RET 0x00008067u
static volatile u32 codebuf[4] __attribute__((aligned(64))) = { INSN_LI_A0(1), INSN_RET, 0, 0 };
typedef long (*code_fn)(void);

/* Secondary harts start here: a0 = hart id, a1 = opaque = &harts[hartid]. */
void secondary_main(u64 hartid, struct hart_info *hi);
asm(".section .text\n"
    ".balign 4\n"
    ".globl secondary_entry\n"
    "secondary_entry:\n"
    ".option push\n"
    ".option norelax\n"
    "    la gp, __global_pointer$\n"
    ".option pop\n"
    "    csrr t1, sstatus\n"            /* before anything can change it */
    "    csrr t2, satp\n"
    "    ld sp, 0(a1)\n"
    "    mv tp, a0\n"
    "    sd t1, 48(a1)\n"               /* sstatus_seen */
    "    sd t2, 56(a1)\n"               /* satp_seen */
    "    la t0, trap_vector\n"
    "    csrw stvec, t0\n"
    "    csrw sscratch, zero\n"
    "    call secondary_main\n"
    "1:  wfi\n"
    "    j 1b\n");
_Static_assert(__builtin_offsetof(struct hart_info, sstatus_seen) == 48, "secondary_entry offsets");
_Static_assert(__builtin_offsetof(struct hart_info, satp_seen) == 56, "secondary_entry offsets");
extern char secondary_entry[];

static void spin_lock(volatile u32 *l)
{
    u32 tmp;
    asm volatile("1:  lr.w.aq %0, (%1)\n"
                 "    bnez    %0, 2f\n"
                 "    sc.w    %0, %2, (%1)\n"
                 "    bnez    %0, 1b\n"
                 "    j       3f\n"
                 "2:  .word   0x0100000f\n"        /* pause */
                 "    lw      %0, (%1)\n"
                 "    bnez    %0, 2b\n"
                 "    j       1b\n"
                 "3:\n"
                 : "=&r"(tmp) : "r"(l), "r"(1) : "memory");
}

static void spin_unlock(volatile u32 *l)
{
    __atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

/* Sense-reversing barrier for the nharts harts that take part. */
static void barrier(void)
{
    u32 sense = __atomic_load_n(&bar_sense, __ATOMIC_ACQUIRE);
    if (__atomic_fetch_add(&bar_count, 1, __ATOMIC_ACQ_REL) == nharts - 1) {
        bar_count = 0;
        __atomic_store_n(&bar_sense, !sense, __ATOMIC_RELEASE);
    } else {
        while (__atomic_load_n(&bar_sense, __ATOMIC_ACQUIRE) == sense)
            cpu_relax();
    }
}

static int irq_hook(struct trap_frame *f)
{
    if (f->scause == (SCAUSE_INTR | IRQ_S_SOFT)) {
        csr_clear(sip, SIP_SSIP);
        harts[f->x[4]].ipis++;                 /* x4 = tp = hart id */
        return 1;
    }
    __atomic_fetch_add(&other_traps, 1, __ATOMIC_RELAXED);
    return 0;
}

/* The work every hart does, the boot hart included. */
static void atomics_phase(void)
{
    for (int i = 0; i < K; i++)
        __atomic_fetch_add(&amo_counter, 1, __ATOMIC_RELAXED);   /* amoadd.d */
    for (int i = 0; i < K; i++) {
        spin_lock(&lock_word);
        plain_counter = plain_counter + 1;
        spin_unlock(&lock_word);
    }
}

static void fence_phase_secondary(struct hart_info *hi)
{
    asm volatile("fence.i" ::: "memory");
    hi->code1 = ((code_fn)(uintptr_t)codebuf)();
    barrier();                                   /* everyone ran version 1 */
    while (__atomic_load_n(&fence_phase, __ATOMIC_ACQUIRE) != 2)
        cpu_relax();
    hi->code2 = ((code_fn)(uintptr_t)codebuf)(); /* no local fence.i: the remote one counts */
    barrier();
}

void secondary_main(u64 hartid, struct hart_info *hi)
{
    if (hi->runs++) {
        /* started again after a stop: report and stop at once */
        hi->a0_seen = hartid;
        __atomic_store_n(&hi->entered, 2, __ATOMIC_RELEASE);
        hi->stop_error = sbi_hart_stop().error;
        return;
    }
    hi->a0_seen = hartid;
    hi->a1_seen = (u64)hi;
    __atomic_store_n(&hi->entered, 1, __ATOMIC_RELEASE);
    while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))   /* nharts is final only then */
        cpu_relax();

    barrier();                                   /* B1: all started */
    atomics_phase();
    barrier();                                   /* B2 */

    csr_set(sie, SIE_SSIE);
    csr_set(sstatus, SSTATUS_SIE);
    for (u64 r = 1; r <= ROUNDS + 1; r++) {
        if (!WAIT_FOR(hi->ipis >= r, 20 * freq))
            break;
        __atomic_fetch_add(&acks, 1, __ATOMIC_ACQ_REL);
        sbi_send_ipi(1, (s64)boot_hart);
    }
    csr_clear(sstatus, SSTATUS_SIE);
    barrier();                                   /* B3 */

    fence_phase_secondary(hi);                   /* B4, B5 inside */

    hi->stop_error = sbi_hart_stop().error;      /* returns only on failure */
}

static int wait_status(u64 hart, long want, u64 limit)
{
    u64 t0 = rdtime();
    for (;;) {
        struct sbiret r = sbi_hart_get_status(hart);
        if (r.error == 0 && r.value == want)
            return 1;
        if (rdtime() - t0 > limit)
            return 0;
        cpu_relax();
    }
}

static int wait_entered(struct hart_info *hi, u64 value, u64 limit)
{
    u64 t0 = rdtime();
    while (__atomic_load_n(&hi->entered, __ATOMIC_ACQUIRE) != value)
        if (rdtime() - t0 > limit)
            return 0;
    return 1;
}

int main(u64 hartid, const void *dtb)
{
    int len;
    const void *tb = fdt_getprop(dtb, "/cpus", "timebase-frequency", &len);
    freq = tb && len == 4 ? fdt32(tb) : 10000000;
    boot_hart = hartid;
    present = fdt_count_cpus(dtb);
    kprintf("smp: boot hart %lu, %lu harts in the DTB\n", hartid, present);
    check_true("dtb-lists-harts", present >= 1 && present <= MAX_HARTS);
    if (present < 1 || present > MAX_HARTS)
        present = 1;
    check_true("boot-hart-in-range", hartid < present);
    if (!check_true("sbi-hsm-present", sbi_probe(SBI_EXT_HSM) != 0))
        return test_summary("smp");
    check_true("sbi-ipi-present", sbi_probe(SBI_EXT_IPI) != 0);
    check_true("sbi-rfence-present", sbi_probe(SBI_EXT_RFNC) != 0);
    trap_hook = irq_hook;

    /* ---- HSM: status, errors, start --------------------------------------------------- */
    struct sbiret r = sbi_hart_get_status(hartid);
    check("status-self-started", (u64)r.value, SBI_HSM_STARTED);
    r = sbi_hart_get_status(present);
    check("status-beyond-last-hart-invalid-param", (u64)r.error, (u64)SBI_ERR_INVALID_PARAM);
    r = sbi_hart_start(present, (u64)secondary_entry, 0);
    check("start-beyond-last-hart-invalid-param", (u64)r.error, (u64)SBI_ERR_INVALID_PARAM);
    r = sbi_hart_start(hartid, (u64)secondary_entry, 0);
    check("start-self-already-available", (u64)r.error, (u64)SBI_ERR_ALREADY_AVAILABLE);

    nharts = 1;
    for (u64 h = 0; h < present; h++) {
        if (h == hartid)
            continue;
        struct hart_info *hi = &harts[h];
        hi->stack_top = (u64)&stacks[h][sizeof(stacks[h])];
        hi->magic = 0x5350u + h;
        r = sbi_hart_get_status(h);
        kprintf("hart %lu: status %ld (error %ld) before start\n", h, r.value, r.error);
        check("status-secondary-stopped", (u64)r.value, SBI_HSM_STOPPED);
        r = sbi_hart_start(h, (u64)secondary_entry, (u64)hi);
        check("hart-start-success", (u64)r.error, 0);
        if (r.error)
            continue;
        int in = wait_entered(hi, 1, 10 * freq);
        check_true("secondary-entered", in);
        if (!in)
            continue;
        started_mask |= 1UL << h;
        nharts++;
        kprintf("hart %lu: entered with a0 %lu, a1 %p, sstatus 0x%lx, satp 0x%lx\n", h, hi->a0_seen,
                (void *)hi->a1_seen, hi->sstatus_seen, hi->satp_seen);
        check("secondary-a0-hartid", hi->a0_seen, h);
        check("secondary-a1-opaque", hi->a1_seen, (u64)hi);
        check("secondary-sstatus-sie-off", hi->sstatus_seen & SSTATUS_SIE, 0);
        check("secondary-satp-0", hi->satp_seen, 0);
        check_true("status-secondary-started", wait_status(h, SBI_HSM_STARTED, 10 * freq));
        r = sbi_hart_start(h, (u64)secondary_entry, (u64)hi);
        check("start-running-hart-already-available", (u64)r.error, (u64)SBI_ERR_ALREADY_AVAILABLE);
    }
    kprintf("smp: %lu harts take part (mask 0x%lx + boot hart %lu)\n", nharts, started_mask, hartid);
    check("all-harts-started", nharts, present);

    /* ---- atomics ---------------------------------------------------------------------- */
    __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
    barrier();                                   /* B1 */
    u64 t0 = rdtime();
    atomics_phase();
    barrier();                                   /* B2 */
    u64 t1 = rdtime();
    info("atomics: %lu harts x %d amoadd + %d locked increments in %lu us", nharts, K, K,
         (t1 - t0) * 1000000 / freq);
    check("amoadd-counter", amo_counter, nharts * K);
    check("lrsc-locked-plain-counter", plain_counter, nharts * K);
    check("lock-free-at-end", lock_word, 0);

    /* ---- IPIs ------------------------------------------------------------------------- */
    csr_set(sie, SIE_SSIE);
    csr_set(sstatus, SSTATUS_SIE);
    int ipi_ok = 1;
    long ipi_err = 0;
    u64 others = nharts - 1;
    for (u64 round = 1; round <= ROUNDS && ipi_ok; round++) {
        if (others) {
            r = sbi_send_ipi(started_mask, 0);
            ipi_err |= r.error;
        }
        ipi_ok = WAIT_FOR(acks >= others * round, 20 * freq);
    }
    u64 boot_before = harts[hartid].ipis;
    r = sbi_send_ipi(0, -1);                     /* every hart, this one included */
    ipi_err |= r.error;
    int bcast_ok = WAIT_FOR(acks >= others * (ROUNDS + 1) && harts[hartid].ipis > boot_before, 20 * freq);
    csr_clear(sstatus, SSTATUS_SIE);
    barrier();                                   /* B3 */
    check("send-ipi-success", (u64)ipi_err, 0);
    check_true("ipi-rounds-acknowledged", ipi_ok);
    check_true("ipi-broadcast-acknowledged", bcast_ok);
    for (u64 h = 0; h < present; h++)
        if (started_mask >> h & 1) {
            kprintf("hart %lu: %lu IPIs\n", h, harts[h].ipis);
            check("secondary-ipi-count", harts[h].ipis, ROUNDS + 1);
        }
    kprintf("hart %lu (boot): %lu IPIs\n", hartid, harts[hartid].ipis);
    check_true("boot-hart-got-ipis", harts[hartid].ipis >= 1 && harts[hartid].ipis <= others * (ROUNDS + 1) + 1);
    check("sip-ssip-clear", csr_read(sip) & SIP_SSIP, 0);

    /* ---- remote fence.i --------------------------------------------------------------- */
    asm volatile("fence.i" ::: "memory");
    long v1 = ((code_fn)(uintptr_t)codebuf)();
    barrier();                                   /* B4: everyone ran version 1 */
    codebuf[0] = INSN_LI_A0(2);
    asm volatile("fence w, w" ::: "memory");
    r = sbi_remote_fence_i(started_mask, 0);
    asm volatile("fence.i" ::: "memory");
    long v2 = ((code_fn)(uintptr_t)codebuf)();
    __atomic_store_n(&fence_phase, 2, __ATOMIC_RELEASE);
    barrier();                                   /* B5 */
    check("code-v1-local", (u64)v1, 1);
    check("remote-fence-i-success", (u64)r.error, 0);
    check("code-v2-local", (u64)v2, 2);
    for (u64 h = 0; h < present; h++)
        if (started_mask >> h & 1) {
            check("code-v1-secondary", harts[h].code1, 1);
            check("code-v2-secondary-after-remote-fence", harts[h].code2, 2);
        }

    /* ---- hart_stop, then start again -------------------------------------------------- */
    for (u64 h = 0; h < present; h++) {
        if (!(started_mask >> h & 1))
            continue;
        int stopped = wait_status(h, SBI_HSM_STOPPED, 10 * freq);
        check_true("secondary-stopped", stopped);
        if (!stopped) {
            kprintf("hart %lu: hart_stop error %ld\n", h, harts[h].stop_error);
            continue;
        }
        r = sbi_hart_start(h, (u64)secondary_entry, (u64)&harts[h]);
        check("restart-success", (u64)r.error, 0);
        check_true("restart-entered", wait_entered(&harts[h], 2, 10 * freq));
        check_true("restart-stopped-again", wait_status(h, SBI_HSM_STOPPED, 10 * freq));
    }
    check("no-unexpected-traps", other_traps, 0);
    csr_clear(sie, SIE_SSIE);
    trap_hook = NULL;
    return test_summary("smp");
}
