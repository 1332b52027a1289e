/* fail-syscon: reports a deliberate failure through the sifive,test0 finisher at 0x100000:
 * writes 0x3333 | (7 << 16) ("fail", exit code 7). hv must exit 1 (guest-reported failure);
 * QEMU exits with status 7. Tests use it to check that a failing guest is seen as one. */
#include "hv.h"

#define TEST_BASE 0x100000UL
#define FAIL_CODE 7

int main(u64 hartid, const void *dtb)
{
    (void)dtb;
    kprintf("fail-syscon: deliberate failure through sifive,test0 at 0x%lx, hart %lu\n", TEST_BASE, hartid);
    check("deliberate-failure", FAIL_CODE, 0);
    test_summary("fail-syscon");
    kprintf("writing 0x%x to 0x%lx\n", (FAIL_CODE << 16) | 0x3333, TEST_BASE);
    mmio_w32(TEST_BASE, (FAIL_CODE << 16) | 0x3333);
    u64 t1 = rdtime();
    while (rdtime() - t1 < 10000000UL)
        ;
    kprintf("fail-syscon: the finisher did not stop the machine, trying SRST\n");
    sbi_system_reset(0, 1);
    for (;;)
        asm volatile("wfi");
}
