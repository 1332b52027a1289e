/* demo: hv's built-in demo firmware. An interactive prompt in the spirit of Xvisor's basic
 * firmware (`basic# `), for trying hv by hand or driving it from a script:
 *
 *   hv-demo# help
 *
 * Console input is interrupt-driven: the UART's receive interrupt (irq 10) goes through the
 * PLIC to this hart's S-mode context, the handler moves bytes into a ring buffer, and the
 * prompt sleeps in WFI while the buffer is empty (no busy polling: an idle guest costs no
 * CPU). Output is polled. `poweroff` ends with SBI SRST (reason none): exit code 0. */
#include "hv.h"

#define IRQ_S_TIMER 5
#define IRQ_S_EXT 9
#define UART_IRQ 10
#define PLIC_BASE 0x0c000000UL
#define PLIC_PRIO(src)        (PLIC_BASE + 4UL * (src))
#define PLIC_ENABLE(ctx, src) (PLIC_BASE + 0x2000UL + 0x80UL * (ctx) + 4UL * ((src) / 32))
#define PLIC_THRESHOLD(ctx)   (PLIC_BASE + 0x200000UL + 0x1000UL * (ctx))
#define PLIC_CLAIM(ctx)       (PLIC_BASE + 0x200004UL + 0x1000UL * (ctx))
#define UART_RBR 0
#define UART_IER 1
#define UART_LSR 5
#define LSR_DR 0x01

static u64 hart, ctx, freq, boot_time;
static const void *dtb;
static unsigned greetings;

/* ---- interrupt-driven console input ---------------------------------------------- */
static volatile u8 ring[256];
static volatile u32 ring_head, ring_tail;      /* head: next to read; tail: next to write */
static volatile u32 rx_overflows, rx_irqs;
static volatile u64 timer_ticks, timer_at[3];

static int irq_hook(struct trap_frame *f)
{
    if (f->scause == (SCAUSE_INTR | IRQ_S_EXT)) {
        u32 id = mmio_r32(PLIC_CLAIM(ctx));
        if (id == UART_IRQ) {
            rx_irqs++;
            while (mmio_r8(UART_BASE + UART_LSR) & LSR_DR) {
                u8 c = mmio_r8(UART_BASE + UART_RBR);
                if (ring_tail - ring_head < sizeof(ring))
                    ring[ring_tail++ % sizeof(ring)] = c;
                else
                    rx_overflows++;
            }
        }
        if (id)
            mmio_w32(PLIC_CLAIM(ctx), id);
        return 1;
    }
    if (f->scause == (SCAUSE_INTR | IRQ_S_TIMER)) {
        if (timer_ticks < ARRAY_SIZE(timer_at))
            timer_at[timer_ticks] = rdtime();
        timer_ticks++;
        sbi_set_timer(~0UL);                      /* the command re-arms it */
        return 1;
    }
    return 0;
}

static void console_init(void)
{
    /* FCR is left as the firmware set it: writing it could clear input that is already
     * waiting (enabling the FIFOs, or the clear bits, reset the receive FIFO). The UART
     * holds further input back until there is room, so nothing is lost either way. */
    mmio_w32(PLIC_PRIO(UART_IRQ), 1);
    mmio_w32(PLIC_THRESHOLD(ctx), 0);
    u64 en = PLIC_ENABLE(ctx, UART_IRQ);
    mmio_w32(en, mmio_r32(en) | (1u << (UART_IRQ % 32)));
    trap_hook = irq_hook;
    csr_set(sie, SIE_SEIE | SIE_STIE);
    mmio_w8(UART_BASE + UART_IER, 0x01);          /* received data available */
    csr_set(sstatus, SSTATUS_SIE);
}

/* Next input byte; sleeps in WFI until one arrives. */
static int getc_wait(void)
{
    WAIT_FOR(ring_head != ring_tail, ~0UL);
    return ring[ring_head++ % sizeof(ring)];
}

static int readline(char *buf, int max)
{
    static int last_cr;
    int n = 0;
    for (;;) {
        int c = getc_wait();
        if (c == '\n' && last_cr) {               /* CR LF: the LF is part of the CR */
            last_cr = 0;
            continue;
        }
        last_cr = c == '\r';
        if (c == '\r' || c == '\n') {
            uart_putc('\n');
            buf[n] = 0;
            return n;
        }
        if (c == 0x08 || c == 0x7f) {             /* backspace, delete */
            if (n) {
                n--;
                puts_raw("\b \b");
            }
        } else if (c == 0x15) {                   /* ctrl-u: erase the line */
            while (n) {
                n--;
                puts_raw("\b \b");
            }
        } else if (c >= 0x20 && c < 0x7f && n < max - 1) {
            buf[n++] = (char)c;
            uart_putc((char)c);
        }
    }
}

/* ---- commands -------------------------------------------------------------------- */
static void print_seconds(u64 ticks)
{
    u64 us = ticks * 1000000 / freq;
    kprintf("%lu.%06lu", us / 1000000, us % 1000000);
}

static void cmd_help(void)
{
    puts_raw("commands:\n"
             "  help      this list\n"
             "  hi        say hello (prints the hart id and how many greetings so far)\n"
             "  time      the time CSR, the uptime and the RTC's date\n"
             "  timer     arm the SBI timer and wait for 3 interrupts, 500 ms apart\n"
             "  bench     a short integer benchmark (iterations and elapsed ticks)\n"
             "  info      SBI version and implementation, ISA, harts, memory\n"
             "  poweroff  power off through SBI SRST\n");
}

static void cmd_hi(void)
{
    greetings++;
    kprintf("hi! hart %lu says hello (greeting #%u)\n", hart, greetings);
}

/* Goldfish RTC (QEMU virt and hv: 0x101000): TIME_LOW at 0x00 latches TIME_HIGH at 0x04,
 * nanoseconds since 1970. */
#define RTC_BASE 0x101000UL

static void print_utc(u64 secs)
{
    u64 days = secs / 86400, rem = secs % 86400;
    /* civil date from days since 1970-01-01 (proleptic Gregorian) */
    s64 z = (s64)days + 719468;
    s64 era = z / 146097;
    u64 doe = (u64)(z - era * 146097);
    u64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    u64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    u64 mp = (5 * doy + 2) / 153;
    u64 d = doy - (153 * mp + 2) / 5 + 1;
    u64 m = mp < 10 ? mp + 3 : mp - 9;
    u64 y = yoe + (u64)era * 400 + (m <= 2);
    kprintf("%lu-%02lu-%02lu %02lu:%02lu:%02lu UTC", y, m, d, rem / 3600, rem / 60 % 60, rem % 60);
}

static void cmd_time(void)
{
    u64 t = rdtime();
    kprintf("time: %lu ticks at %lu Hz\n", t, freq);
    puts_raw("uptime: ");
    print_seconds(t);
    puts_raw(" s (firmware started at ");
    print_seconds(boot_time);
    puts_raw(" s)\n");
    u64 lo = mmio_r32(RTC_BASE + 0x00);
    u64 ns = ((u64)mmio_r32(RTC_BASE + 0x04) << 32) | lo;
    puts_raw("rtc: ");
    print_utc(ns / 1000000000UL);
    puts_raw(" (goldfish RTC)\n");
}

static void cmd_timer(void)
{
    u64 period = freq / 2;
    timer_ticks = 0;
    u64 start = rdtime();
    for (u64 i = 1; i <= 3; i++) {
        u64 deadline = start + i * period;
        sbi_set_timer(deadline);
        if (!WAIT_FOR(timer_ticks >= i, 10 * freq)) {
            kprintf("timer: interrupt %lu did not come\n", i);
            sbi_set_timer(~0UL);
            return;
        }
        u64 at = timer_at[i - 1];
        kprintf("timer interrupt %lu/3 at +", i);
        print_seconds(at - start);
        kprintf(" s (%lu us after its deadline)\n", (at - deadline) * 1000000 / freq);
    }
}

static void cmd_bench(void)
{
    const u64 iters = 1000000;
    u64 x = 0x9e3779b97f4a7c15UL, crc = ~0UL, acc = 0;
    u64 t0 = rdtime();
    for (u64 i = 0; i < iters; i++) {
        x ^= x << 13;                             /* xorshift64 */
        x ^= x >> 7;
        x ^= x << 17;
        crc = (crc >> 1) ^ (0xedb88320UL & -(crc & 1)) ^ (x & 0xff);
        acc += (x >> 32) * (i & 0xffff) + (crc & 0xff);
        if (x & 1)
            acc ^= i;
    }
    u64 t1 = rdtime();
    u64 ticks = t1 - t0 ? t1 - t0 : 1;
    kprintf("bench: %lu iterations in %lu ticks (", iters, ticks);
    print_seconds(ticks);
    kprintf(" s), %lu iterations/s, checksum 0x%lx\n", iters * freq / ticks, acc ^ crc ^ x);
}

static const char *impl_name(long id)
{
    static const char *const names[] = { "BBL", "OpenSBI", "Xvisor", "KVM", "RustSBI", "Diosix", "Coffer", "Xen" };
    if (id >= 0 && id < (long)ARRAY_SIZE(names))
        return names[id];
    if (id == 0x6876)
        return "hv";
    return "unknown";
}

static void cmd_info(void)
{
    struct sbiret r = sbi_call(SBI_EXT_BASE, 0, 0, 0, 0, 0, 0, 0);
    kprintf("SBI specification v%ld.%ld\n", (r.value >> 24) & 0x7f, r.value & 0xffffff);
    long impl = sbi_call(SBI_EXT_BASE, 1, 0, 0, 0, 0, 0, 0).value;
    long implv = sbi_call(SBI_EXT_BASE, 2, 0, 0, 0, 0, 0, 0).value;
    kprintf("SBI implementation: %s (id %ld), version 0x%lx\n", impl_name(impl), impl, implv);
    static const struct { long id; const char *name; } exts[] = {
        { SBI_EXT_TIME, "TIME" }, { SBI_EXT_IPI, "IPI" }, { SBI_EXT_RFNC, "RFENCE" },
        { SBI_EXT_HSM, "HSM" }, { SBI_EXT_SRST, "SRST" }, { SBI_EXT_DBCN, "DBCN" },
    };
    puts_raw("SBI extensions:");
    for (unsigned i = 0; i < ARRAY_SIZE(exts); i++)
        if (sbi_probe(exts[i].id))
            kprintf(" %s", exts[i].name);
    puts_raw("\n");
    int len;
    const char *model = fdt_getprop(dtb, "/", "model", &len);
    kprintf("machine: %s\n", model ? model : "(no DTB)");
    const char *isa = fdt_getprop(dtb, "/cpus/cpu@0", "riscv,isa", &len);
    const char *mmu = fdt_getprop(dtb, "/cpus/cpu@0", "mmu-type", &len);
    kprintf("ISA: %s, MMU: %s\n", isa ? isa : "(unknown)", mmu ? mmu : "(unknown)");
    kprintf("harts: %d, timebase: %lu Hz\n", fdt_count_cpus(dtb), freq);
    const u8 *reg = fdt_getprop(dtb, "/memory", "reg", &len);
    if (reg && len >= 16) {
        u64 base = ((u64)fdt32(reg) << 32) | fdt32(reg + 4);
        u64 size = ((u64)fdt32(reg + 8) << 32) | fdt32(reg + 12);
        kprintf("memory: 0x%lx, %lu MiB\n", base, size >> 20);
    }
    kprintf("console: %u receive interrupts, %u bytes dropped\n", rx_irqs, rx_overflows);
}

static void cmd_poweroff(void)
{
    puts_raw("powering off\n");
    sbi_system_reset(0, 0);
    puts_raw("SRST returned, trying sifive,test0\n");
    mmio_w32(0x100000UL, 0x5555);
    for (;;)
        asm volatile("wfi");
}

static const struct {
    const char *name;
    void (*fn)(void);
} commands[] = {
    { "help", cmd_help }, { "hi", cmd_hi }, { "time", cmd_time }, { "timer", cmd_timer },
    { "bench", cmd_bench }, { "info", cmd_info }, { "poweroff", cmd_poweroff },
};

int main(u64 hartid, const void *fdt)
{
    boot_time = rdtime();
    hart = hartid;
    dtb = fdt;
    ctx = 2 * hartid + 1;
    int len;
    const void *tb = fdt_getprop(fdt, "/cpus", "timebase-frequency", &len);
    freq = tb && len == 4 ? fdt32(tb) : 10000000;

    kprintf("\nhv demo firmware on hart %lu\n", hartid);
    const char *model = fdt_getprop(fdt, "/", "model", &len);
    if (model)
        kprintf("machine: %s\n", model);
    const char *args = fdt_getprop(fdt, "/chosen", "bootargs", &len);
    if (args && len > 1)
        kprintf("bootargs: %s\n", args);
    puts_raw("type 'help' for the commands\n");
    console_init();

    char line[80];
    for (;;) {
        puts_raw("hv-demo# ");
        readline(line, sizeof(line));
        char *cmd = line;
        while (*cmd == ' ')
            cmd++;
        char *end = cmd + strlen(cmd);
        while (end > cmd && end[-1] == ' ')
            *--end = 0;
        if (!*cmd)
            continue;
        unsigned i;
        for (i = 0; i < ARRAY_SIZE(commands); i++)
            if (!strcmp(cmd, commands[i].name)) {
                commands[i].fn();
                break;
            }
        if (i == ARRAY_SIZE(commands))
            kprintf("unknown command '%s' (try 'help')\n", cmd);
    }
}
