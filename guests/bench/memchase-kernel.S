/* Benchmark kernel of hv's CPU benchmark memchase (see README.md). A counted loop whose
 * instruction count per iteration is fixed (a branch inside the loop has two paths of
 * equal length), so the number of retired instructions follows from the structure:
 * INSNS_PER_ITER in memchase.c. Comments number the instructions of one iteration. */
    .file   "memchase-kernel.S"
    .option rvc
    .text

/* u64 memchase_kernel(u64 *start, u64 steps): pointer chasing; steps is a multiple of 8.
 * Each element holds the address of the next one. 8 dependent loads, then the pointer is
 * added to the checksum, the counter and the branch: 11 instructions per 8 steps.
 * Returns the sum of the steps/8 pointers added plus the last one. */
    .globl memchase_kernel
    .balign 4
memchase_kernel:
    li      a2, 0
1:  ld      a0, 0(a0)             /*  1 */
    ld      a0, 0(a0)             /*  2 */
    ld      a0, 0(a0)             /*  3 */
    ld      a0, 0(a0)             /*  4 */
    ld      a0, 0(a0)             /*  5 */
    ld      a0, 0(a0)             /*  6 */
    ld      a0, 0(a0)             /*  7 */
    ld      a0, 0(a0)             /*  8 */
    add     a2, a2, a0            /*  9 */
    addi    a1, a1, -8            /* 10 */
    bnez    a1, 1b                /* 11 */
    add     a0, a0, a2
    ret
