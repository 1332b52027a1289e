/* Entry of virt64-hello (Xvisor virt64 layout). The VCPU starts at the flash, 0x0, with
 * a0 = hart id and a1 = guest OS DT address (0 without one). Like Xvisor's basic firmware:
 * if not already running at the link address, copy the image [__image_start, __image_end)
 * from where it runs to where it is linked (RAM, 0x80000000) and jump there; then set gp
 * and sp, clear .bss, install the trap vector and call main(hartid, dt). Only position-
 * independent code (pc-relative addressing) runs before the jump. */
    .file   "start.S"             /* a fixed file symbol: reproducible links */
    .section .text.start, "ax"
    .globl _start
_start:
    .option push
    .option norelax               /* gp is not set yet: no gp-relative relaxation */
    auipc   s2, 0                 /* where _start runs now (first instruction) */
    csrw    sie, zero
    mv      s0, a0
    mv      s1, a1
    ld      t1, link_start        /* where it is linked (a literal holding an absolute address) */
    beq     s2, t1, relocated
    ld      t2, link_end
    sub     t2, t2, t1            /* image length, a multiple of 8 */
    mv      t3, s2
    mv      t4, t1
1:  ld      t5, 0(t3)
    sd      t5, 0(t4)
    addi    t3, t3, 8
    addi    t4, t4, 8
    addi    t2, t2, -8
    bgtz    t2, 1b
    fence.i
    ld      t1, link_relocated
    jr      t1
relocated:
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top
    mv      tp, s0
    la      t0, __bss_start
    la      t1, __bss_end
2:  bgeu    t0, t1, 3f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       2b
3:  la      t0, copied_from
    sd      s2, 0(t0)
    la      t0, trap_vector
    csrw    stvec, t0
    csrw    sscratch, zero
    mv      a0, s0
    mv      a1, s1
    call    main
    call    guest_exit
4:  wfi
    j       4b

    .balign 8
link_start:         .dword __image_start
link_end:           .dword __image_end
link_relocated:     .dword relocated

    .section .data
    .balign 8
    .globl copied_from
copied_from:        .dword 0          /* the address the image was started at */

    .section .bss.stack, "aw", @nobits
    .balign 16
    .globl __stack_bottom, __stack_top
__stack_bottom:
    .space  16384
__stack_top:
