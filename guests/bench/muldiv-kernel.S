/* Benchmark kernel of hv's CPU benchmark muldiv (see README.md). A counted loop whose
 * instruction count per iteration is fixed (a branch inside the loop has two paths of
 * equal length), so the number of retired instructions follows from the structure:
 * INSNS_PER_ITER in muldiv.c. Comments number the instructions of one iteration. */
    .file   "muldiv-kernel.S"
    .option rvc
    .text

/* u64 muldiv_kernel(u64 iters, u64 seed): multiply/divide mix: mul, mulh, mulhu,
 * mulhsu, mulw, div, divu, rem, remu, divw, divuw, remw, remuw, with divisors forced odd
 * (never zero) and a signed overflow case (INT64_MIN / -1) every iteration.
 * 28 instructions per iteration. */
    .globl muldiv_kernel
    .balign 4
muldiv_kernel:
    mv      a2, a1                /* x */
    li      a3, 0x2545f4914f6cdd1d
    li      a4, 1
    li      a5, 0
    li      t6, -1
    slli    t5, a4, 63            /* INT64_MIN */
1:  mul     a2, a2, a3            /*  1  LCG-like step */
    addi    a2, a2, 0x3b          /*  2 */
    mulh    t0, a2, a3            /*  3 */
    mulhu   t1, a2, a3            /*  4 */
    mulhsu  t2, a2, a3            /*  5 */
    mulw    t3, a2, a4            /*  6 */
    ori     t4, t0, 1             /*  7  odd divisor */
    div     t0, a2, t4            /*  8 */
    divu    t1, a2, t4            /*  9 */
    rem     t2, t2, t4            /* 10 */
    remu    t3, t3, t4            /* 11 */
    divw    a6, a2, t4            /* 12 */
    divuw   a7, a2, t4            /* 13 */
    remw    a1, a2, t4            /* 14 */
    remuw   t4, a2, t4            /* 15 */
    div     a4, t5, t6            /* 16  overflow: INT64_MIN */
    rem     a4, a4, t6            /* 17  -> 0 */
    addi    a4, a4, 3             /* 18 */
    add     a5, a5, t0            /* 19 */
    xor     a5, a5, t1            /* 20 */
    add     t2, t2, t3            /* 21 */
    add     a6, a6, a7            /* 22 */
    add     a5, a5, t2            /* 23 */
    sub     a5, a5, a6            /* 24 */
    add     a5, a5, a1            /* 25 */
    add     a5, a5, t4            /* 26 */
    addi    a0, a0, -1            /* 27 */
    bnez    a0, 1b                /* 28 */
    xor     a0, a2, a5
    ret
