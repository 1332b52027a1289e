#ifndef DEFS_H
#define DEFS_H
#define HAVE_RTC
#define NUM_HARTS 2
#define BASE_ADDR 0x10000000
#define BASE_ADDR_TEXT 10000000
#define UNDEF_ME 1
#endif
