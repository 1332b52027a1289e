/* Polled ns16550a driver (QEMU virt / hv: UART at 0x10000000, reg-shift 0). The
 * firmware already initialised it; we only wait for THR empty and write. */
#include "hv.h"

#define UART_THR 0
#define UART_LSR 5
#define LSR_THRE 0x20

static inline volatile u8 *uart_reg(int r) { return (volatile u8 *)(UART_BASE + r); }

void uart_putc(char c)
{
    if (c == '\n')
        uart_putc('\r');
    while (!(*uart_reg(UART_LSR) & LSR_THRE))
        ;
    *uart_reg(UART_THR) = (u8)c;
}

void puts_raw(const char *s)
{
    while (*s)
        uart_putc(*s++);
}
