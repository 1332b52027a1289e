/* Entry of hv's bare-metal S-mode guests.
 * a0 = hart id, a1 = DTB address (SBI payload contract). Sets gp and sp, clears .bss,
 * installs the common trap vector, calls main(hartid, dtb), then shuts down through
 * SBI SRST with main's return value as the failure count. */
    .file   "start.S"             /* a fixed file symbol: reproducible links */
    .section .text.start, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top
    mv      s0, a0
    mv      tp, a0               /* tp = hart id, for programs that run on several harts */
    mv      s1, a1
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  la      t0, trap_vector
    csrw    stvec, t0
    csrw    sscratch, zero
    mv      a0, s0
    mv      a1, s1
    call    main
    call    guest_exit
3:  wfi
    j       3b

    .section .bss.stack, "aw", @nobits
    .balign 16
    .globl __stack_bottom, __stack_top
__stack_bottom:
    .space  16384
__stack_top:
