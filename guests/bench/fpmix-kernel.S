/* Benchmark kernel of hv's CPU benchmark fpmix (see README.md). A counted loop whose
 * instruction count per iteration is fixed (a branch inside the loop has two paths of
 * equal length), so the number of retired instructions follows from the structure:
 * INSNS_PER_ITER in fpmix.c. Comments number the instructions of one iteration. */
    .file   "fpmix-kernel.S"
    .option rvc
    .text

/* u64 fpmix_kernel(u64 iters, u64 seed): F and D arithmetic on values kept bounded:
 * fadd/fsub/fmul/fdiv/fsqrt/fmadd/fnmsub in double, fadd/fmul/fmadd/fdiv in single, the
 * conversions between them and to/from integers, fmin/fmax, fsgnj, fclass and a compare.
 * Needs sstatus.FS on. Returns the bits of the final state. 30 instructions per iteration. */
    .globl fpmix_kernel
    .balign 4
fpmix_kernel:
    fcvt.d.lu fa0, a1             /* seed */
    li      t0, 0x3ff0000000000000    /* 1.0 */
    fmv.d.x fa1, t0
    li      t0, 0x3fefffffde7210be    /* 0.999999 */
    fmv.d.x fa2, t0
    li      t0, 0x3fb999999999999a    /* 0.1 */
    fmv.d.x fa3, t0
    fcvt.s.d fs0, fa3             /* 0.1f */
    fcvt.s.d fs1, fa1             /* 1.0f */
    fmv.d   fa4, fa1              /* accumulators */
    fmv.d   fa5, fa3
    fmv.s   fs2, fs1
    li      a2, 0
    fsqrt.d fa0, fa0
    fadd.d  fa0, fa0, fa1
1:  fmadd.d fa4, fa4, fa2, fa3    /*  1  a = a * 0.999999 + 0.1 (converges to 1e5) */
    fmul.d  ft0, fa4, fa3         /*  2 */
    fdiv.d  ft1, ft0, fa0         /*  3 */
    fadd.d  fa5, fa5, ft1         /*  4 */
    fsqrt.d ft2, fa4              /*  5 */
    fsub.d  ft3, ft2, fa1         /*  6 */
    fnmsub.d ft4, ft3, fa3, fa5   /*  7  -(ft3*0.1) + fa5 */
    fmax.d  ft5, ft4, fa1         /*  8 */
    fmin.d  fa5, ft5, fa4         /*  9 */
    fcvt.s.d ft6, ft2             /* 10 */
    fmadd.s fs2, fs2, fs0, ft6    /* 11 */
    fmul.s  ft7, fs2, fs0         /* 12 */
    fdiv.s  ft8, ft7, fs1         /* 13 */
    fadd.s  fs2, fs2, ft8         /* 14 */
    fsgnjn.s ft9, fs2, fs2        /* 15 */
    fsgnjx.s ft9, ft9, ft9        /* 16  |fs2| */
    fcvt.d.s ft10, ft9            /* 17 */
    fmul.d  ft10, ft10, fa3       /* 18 */
    fcvt.l.d t0, ft10, rtz        /* 19 */
    add     a2, a2, t0            /* 20 */
    fcvt.d.l ft11, t0             /* 21 */
    fsub.d  ft11, ft10, ft11      /* 22 fractional part */
    flt.d   t1, ft11, fa3         /* 23 */
    add     a2, a2, t1            /* 24 */
    fclass.d t2, ft4              /* 25 */
    xor     a2, a2, t2            /* 26 */
    fmv.x.d t3, fa5               /* 27 */
    xor     a2, a2, t3            /* 28 */
    addi    a0, a0, -1            /* 29 */
    bnez    a0, 1b                /* 30 */
    fmv.x.d t0, fa4
    fmv.x.w t1, fs2
    xor     a0, a2, t0
    slli    t1, t1, 32
    xor     a0, a0, t1
    fmv.x.d t0, fa5
    add     a0, a0, t0
    ret
