/* spin: prints one line, then waits forever in WFI with every interrupt disabled (sie = 0,
 * sstatus.SIE = 0), so nothing can ever wake it. For timeout tests: `./hv boot --timeout N`
 * must stop it and exit 124. */
#include "hv.h"

int main(u64 hartid, const void *dtb)
{
    (void)dtb;
    csr_clear(sstatus, SSTATUS_SIE);
    csr_write(sie, 0);
    kprintf("spin: hart %lu waits forever (wfi, interrupts off)\n", hartid);
    for (;;)
        asm volatile("wfi");
}
