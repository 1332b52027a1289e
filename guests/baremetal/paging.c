/* paging: Sv39 address translation as an S-mode guest sees it (privileged ISA,
 * "Supervisor-Level ISA": satp, Sv39, page faults, sfence.vma, SUM/MXR).
 * Builds page tables with a 1 GiB gigapage, a 2 MiB megapage and 4 KiB pages, turns
 * translation on, and checks loads/stores/fetches through them, the page faults
 * (scause/stval) that must be taken, TLB invalidation with sfence.vma, and that satp
 * writes with unsupported modes are ignored. PASS/FAIL lines as the other tests. */
#include "hv.h"

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define RW    (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define RWX   (RW | PTE_X)

#define SATP_MODE_SV39 8UL
#define SATP_MODE_SV48 9UL
#define SATP_MODE_SV57 10UL
#define SATP(mode, root) (((u64)(mode) << 60) | ((u64)(root) >> 12))

#define CAUSE_FETCH_PF 12
#define CAUSE_LOAD_PF  13
#define CAUSE_STORE_PF 15

/* Virtual layout (Sv39):
 *   0x0000_0000 +1G  gigapage -> PA 0x0        devices (UART, test), RW
 *   0x4000_0000 +2M  megapage -> PA 0x8080_0000 RW
 *   0x4020_0000      4 KiB pages, see l0[] below
 *   0x4040_0000 +2M  megapage with misaligned PPN -> must fault
 *   0x4060_0000 +2M  megapage with A = 0 (A/D policy probe)
 *   0x8000_0000 +1G  gigapage -> PA 0x8000_0000 RWX (this program, identity)
 *   0xc000_0000 +1G  gigapage -> PA 0x8000_0000 RW  (alias of RAM)
 *   0x1_0000_0000    gigapage with misaligned PPN -> must fault */
#define VA_MEGA     0x40000000UL
#define PA_MEGA     0x80800000UL
#define VA_4K       0x40200000UL
#define VA_BADMEGA  0x40400000UL
#define VA_NOAMEGA  0x40600000UL
#define PA_NOAMEGA  0x80a00000UL
#define VA_RAMALIAS 0xc0000000UL
#define VA_BADGIGA  0x100000000UL
/* 4 KiB pages: index -> (page, flags) */
#define P_A        0   /* page_a RW */
#define P_A_ALIAS  1   /* page_a RW, second mapping */
#define P_B_RO     2   /* page_b R */
#define P_INVALID  3   /* V = 0 */
#define P_B_USER   4   /* page_b RW + U */
#define P_B_WONLY  5   /* page_b W without R: reserved encoding */
#define P_B_XONLY  6   /* page_b X only */
#define P_A_NOD    7   /* page_a RW, A = 1, D = 0 (A/D policy probe) */
#define VA_PAGE(i) (VA_4K + (u64)(i) * 4096)

static u64 root[512] __attribute__((aligned(4096)));
static u64 l1[512] __attribute__((aligned(4096)));
static u64 l0[512] __attribute__((aligned(4096)));
static u64 probe_root[512] __attribute__((aligned(4096)));
static u64 probe_t[512] __attribute__((aligned(4096)));
static u64 page_a[512] __attribute__((aligned(4096)));
static u64 page_b[512] __attribute__((aligned(4096)));

static inline u64 pte(u64 pa, u64 flags) { return ((pa >> 12) << 10) | flags; }
static inline void sfence_all(void) { asm volatile("sfence.vma zero, zero" ::: "memory"); }
static inline void sfence_va(u64 va) { asm volatile("sfence.vma %0, zero" :: "r"(va) : "memory"); }

static volatile u64 pf_count, pf_cause, pf_tval;

static int pf_hook(struct trap_frame *f)
{
    if (f->scause & SCAUSE_INTR)
        return 0;
    switch (f->scause) {
    case CAUSE_FETCH_PF: case CAUSE_LOAD_PF: case CAUSE_STORE_PF:
    case 1: case 5: case 7:                       /* access faults, reported too */
        pf_count++;
        pf_cause = f->scause;
        pf_tval = f->stval;
        if (f->scause == CAUSE_FETCH_PF || f->scause == 1)
            f->sepc = f->x[1];                    /* return to the caller of the bad target */
        else
            f->sepc += insn_len(f->sepc);
        return 1;
    }
    return 0;
}

#define SENTINEL 0x5a5a5a5a5a5a5a5aUL
static inline u64 ld64(u64 va)
{
    u64 r;
    asm volatile("mv %0, %2\n ld %0, 0(%1)" : "=&r"(r) : "r"(va), "r"(SENTINEL) : "memory");
    return r;
}
static inline void sd64(u64 va, u64 v)
{
    asm volatile("sd %1, 0(%0)" :: "r"(va), "r"(v) : "memory");
}

#define EXPECT_FAULT(name, stmt, cause, va) do { \
        pf_count = 0; pf_cause = 0; pf_tval = 0; \
        stmt; \
        check(name "-faults", pf_count, 1); \
        check(name "-scause", pf_cause, cause); \
        check(name "-stval", pf_tval, va); \
    } while (0)
#define EXPECT_NO_FAULT(name, stmt) do { \
        pf_count = 0; \
        stmt; \
        check(name "-no-fault", pf_count, 0); \
    } while (0)

static void build_tables(void)
{
    root[0] = pte(0x0, RW);
    root[1] = pte((u64)l1, PTE_V);
    root[2] = pte(0x80000000UL, RWX);
    root[3] = pte(0x80000000UL, RW);
    root[4] = pte(0x80200000UL, RW);              /* PPN[1] != 0: misaligned gigapage */
    l1[0] = pte(PA_MEGA, RW);
    l1[1] = pte((u64)l0, PTE_V);
    l1[2] = pte(PA_MEGA + 0x1000, RW);            /* PPN[0] != 0: misaligned megapage */
    l1[3] = pte(PA_NOAMEGA, PTE_V | PTE_R | PTE_W);
    l0[P_A] = pte((u64)page_a, RW);
    l0[P_A_ALIAS] = pte((u64)page_a, RW);
    l0[P_B_RO] = pte((u64)page_b, PTE_V | PTE_R | PTE_A);
    l0[P_INVALID] = pte((u64)page_b, RW & ~PTE_V);
    l0[P_B_USER] = pte((u64)page_b, RW | PTE_U);
    l0[P_B_WONLY] = pte((u64)page_b, PTE_V | PTE_W | PTE_A | PTE_D);
    l0[P_B_XONLY] = pte((u64)page_b, PTE_V | PTE_X | PTE_A);
    l0[P_A_NOD] = pte((u64)page_a, PTE_V | PTE_R | PTE_W | PTE_A);

    /* Tables for probing Sv48/Sv57: for VA 0x8xxxxxxx every level above the Sv39 root
     * selects entry 0, so probe_root[0] -> probe_t, probe_t[0] -> probe_t and
     * probe_t[2] = identity gigapage keep this code running whichever mode sticks. */
    probe_root[0] = pte((u64)probe_t, PTE_V);
    probe_root[2] = pte(0x80000000UL, RWX);
    probe_t[0] = pte((u64)probe_t, PTE_V);
    probe_t[2] = pte(0x80000000UL, RWX);
}

/* Write satp, read it back, restore the previous value; no printing in between (the
 * UART may be unmapped in the probed mode). Returns the value read back. */
static u64 satp_try(u64 val)
{
    u64 old, got;
    asm volatile("csrr %0, satp\n csrw satp, %2\n sfence.vma\n csrr %1, satp\n"
                 "csrw satp, %0\n sfence.vma"
                 : "=&r"(old), "=&r"(got) : "r"(val) : "memory");
    return got;
}

static const char *mode_name(u64 m)
{
    return m == SATP_MODE_SV39 ? "sv39" : m == SATP_MODE_SV48 ? "sv48" : m == SATP_MODE_SV57 ? "sv57" : "?";
}

static void test_satp_modes(const void *dtb)
{
    u64 cur = csr_read(satp);
    /* Modes 1-7 are reserved: "the entire write has no effect". */
    check("satp-reserved-mode1-ignored", satp_try(SATP(1, probe_root)), cur);
    check("satp-reserved-mode7-ignored", satp_try(SATP(7, probe_root)), cur);
    int supported[11] = { 0 };
    supported[SATP_MODE_SV39] = 1;                /* we are running on it */
    for (u64 m = SATP_MODE_SV48; m <= SATP_MODE_SV57; m++) {
        u64 want = SATP(m, probe_root);
        u64 got = satp_try(want);
        if (got == want) {
            info("satp mode %s supported", mode_name(m));
            supported[m] = 1;
        } else {
            info("satp mode %s not supported", mode_name(m));
            check(m == SATP_MODE_SV48 ? "satp-unsupported-sv48-write-ignored"
                                      : "satp-unsupported-sv57-write-ignored", got, cur);
        }
    }
    check("satp-restored", csr_read(satp), cur);
    /* The DT's mmu-type promises a mode; that mode must work. (A hart may support wider
     * modes than the DT names: QEMU 7.2 says riscv,sv48 and also accepts Sv57.) */
    int len;
    const char *mmu = fdt_getprop(dtb, "/cpus/cpu@0", "mmu-type", &len);
    if (mmu) {
        u64 m = !strcmp(mmu, "riscv,sv39") ? SATP_MODE_SV39 : !strcmp(mmu, "riscv,sv48") ? SATP_MODE_SV48
              : !strcmp(mmu, "riscv,sv57") ? SATP_MODE_SV57 : 0;
        info("dtb cpu@0 mmu-type %s", mmu);
        check_true("dtb-mmu-type-mode-supported", m && supported[m]);
    } else {
        info("dtb has no cpu@0 mmu-type");
    }
}

int main(u64 hartid, const void *dtb)
{
    kprintf("paging: Sv39 on hart %lu\n", hartid);
    check("satp-initially-bare", csr_read(satp), 0);
    build_tables();
    page_a[0] = 0x1111111111111111UL;
    page_a[1] = 0xaaaaaaaaaaaaaaaaUL;
    page_b[0] = 0x2222222222222222UL;
    *(volatile u64 *)(PA_MEGA + 0x1230) = 0x3333333333333333UL;
    *(volatile u64 *)(PA_MEGA + 0x1ff000) = 0x4444444444444444UL;

    trap_hook = pf_hook;
    csr_write(satp, SATP(SATP_MODE_SV39, root));
    sfence_all();
    check("satp-sv39-enabled", csr_read(satp), SATP(SATP_MODE_SV39, root));
    kprintf("paging: translation on (this line went through the device gigapage)\n");

    /* 1 GiB: identity (we are running) and an alias at 0xc0000000 */
    static volatile u64 gvar = 0x6666666666666666UL;
    u64 alias = (u64)&gvar - 0x80000000UL + VA_RAMALIAS;
    check("gigapage-alias-load", ld64(alias), 0x6666666666666666UL);
    sd64(alias, 0x7777777777777777UL);
    check("gigapage-alias-store", gvar, 0x7777777777777777UL);
    /* 2 MiB */
    check("megapage-load", ld64(VA_MEGA + 0x1230), 0x3333333333333333UL);
    check("megapage-load-last-4k", ld64(VA_MEGA + 0x1ff000), 0x4444444444444444UL);
    sd64(VA_MEGA + 0x1238, 0x5555555555555555UL);
    check("megapage-store", *(volatile u64 *)(PA_MEGA + 0x1238), 0x5555555555555555UL);
    /* 4 KiB, and two virtual pages sharing one physical page */
    check("4k-load", ld64(VA_PAGE(P_A)), 0x1111111111111111UL);
    check("4k-load-offset", ld64(VA_PAGE(P_A) + 8), 0xaaaaaaaaaaaaaaaaUL);
    sd64(VA_PAGE(P_A) + 16, 0xbbbbbbbbbbbbbbbbUL);
    check("4k-store", page_a[2], 0xbbbbbbbbbbbbbbbbUL);
    check("4k-alias-sees-store", ld64(VA_PAGE(P_A_ALIAS) + 16), 0xbbbbbbbbbbbbbbbbUL);

    /* permission and validity faults: scause and stval = faulting virtual address */
    check("read-only-page-load", ld64(VA_PAGE(P_B_RO)), 0x2222222222222222UL);
    EXPECT_FAULT("read-only-page-store", sd64(VA_PAGE(P_B_RO) + 8, 1), CAUSE_STORE_PF, VA_PAGE(P_B_RO) + 8);
    check("read-only-page-unchanged", page_b[1], 0);
    EXPECT_FAULT("invalid-pte-load", ld64(VA_PAGE(P_INVALID) + 0x10), CAUSE_LOAD_PF, VA_PAGE(P_INVALID) + 0x10);
    EXPECT_FAULT("invalid-pte-store", sd64(VA_PAGE(P_INVALID), 1), CAUSE_STORE_PF, VA_PAGE(P_INVALID));
    EXPECT_FAULT("unmapped-load", ld64(0x40800000UL), CAUSE_LOAD_PF, 0x40800000UL);
    typedef void (*fn_t)(void);
    EXPECT_FAULT("fetch-from-non-x-page", ((fn_t)VA_PAGE(P_B_RO))(), CAUSE_FETCH_PF, VA_PAGE(P_B_RO));
    EXPECT_FAULT("fetch-from-non-x-gigapage", ((fn_t)(VA_RAMALIAS + 0x200000))(), CAUSE_FETCH_PF,
                 VA_RAMALIAS + 0x200000);
    EXPECT_FAULT("w-without-r-reserved", ld64(VA_PAGE(P_B_WONLY)), CAUSE_LOAD_PF, VA_PAGE(P_B_WONLY));
    EXPECT_FAULT("misaligned-megapage", ld64(VA_BADMEGA), CAUSE_LOAD_PF, VA_BADMEGA);
    EXPECT_FAULT("misaligned-gigapage", ld64(VA_BADGIGA + 8), CAUSE_LOAD_PF, VA_BADGIGA + 8);
    /* bits 63..39 must equal bit 38 */
    EXPECT_FAULT("non-canonical-va", ld64(0x0000008000000000UL), CAUSE_LOAD_PF, 0x0000008000000000UL);
    EXPECT_FAULT("non-canonical-va-store", sd64(0xffff000000001000UL, 1), CAUSE_STORE_PF, 0xffff000000001000UL);

    /* U pages: S-mode loads fault unless sstatus.SUM */
    csr_clear(sstatus, SSTATUS_SUM);
    EXPECT_FAULT("user-page-without-sum", ld64(VA_PAGE(P_B_USER)), CAUSE_LOAD_PF, VA_PAGE(P_B_USER));
    csr_set(sstatus, SSTATUS_SUM);
    EXPECT_NO_FAULT("user-page-with-sum", check("user-page-with-sum-value", ld64(VA_PAGE(P_B_USER)), 0x2222222222222222UL));
    csr_clear(sstatus, SSTATUS_SUM);
    /* execute-only pages: loads fault unless sstatus.MXR */
    csr_clear(sstatus, SSTATUS_MXR);
    EXPECT_FAULT("x-only-page-load", ld64(VA_PAGE(P_B_XONLY)), CAUSE_LOAD_PF, VA_PAGE(P_B_XONLY));
    csr_set(sstatus, SSTATUS_MXR);
    EXPECT_NO_FAULT("x-only-page-load-with-mxr", check("x-only-page-mxr-value", ld64(VA_PAGE(P_B_XONLY)), 0x2222222222222222UL));
    csr_clear(sstatus, SSTATUS_MXR);

    /* TLB: remap a page, sfence.vma that address, see the new mapping */
    check("before-remap", ld64(VA_PAGE(P_A)), 0x1111111111111111UL);
    l0[P_A] = pte((u64)page_b, RW);
    sfence_va(VA_PAGE(P_A));
    check("sfence.vma-va-remap", ld64(VA_PAGE(P_A)), 0x2222222222222222UL);
    l0[P_A] = pte((u64)page_a, RW);
    sfence_all();
    check("sfence.vma-all-remap-back", ld64(VA_PAGE(P_A)), 0x1111111111111111UL);
    l0[P_A] = pte((u64)page_a, RW & ~PTE_V);
    sfence_all();
    EXPECT_FAULT("sfence.vma-after-invalidate", ld64(VA_PAGE(P_A)), CAUSE_LOAD_PF, VA_PAGE(P_A));
    l0[P_A] = pte((u64)page_a, RW);
    sfence_all();

    /* A/D bits: hardware may set them (Svadu) or fault (Svade); either is legal, but
     * something must happen. */
    pf_count = 0;
    (void)ld64(VA_NOAMEGA);
    if (pf_count)
        info("A=0: load page fault taken (software A/D management)");
    else
        info("A=0: hardware set A (pte now 0x%lx)", l1[3]);
    check_true("accessed-bit-fault-or-set", pf_count == 1 ? pf_cause == CAUSE_LOAD_PF : (l1[3] & PTE_A) != 0);
    pf_count = 0;
    sd64(VA_PAGE(P_A_NOD) + 24, 0xccccccccccccccccUL);
    if (pf_count)
        info("D=0: store page fault taken (software A/D management)");
    else
        info("D=0: hardware set D (pte now 0x%lx)", l0[P_A_NOD]);
    check_true("dirty-bit-fault-or-set", pf_count == 1 ? pf_cause == CAUSE_STORE_PF
                                                       : ((l0[P_A_NOD] & PTE_D) && page_a[3] == 0xccccccccccccccccUL));

    test_satp_modes(dtb);

    csr_write(satp, 0);
    sfence_all();
    check("satp-back-to-bare", csr_read(satp), 0);
    trap_hook = NULL;
    return test_summary("paging");
}
