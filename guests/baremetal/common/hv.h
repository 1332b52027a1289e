/* Tiny runtime of hv's bare-metal S-mode test guests. */
#ifndef HV_GUEST_H
#define HV_GUEST_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long s64;
typedef unsigned long size_t;
typedef unsigned long uintptr_t;

#define NULL ((void *)0)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- CSRs ------------------------------------------------------------------- */
#define csr_read(csr) ({ u64 __v; asm volatile("csrr %0, " #csr : "=r"(__v) :: "memory"); __v; })
#define csr_write(csr, val) ({ asm volatile("csrw " #csr ", %0" :: "rK"((u64)(val)) : "memory"); })
#define csr_set(csr, val) ({ asm volatile("csrs " #csr ", %0" :: "rK"((u64)(val)) : "memory"); })
#define csr_clear(csr, val) ({ asm volatile("csrc " #csr ", %0" :: "rK"((u64)(val)) : "memory"); })

#define SSTATUS_SIE   (1UL << 1)
#define SSTATUS_SPIE  (1UL << 5)
#define SSTATUS_SPP   (1UL << 8)
#define SSTATUS_FS    (3UL << 13)
#define SSTATUS_SUM   (1UL << 18)
#define SSTATUS_MXR   (1UL << 19)
#define SIE_SSIE      (1UL << 1)
#define SIE_STIE      (1UL << 5)
#define SIE_SEIE      (1UL << 9)
#define SCAUSE_INTR   (1UL << 63)

static inline u64 rdtime(void) { u64 t; asm volatile("rdtime %0" : "=r"(t)); return t; }
/* instret: may trap (illegal instruction) when the SBI implementation does not let S-mode
 * read it (mcounteren.IR); under QEMU TCG without -icount it counts host ticks, not
 * instructions. */
static inline u64 rdinstret(void) { u64 t; asm volatile("rdinstret %0" : "=r"(t)); return t; }
/* Hint for spin loops (Zihintpause `pause`, a FENCE encoding every hart decodes). */
static inline void cpu_relax(void) { asm volatile(".word 0x0100000f" ::: "memory"); }

/* ---- MMIO ------------------------------------------------------------------------- */
static inline u8 mmio_r8(u64 a) { return *(volatile u8 *)a; }
static inline void mmio_w8(u64 a, u8 v) { *(volatile u8 *)a = v; }
static inline u32 mmio_r32(u64 a) { return *(volatile u32 *)a; }
static inline void mmio_w32(u64 a, u32 v) { *(volatile u32 *)a = v; }

/* Wait in WFI until cond or `limit` ticks of time passed; returns cond. Interrupts are
 * globally masked while testing cond and entering WFI (WFI still wakes on a pending
 * enabled interrupt), then opened for one instant if they were on, so an interrupt
 * arriving between the test and the WFI cannot be lost. */
#define WAIT_FOR(cond, limit) ({ u64 __t0 = rdtime(); \
    u64 __on = csr_read(sstatus) & SSTATUS_SIE; \
    csr_clear(sstatus, SSTATUS_SIE); \
    while (!(cond) && rdtime() - __t0 < (limit)) { \
        asm volatile("wfi"); \
        if (__on) { csr_set(sstatus, SSTATUS_SIE); csr_clear(sstatus, SSTATUS_SIE); } \
    } \
    csr_set(sstatus, __on); (cond); })

/* ---- SBI (SBI spec v2.0) ------------------------------------------------------ */
struct sbiret { long error; long value; };
struct sbiret sbi_call(long ext, long fid, long a0, long a1, long a2, long a3, long a4, long a5);

#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_IPI  0x735049
#define SBI_EXT_RFNC 0x52464E43
#define SBI_EXT_HSM  0x48534D
#define SBI_EXT_SRST 0x53525354
#define SBI_EXT_DBCN 0x4442434E

#define SBI_SUCCESS               0
#define SBI_ERR_FAILED           -1
#define SBI_ERR_NOT_SUPPORTED    -2
#define SBI_ERR_INVALID_PARAM    -3
#define SBI_ERR_DENIED           -4
#define SBI_ERR_INVALID_ADDRESS  -5
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED  -7
#define SBI_ERR_ALREADY_STOPPED  -8

/* HSM hart states (hart_get_status) */
#define SBI_HSM_STARTED       0
#define SBI_HSM_STOPPED       1
#define SBI_HSM_START_PENDING 2
#define SBI_HSM_STOP_PENDING  3
#define SBI_HSM_SUSPENDED     4

long sbi_probe(long ext);                  /* BASE probe_extension: 0 = absent */
struct sbiret sbi_hart_start(u64 hartid, u64 start_addr, u64 opaque);
struct sbiret sbi_hart_stop(void);
struct sbiret sbi_hart_get_status(u64 hartid);
struct sbiret sbi_send_ipi(u64 hart_mask, s64 hart_mask_base);
struct sbiret sbi_remote_fence_i(u64 hart_mask, s64 hart_mask_base);
/* SRST system_reset: type 0 shutdown, 1 cold reboot, 2 warm reboot; reason 0 none,
 * 1 system failure. Returns only on error. */
struct sbiret sbi_system_reset(u32 type, u32 reason);
struct sbiret sbi_set_timer(u64 stime);    /* TIME set_timer */
void sbi_shutdown(int failure) __attribute__((noreturn));

/* ---- console (ns16550a at 0x10000000, polled) -------------------------------------- */
#define UART_BASE 0x10000000UL
void uart_putc(char c);
void puts_raw(const char *s);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- tests ------------------------------------------------------------------------- */
/* check(name, got, expected): prints "PASS name" or "FAIL name got 0x.. expected 0x..". */
int check(const char *name, u64 got, u64 expected);
int check_true(const char *name, int ok);
void info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int test_summary(const char *prog);        /* prints "<prog>: N passed, M failed", returns M */
extern int tests_passed, tests_failed;
void guest_exit(int failures) __attribute__((noreturn));

/* ---- traps ------------------------------------------------------------------------- */
struct trap_frame {
    u64 x[32];          /* x[0] unused, x[2] = sp at the trap */
    u64 sepc, sstatus, scause, stval;
};
/* A program may install a hook; it returns nonzero when it handled the trap (it may
 * change f->sepc and registers). Unhandled traps print a report and shut down. */
typedef int (*trap_hook_t)(struct trap_frame *f);
extern volatile trap_hook_t trap_hook;
/* Length of the instruction at pc (2 for compressed, 4 otherwise). */
static inline u64 insn_len(u64 pc) { return ((*(volatile u16 *)pc) & 3) == 3 ? 4 : 2; }

/* ---- device tree (read-only, flattened) -------------------------------------------- */
u32 fdt32(const void *p);
/* Finds property `prop` of the node at `path` ("/cpus", "/cpus/cpu@0", "/soc/serial"): a
 * path component without '@' matches a node name up to its '@'. Returns NULL if absent. */
const void *fdt_getprop(const void *fdt, const char *path, const char *prop, int *len);
/* Number of harts the DTB lists: /cpus/cpu@N nodes for N = 0, 1, ... (stops at the
 * first missing N). 0 when the DTB is absent or has no cpu@0. */
int fdt_count_cpus(const void *fdt);

/* ---- libc bits the compiler may call ---------------------------------------------------- */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif
