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

long sbi_probe(long ext);                  /* BASE probe_extension: 0 = absent */
struct sbiret sbi_set_timer(u64 stime);    /* TIME set_timer */
void sbi_shutdown(int failure) __attribute__((noreturn));

/* ---- console (ns16550a at 0x10000000, polled) -------------------------------------- */
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

/* ---- libc bits the compiler may call ---------------------------------------------------- */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif
