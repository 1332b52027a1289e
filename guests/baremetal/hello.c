/* hello: the first thing to run on hv. Prints who and where it is, checks the DTB
 * header and that the time CSR advances, lists the SBI extensions, exits. */
#include "hv.h"

static const char *sbi_impl_name(long id)
{
    switch (id) {
    case 0: return "BBL";
    case 1: return "OpenSBI";
    case 2: return "Xvisor";
    case 3: return "KVM";
    case 4: return "RustSBI";
    case 5: return "Diosix";
    case 6: return "Coffer";
    case 7: return "Xen";
    case 8: return "PolarFire HSS";
    default: return "other";
    }
}

int main(u64 hartid, const void *dtb)
{
    kprintf("hello from hv guest\n");
    kprintf("hart id: %lu\n", hartid);
    kprintf("dtb: %p\n", dtb);

    u64 t0 = rdtime();
    u64 t1 = rdtime();
    kprintf("time: %lu then %lu\n", t0, t1);
    check_true("time-monotonic", t1 >= t0);

    check("dtb-magic", dtb ? fdt32(dtb) : 0, 0xd00dfeed);
    int len;
    const char *model = fdt_getprop(dtb, "/", "model", &len);
    kprintf("dtb model: %s\n", model ? model : "(none)");
    const void *tb = fdt_getprop(dtb, "/cpus", "timebase-frequency", &len);
    u32 timebase = tb && len == 4 ? fdt32(tb) : 0;
    kprintf("timebase-frequency: %u\n", timebase);
    check_true("dtb-timebase-present", timebase != 0);
    const char *isa = fdt_getprop(dtb, "/cpus/cpu@0", "riscv,isa", &len);
    kprintf("cpu@0 riscv,isa: %s\n", isa ? isa : "(none)");
    const char *mmu = fdt_getprop(dtb, "/cpus/cpu@0", "mmu-type", &len);
    kprintf("cpu@0 mmu-type: %s\n", mmu ? mmu : "(none)");

    struct sbiret r = sbi_call(SBI_EXT_BASE, 0, 0, 0, 0, 0, 0, 0);
    kprintf("sbi spec version: %ld.%ld\n", (r.value >> 24) & 0x7f, r.value & 0xffffff);
    check("sbi-get-spec-version-error", (u64)r.error, 0);
    r = sbi_call(SBI_EXT_BASE, 1, 0, 0, 0, 0, 0, 0);
    long impl = r.value;
    r = sbi_call(SBI_EXT_BASE, 2, 0, 0, 0, 0, 0, 0);
    kprintf("sbi implementation: %ld (%s) version 0x%lx\n", impl, sbi_impl_name(impl), r.value);
    static const struct { long id; const char *name; } exts[] = {
        { SBI_EXT_TIME, "TIME" }, { SBI_EXT_IPI, "IPI" }, { SBI_EXT_RFNC, "RFENCE" },
        { SBI_EXT_HSM, "HSM" }, { SBI_EXT_SRST, "SRST" }, { SBI_EXT_DBCN, "DBCN" },
    };
    kprintf("sbi extensions:");
    for (unsigned i = 0; i < ARRAY_SIZE(exts); i++)
        if (sbi_probe(exts[i].id))
            kprintf(" %s", exts[i].name);
    kprintf("\n");
    check_true("sbi-has-time", sbi_probe(SBI_EXT_TIME) != 0);
    /* An extension id nobody defines must probe as absent. */
    check("sbi-probe-unknown", (u64)sbi_probe(0x0abcdef0), 0);

    u64 t2 = rdtime();
    kprintf("time: %lu (%lu ticks since start)\n", t2, t2 - t0);
    check_true("time-advances", t2 > t0);
    return test_summary("hello");
}
