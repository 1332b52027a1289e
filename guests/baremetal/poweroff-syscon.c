/* poweroff-syscon: powers off through the sifive,test0 finisher at 0x100000 (write 0x5555,
 * "pass"), the way Linux's syscon-poweroff driver does, instead of SBI SRST. hv must exit
 * 0 and QEMU must exit 0. If the write returns, the program reports a failure through SRST
 * (reason system failure), so a platform without the device still exits non-zero. */
#include "hv.h"

#define TEST_BASE 0x100000UL

int main(u64 hartid, const void *dtb)
{
    kprintf("poweroff-syscon: power off through sifive,test0 at 0x%lx, hart %lu\n", TEST_BASE, hartid);
    check("dtb-magic", dtb ? fdt32(dtb) : 0, 0xd00dfeed);
    u64 t0 = rdtime();
    while (rdtime() == t0)
        ;
    check_true("time-advances", rdtime() > t0);
    test_summary("poweroff-syscon");
    kprintf("writing 0x5555 to 0x%lx\n", TEST_BASE);
    mmio_w32(TEST_BASE, 0x5555);
    /* A store to the finisher stops the machine; give a slow platform a moment. */
    u64 t1 = rdtime();
    while (rdtime() - t1 < 10000000UL)
        ;
    tests_failed++;
    kprintf("FAIL finisher-powered-off got 0x0 expected 0x1\n");
    sbi_system_reset(0, 1);
    for (;;)
        asm volatile("wfi");
}
