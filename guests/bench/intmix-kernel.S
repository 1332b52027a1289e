/* Benchmark kernel of hv's CPU benchmark intmix (see README.md). A counted loop whose
 * instruction count per iteration is fixed (a branch inside the loop has two paths of
 * equal length), so the number of retired instructions follows from the structure:
 * INSNS_PER_ITER in intmix.c. Comments number the instructions of one iteration. */
    .file   "intmix-kernel.S"
    .option rvc
    .text

/* u64 intmix_kernel(u64 iters, u64 seed): integer mix. Adds, subtracts, shifts, logic,
 * compares, W-forms, compressed instructions (c.add, c.addi, c.mv, c.slli, c.srli,
 * c.xor, c.nop, c.bnez), and a data-dependent branch whose two paths both take 3
 * instructions. 24 instructions per iteration. */
    .globl intmix_kernel
    .balign 4
intmix_kernel:
    mv      a2, a1                /* x */
    li      a3, 0x9e3779b9        /* odd constant */
    li      a4, 0
    li      a5, 0
1:  c.add   a2, a3                /*  1 */
    slli    t0, a2, 13            /*  2  xorshift64 */
    xor     a2, a2, t0            /*  3 */
    srli    t0, a2, 7             /*  4 */
    xor     a2, a2, t0            /*  5 */
    slli    t0, a2, 17            /*  6 */
    xor     a2, a2, t0            /*  7 */
    and     t1, a2, a3            /*  8 */
    or      t3, a2, a4            /*  9 */
    c.srli  a4, 3                 /* 10 */
    add     a4, a4, t1            /* 11 */
    sub     a5, a5, t3            /* 12 */
    sraiw   t4, a2, 5             /* 13 */
    addw    a5, a5, t4            /* 14 */
    andi    t1, a2, 1             /* 15 */
    beqz    t1, 2f                /* 16 */
    c.addi  a5, 7                 /* 17 (odd x) */
    j       3f                    /* 18 */
2:  c.addi  a5, -3                /* 17 (even x) */
    c.nop                         /* 18 */
3:  sltu    t5, a4, a5            /* 19 */
    c.mv    t6, a2                /* 20 */
    c.slli  t6, 1                 /* 21 */
    c.xor   a4, a5                /* 22 */
    c.addi  a0, -1                /* 23 */
    c.bnez  a0, 1b                /* 24 */
    add     a0, a2, a4
    xor     a0, a0, a5
    add     a0, a0, t5
    add     a0, a0, t6
    ret
