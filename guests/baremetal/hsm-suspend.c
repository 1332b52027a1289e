/* hsm-suspend: SBI HSM hart_suspend (SBI spec v2.0 section 9.4) and the SUSPENDED state
 * hart_get_status must report (section 9.1, "SUSPENDED (4)") while a hart sleeps in it.
 *
 *   - on the boot hart: a retentive suspend (type 0) woken by an SBI timer interrupt
 *     (sie.STIE on, sstatus.SIE off) returns 0, not before the deadline; a reserved
 *     suspend type (1) is refused with INVALID_PARAM;
 *   - with a second hart (--smp 2 or more): it suspends retentively; its status must be
 *     SUSPENDED, an IPI resumes it, the call returns 0 and the status is STARTED again.
 *     Then a non-retentive suspend (type 0x80000000): status SUSPENDED, an IPI resumes it
 *     at the resume address with a0 = hart id, a1 = opaque, satp = 0, sstatus.SIE = 0.
 * With one hart only the boot-hart part runs. */
#include "hv.h"

#define SIP_SSIP (1UL << 1)
#define SIP_STIP (1UL << 5)
#define RETENTIVE 0x00000000UL
#define NON_RETENTIVE 0x80000000UL

struct hart_info {
    u64 stack_top;                 /* read by the entry code: keep first */
    volatile u64 stage;            /* what the secondary is doing (see below) */
    volatile long ret_error;       /* retentive suspend: the call's error */
    volatile u64 a0_seen, a1_seen, sstatus_seen, satp_seen;
};
static struct hart_info sec;
static u8 sec_stack[8192] __attribute__((aligned(16)));

void secondary_main(u64 hartid, struct hart_info *hi);
void resume_main(u64 hartid, struct hart_info *hi);
/* Both entries: a0 = hart id, a1 = opaque = &sec. Record sstatus and satp first. */
asm(".section .text\n"
    ".balign 4\n"
    ".globl secondary_entry, resume_entry\n"
    "secondary_entry:\n"
    "    la t3, secondary_main\n"
    "    j 1f\n"
    "resume_entry:\n"
    "    la t3, resume_main\n"
    "1:\n"
    ".option push\n"
    ".option norelax\n"
    "    la gp, __global_pointer$\n"
    ".option pop\n"
    "    csrr t1, sstatus\n"
    "    csrr t2, satp\n"
    "    sd t1, 40(a1)\n"               /* sstatus_seen */
    "    sd t2, 48(a1)\n"               /* satp_seen */
    "    ld sp, 0(a1)\n"
    "    mv tp, a0\n"
    "    la t0, trap_vector\n"
    "    csrw stvec, t0\n"
    "    jalr t3\n"
    "2:  wfi\n"
    "    j 2b\n");
_Static_assert(__builtin_offsetof(struct hart_info, sstatus_seen) == 40, "entry offsets");
_Static_assert(__builtin_offsetof(struct hart_info, satp_seen) == 48, "entry offsets");
extern char secondary_entry[], resume_entry[];

/* stage: 1 entered, 2 about to suspend retentively, 3 resumed from it, 4 about to
 * suspend non-retentively, 5 entered at the resume address */
static void set_stage(struct hart_info *hi, u64 s) { __atomic_store_n(&hi->stage, s, __ATOMIC_RELEASE); }

void secondary_main(u64 hartid, struct hart_info *hi)
{
    (void)hartid;
    set_stage(hi, 1);
    csr_clear(sstatus, SSTATUS_SIE);
    csr_set(sie, SIE_SSIE);                       /* an IPI wakes it, no trap is taken */
    while (__atomic_load_n(&hi->stage, __ATOMIC_ACQUIRE) != 2)
        cpu_relax();                              /* the boot hart says go */
    hi->ret_error = sbi_call(SBI_EXT_HSM, 3, RETENTIVE, 0, 0, 0, 0, 0).error;
    csr_clear(sip, SIP_SSIP);
    set_stage(hi, 3);
    while (__atomic_load_n(&hi->stage, __ATOMIC_ACQUIRE) != 4)
        cpu_relax();
    hi->a0_seen = hi->a1_seen = 0;
    struct sbiret r = sbi_call(SBI_EXT_HSM, 3, NON_RETENTIVE, (long)resume_entry, (long)hi, 0, 0, 0);
    hi->ret_error = r.error;                      /* only reached when it failed */
    set_stage(hi, 99);
}

void resume_main(u64 hartid, struct hart_info *hi)
{
    hi->a0_seen = hartid;
    hi->a1_seen = (u64)hi;
    csr_clear(sip, SIP_SSIP);
    set_stage(hi, 5);
    sbi_hart_stop();
}

static u64 freq;

static int wait_stage(u64 s, u64 limit)
{
    u64 t = rdtime();
    while (__atomic_load_n(&sec.stage, __ATOMIC_ACQUIRE) != s)
        if (rdtime() - t > limit)
            return 0;
    return 1;
}

static long status_of(u64 h)
{
    return sbi_hart_get_status(h).value;
}

/* Polls hart_get_status until `want` or the limit; returns the last status seen. */
static long wait_status(u64 h, long want, u64 limit)
{
    u64 t = rdtime();
    long s;
    while ((s = status_of(h)) != want && rdtime() - t < limit)
        cpu_relax();
    return s;
}

int main(u64 hartid, const void *dtb)
{
    int len;
    const void *tb = fdt_getprop(dtb, "/cpus", "timebase-frequency", &len);
    freq = tb && len == 4 ? fdt32(tb) : 10000000;
    int harts = fdt_count_cpus(dtb);
    kprintf("hsm-suspend: boot hart %lu, %d harts\n", hartid, harts);
    if (!check_true("sbi-hsm-present", sbi_probe(SBI_EXT_HSM) != 0))
        return test_summary("hsm-suspend");

    /* ---- the boot hart: retentive suspend until a timer interrupt -------------------- */
    csr_clear(sstatus, SSTATUS_SIE);
    csr_set(sie, SIE_STIE);
    u64 deadline = rdtime() + freq / 100;         /* 10 ms */
    sbi_set_timer(deadline);
    struct sbiret r = sbi_call(SBI_EXT_HSM, 3, RETENTIVE, 0, 0, 0, 0, 0);
    u64 woke = rdtime();
    u64 stip = csr_read(sip) & SIP_STIP;
    sbi_set_timer(~0UL);
    csr_clear(sie, SIE_STIE);
    check("self-retentive-suspend-returns-success", (u64)r.error, 0);
    check_true("self-resumed-by-timer", stip != 0 && woke >= deadline);
    r = sbi_call(SBI_EXT_HSM, 3, 1, 0, 0, 0, 0, 0);
    check("reserved-suspend-type-invalid-param", (u64)r.error, (u64)SBI_ERR_INVALID_PARAM);

    if (harts < 2) {
        info("one hart: run with --smp 2 for the suspended-state checks");
        return test_summary("hsm-suspend");
    }
    u64 h = hartid == 0 ? 1 : 0;

    /* ---- a second hart: retentive suspend, woken by an IPI --------------------------- */
    sec.stack_top = (u64)&sec_stack[sizeof(sec_stack)];
    r = sbi_hart_start(h, (u64)secondary_entry, (u64)&sec);
    check("hart-start", (u64)r.error, 0);
    check_true("secondary-entered", wait_stage(1, 10 * freq));
    set_stage(&sec, 2);
    long st = wait_status(h, SBI_HSM_SUSPENDED, 2 * freq);
    kprintf("hart %lu: status %ld in a retentive hart_suspend\n", h, st);
    check("retentive-status-suspended", (u64)st, SBI_HSM_SUSPENDED);
    check("retentive-not-resumed-before-ipi", sec.stage, 2);
    sbi_send_ipi(1, (s64)h);
    check_true("retentive-resumed-by-ipi", wait_stage(3, 10 * freq));
    check("retentive-suspend-returns-success", (u64)sec.ret_error, 0);
    check("retentive-status-started-after", (u64)wait_status(h, SBI_HSM_STARTED, 2 * freq), SBI_HSM_STARTED);

    /* ---- non-retentive suspend: resumes at the resume address ------------------------- */
    set_stage(&sec, 4);
    st = wait_status(h, SBI_HSM_SUSPENDED, 2 * freq);
    kprintf("hart %lu: status %ld in a non-retentive hart_suspend\n", h, st);
    check("non-retentive-status-suspended", (u64)st, SBI_HSM_SUSPENDED);
    sbi_send_ipi(1, (s64)h);
    int resumed = wait_stage(5, 10 * freq);
    check_true("non-retentive-resumed-at-resume-address", resumed);
    if (resumed) {
        check("non-retentive-a0-hartid", sec.a0_seen, h);
        check("non-retentive-a1-opaque", sec.a1_seen, (u64)&sec);
        check("non-retentive-satp-0", sec.satp_seen, 0);
        check("non-retentive-sstatus-sie-off", sec.sstatus_seen & SSTATUS_SIE, 0);
    } else {
        kprintf("hart %lu: stage %lu, suspend error %ld\n", h, sec.stage, sec.ret_error);
    }
    check("stopped-at-end", (u64)wait_status(h, SBI_HSM_STOPPED, 10 * freq), SBI_HSM_STOPPED);
    return test_summary("hsm-suspend");
}
