/* printf, tests, trap dispatch and libc bits for hv's bare-metal guests. */
#include "hv.h"
#include <stdarg.h>

void *memset(void *d, int c, size_t n)
{
    u8 *p = d;
    while (n--)
        *p++ = (u8)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    u8 *p = d;
    const u8 *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const u8 *p = a, *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q)
            return *p - *q;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (u8)*a - (u8)*b;
}

/* ---- printf: %d %i %u %x %X %p %s %c %%, flags '0' '-', width, l/ll/z ----------- */
static void out_num(u64 v, int base, int neg, int width, char pad, int left, int upper)
{
    char buf[24];
    int n = 0;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        buf[n++] = digits[v % base];
        v /= base;
    } while (v);
    int len = n + (neg ? 1 : 0);
    if (neg && pad == '0')
        uart_putc('-');
    if (!left)
        for (; len < width; width--)
            uart_putc(pad);
    if (neg && pad != '0')
        uart_putc('-');
    while (n)
        uart_putc(buf[--n]);
    if (left)
        for (; len < width; width--)
            uart_putc(' ');
}

static void vkprintf(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            uart_putc(*fmt);
            continue;
        }
        fmt++;
        int left = 0, width = 0, lng = 0;
        char pad = ' ';
        for (;; fmt++) {
            if (*fmt == '-') left = 1;
            else if (*fmt == '0') pad = '0';
            else break;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l' || *fmt == 'z') {
            lng = 1;
            fmt++;
        }
        switch (*fmt) {
        case 'd': case 'i': {
            s64 v = lng ? va_arg(ap, s64) : va_arg(ap, int);
            out_num(v < 0 ? -(u64)v : (u64)v, 10, v < 0, width, pad, left, 0);
            break;
        }
        case 'u':
            out_num(lng ? va_arg(ap, u64) : va_arg(ap, unsigned), 10, 0, width, pad, left, 0);
            break;
        case 'x': case 'X':
            out_num(lng ? va_arg(ap, u64) : va_arg(ap, unsigned), 16, 0, width, pad, left, *fmt == 'X');
            break;
        case 'p':
            puts_raw("0x");
            out_num((u64)va_arg(ap, void *), 16, 0, width, pad, left, 0);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            int len = (int)strlen(s);
            if (!left) for (; len < width; width--) uart_putc(' ');
            puts_raw(s);
            if (left) for (; len < width; width--) uart_putc(' ');
            break;
        }
        case 'c':
            uart_putc((char)va_arg(ap, int));
            break;
        case '%':
            uart_putc('%');
            break;
        case 0:
            return;
        default:
            uart_putc('%');
            uart_putc(*fmt);
        }
    }
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vkprintf(fmt, ap);
    va_end(ap);
    return 0;
}

/* ---- tests ----------------------------------------------------------------------- */
int tests_passed, tests_failed;

int check(const char *name, u64 got, u64 expected)
{
    if (got == expected) {
        tests_passed++;
        kprintf("PASS %s\n", name);
        return 1;
    }
    tests_failed++;
    kprintf("FAIL %s got 0x%lx expected 0x%lx\n", name, got, expected);
    return 0;
}

int check_true(const char *name, int ok)
{
    return check(name, ok ? 1 : 0, 1);
}

void info(const char *fmt, ...)
{
    va_list ap;
    puts_raw("INFO ");
    va_start(ap, fmt);
    vkprintf(fmt, ap);
    va_end(ap);
    uart_putc('\n');
}

int test_summary(const char *prog)
{
    kprintf("%s: %d passed, %d failed\n", prog, tests_passed, tests_failed);
    return tests_failed;
}

/* ---- traps ------------------------------------------------------------------------ */
volatile trap_hook_t trap_hook;

void trap_dispatch(struct trap_frame *f)
{
    trap_hook_t hook = trap_hook;
    if (hook && hook(f))
        return;
    kprintf("UNEXPECTED TRAP scause=0x%lx sepc=0x%lx stval=0x%lx sstatus=0x%lx\n",
            f->scause, f->sepc, f->stval, f->sstatus);
    tests_failed++;
    kprintf("FAIL unexpected-trap got 0x%lx expected 0x0\n", f->scause);
    sbi_shutdown(1);
}

/* ---- flattened device tree ---------------------------------------------------------- */
#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

u32 fdt32(const void *p)
{
    const u8 *b = p;
    return ((u32)b[0] << 24) | ((u32)b[1] << 16) | ((u32)b[2] << 8) | b[3];
}

/* Does node name `name` match path component comp[0..n)? Without '@' in the component
 * the unit address of the node is ignored. */
static int name_match(const char *name, const char *comp, int n)
{
    int i, has_at = 0;
    for (i = 0; i < n; i++) {
        if (name[i] != comp[i])
            return 0;
        if (comp[i] == '@')
            has_at = 1;
    }
    return name[i] == 0 || (name[i] == '@' && !has_at);
}

const void *fdt_getprop(const void *fdt, const char *path, const char *prop, int *len)
{
    const u8 *base = fdt;
    if (!fdt || fdt32(base) != FDT_MAGIC)
        return NULL;
    const u8 *p = base + fdt32(base + 8);
    const char *strs = (const char *)base + fdt32(base + 12);
    const char *comp[16];
    int clen[16], ncomp = 0;
    while (*path) {
        while (*path == '/')
            path++;
        if (!*path)
            break;
        if (ncomp == 16)
            return NULL;
        comp[ncomp] = path;
        while (*path && *path != '/')
            path++;
        clen[ncomp] = (int)(path - comp[ncomp]);
        ncomp++;
    }
    int depth = 0, matched = 0;
    for (;;) {
        u32 tok = fdt32(p);
        p += 4;
        switch (tok) {
        case FDT_BEGIN_NODE: {
            const char *name = (const char *)p;
            p += (strlen(name) + 1 + 3) & ~3UL;
            depth++;
            if (depth >= 2 && matched == depth - 2 && matched < ncomp &&
                name_match(name, comp[matched], clen[matched]))
                matched = depth - 1;
            break;
        }
        case FDT_END_NODE:
            if (depth >= 2 && matched == depth - 1)
                matched--;
            depth--;
            if (depth == 0)
                return NULL;
            break;
        case FDT_PROP: {
            u32 plen = fdt32(p), nameoff = fdt32(p + 4);
            const u8 *val = p + 8;
            p += 8 + ((plen + 3) & ~3UL);
            if (matched == ncomp && depth - 1 == matched && !strcmp(strs + nameoff, prop)) {
                if (len)
                    *len = (int)plen;
                return val;
            }
            break;
        }
        case FDT_NOP:
            break;
        default:
            return NULL;
        }
    }
}

int fdt_count_cpus(const void *fdt)
{
    char path[24] = "/cpus/cpu@";
    int n;
    for (n = 0; n < 1024; n++) {
        /* append the decimal hart number */
        char num[8];
        int k = 0, v = n;
        do {
            num[k++] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        int p = 10;
        while (k)
            path[p++] = num[--k];
        path[p] = 0;
        if (!fdt_getprop(fdt, path, "device_type", NULL))
            break;
    }
    return n;
}
