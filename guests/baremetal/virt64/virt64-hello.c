/* virt64-hello: a guest for Xvisor's RISC-V virt64 guest layout (tests/riscv/virt64 in
 * Xvisor): flash at 0x0 (this image), PLIC 0x0c000000, UART 0x10000000, vminfo 0x10001000,
 * RAM 0x80000000. It starts in flash, copies itself to RAM (start.S), then reads the
 * vminfo device (Xvisor's vminfo-0.1: read-only 32-bit registers) and checks it against
 * what it can see itself: the RAM it runs in, the number of harts SBI HSM knows, the flash
 * copy it came from. If there is a second VCPU it starts it through HSM hart_start (the
 * virt64 DT marks it `poweroff`) and waits for it to stop again. Powers off through SRST.
 *
 * Run: ./hv boot --guest guests/baremetal/virt64/virt64-guest.dts */
#include "hv.h"

#define VMINFO 0x10001000UL
#define VMINFO_MAGIC 0xa4a297a6u
#define VMINFO_VENDOR 0x52535658u     /* "XVSR" read as a little-endian word */
#define RAM_LINK 0x80000000UL

static inline u32 vminfo(u64 off) { return mmio_r32(VMINFO + off); }
static inline u64 vminfo64(u64 off) { return ((u64)vminfo(off) << 32) | vminfo(off + 4); }

extern u64 copied_from;                   /* start.S: where the image was started */
extern char __image_start[], __text_end[], __bss_end[];

/* The second hart: a0 = hart id, a1 = opaque = its stack top. */
static u8 sec_stack[4096] __attribute__((aligned(16)));
static volatile u64 sec_entered, sec_a0;
void secondary_main(u64 hartid);
asm(".section .text\n"
    ".balign 4\n"
    "secondary_entry:\n"
    ".option push\n"
    ".option norelax\n"
    "    la gp, __global_pointer$\n"
    ".option pop\n"
    "    mv sp, a1\n"
    "    mv tp, a0\n"
    "    la t0, trap_vector\n"
    "    csrw stvec, t0\n"
    "    call secondary_main\n"
    "1:  wfi\n"
    "    j 1b\n");
extern char secondary_entry[];

void secondary_main(u64 hartid)
{
    sec_a0 = hartid;
    __atomic_store_n(&sec_entered, 1, __ATOMIC_RELEASE);
    sbi_hart_stop();
}

static const char *vendor_text(u32 v, char *buf)
{
    for (int i = 0; i < 4; i++) {
        char c = (char)(v >> (8 * i));
        buf[i] = c >= 0x20 && c < 0x7f ? c : '?';
    }
    buf[4] = 0;
    return buf;
}

int main(u64 hartid, const void *dt)
{
    struct sbiret r = sbi_call(SBI_EXT_BASE, 0, 0, 0, 0, 0, 0, 0);
    kprintf("RISC-V SBI specification v%ld.%ld detected\n", (r.value >> 24) & 0x7f, r.value & 0xffffff);
    kprintf("virt64-hello: Xvisor virt64 layout, hart %lu, guest OS DT %p\n", hartid, dt);
    long impl = sbi_call(SBI_EXT_BASE, 1, 0, 0, 0, 0, 0, 0).value;
    long implv = sbi_call(SBI_EXT_BASE, 2, 0, 0, 0, 0, 0, 0).value;
    kprintf("SBI implementation %ld version 0x%lx\n", impl, implv);

    /* where we came from and where we run */
    kprintf("image started at 0x%lx, runs at %p (linked for 0x%lx)\n", copied_from, (void *)main, RAM_LINK);
    check("started-in-flash-at-0", copied_from, 0);
    check_true("runs-in-ram", (u64)main >= RAM_LINK && (u64)main < RAM_LINK + 0x2000000);
    size_t text = (size_t)(__text_end - __image_start);
    int same = 1;
    for (size_t i = 0; i < text; i += 4)
        if (mmio_r32(copied_from + i) != *(volatile u32 *)(__image_start + i)) {
            same = 0;
            break;
        }
    check_true("flash-copy-matches-ram-text", same);

    /* vminfo */
    char vb[5];
    u32 magic = vminfo(0x00), vendor = vminfo(0x04), version = vminfo(0x08);
    u32 vcpus = vminfo(0x0c), boot_delay = vminfo(0x10);
    u64 cs_freq = vminfo64(0x18), cc_freq = vminfo64(0x20);
    kprintf("vminfo: magic 0x%08x vendor 0x%08x (%s) version %u\n", magic, vendor, vendor_text(vendor, vb), version);
    kprintf("vminfo: vcpu count %u, boot delay %u\n", vcpus, boot_delay);
    kprintf("vminfo: clocksource %lu Hz, clockchip %lu Hz\n", cs_freq, cc_freq);
    u64 ram_base[4], ram_size[4];
    for (int n = 0; n < 4; n++) {
        ram_base[n] = vminfo64(0x40 + 0x10 * n);
        ram_size[n] = vminfo64(0x48 + 0x10 * n);
        if (ram_size[n])
            kprintf("vminfo: RAM%d base 0x%lx size 0x%lx (%lu MiB)\n", n, ram_base[n], ram_size[n], ram_size[n] >> 20);
    }
    check("vminfo-magic", magic, VMINFO_MAGIC);
    check("vminfo-vendor", vendor, VMINFO_VENDOR);
    check("vminfo-version", version, 1);
    check_true("vminfo-vcpu-count", vcpus >= 1 && vcpus <= 64);
    check_true("vminfo-clocksource-freq", cs_freq != 0);
    check("vminfo-ram0-base", ram_base[0], RAM_LINK);
    check_true("vminfo-ram0-holds-image", ram_base[0] <= (u64)__image_start &&
               (u64)__bss_end <= ram_base[0] + ram_size[0]);
    check("vminfo-writes-ignored", (mmio_w32(VMINFO, 0), vminfo(0x00)), VMINFO_MAGIC);

    /* the harts vminfo counts are the harts HSM knows */
    r = sbi_hart_get_status(vcpus - 1);
    check("hsm-last-vcpu-exists", (u64)r.error, 0);
    r = sbi_hart_get_status(vcpus);
    check("hsm-no-vcpu-beyond-count", (u64)r.error, (u64)SBI_ERR_INVALID_PARAM);

    /* the time base the firmware would put in a Linux DT */
    u64 t0 = rdtime();
    while (rdtime() - t0 < cs_freq / 100)      /* 10 ms of guest time */
        ;
    check_true("time-advances", rdtime() > t0);

    if (dt)
        check("os-dt-magic", fdt32(dt), 0xd00dfeed);
    else
        info("no guest OS DT (a1 = 0): hv,os-dt = \"none\"");

    /* a second VCPU, started through HSM */
    if (vcpus >= 2) {
        u64 h = hartid == 0 ? 1 : 0;
        r = sbi_hart_get_status(h);
        check("second-vcpu-stopped-at-boot", (u64)r.value, SBI_HSM_STOPPED);
        r = sbi_hart_start(h, (u64)secondary_entry, (u64)&sec_stack[sizeof(sec_stack)]);
        check("second-vcpu-hart-start", (u64)r.error, 0);
        u64 t1 = rdtime();
        while (!__atomic_load_n(&sec_entered, __ATOMIC_ACQUIRE) && rdtime() - t1 < 10 * cs_freq)
            ;
        check_true("second-vcpu-entered", sec_entered);
        check("second-vcpu-a0", sec_a0, h);
        t1 = rdtime();
        while ((r = sbi_hart_get_status(h)).value != SBI_HSM_STOPPED && rdtime() - t1 < 10 * cs_freq)
            ;
        check("second-vcpu-stopped-again", (u64)r.value, SBI_HSM_STOPPED);
    } else {
        info("one VCPU: no secondary start");
    }
    return test_summary("virt64-hello");
}
