/* fp-selftest: self-checking test of the RISC-V F and D extensions (unprivileged ISA,
 * chapters "F" and "D": fcsr, NaN boxing, canonical NaN, fmin/fmax, fclass, conversions
 * with saturation, rounding modes, accrued exception flags) and of the sstatus.FS
 * protocol (privileged ISA, "Extension Context Status").
 * Each check prints PASS/FAIL lines for the result bits and the fflags it raised.
 * Expected values were worked out from the specification (IEEE 754-2008 rounding) and
 * agree with QEMU 7.2. */
#include "hv.h"

#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

/* single */
#define S_1     0x3f800000UL
#define S_M1    0xbf800000UL
#define S_2     0x40000000UL
#define S_M2    0xc0000000UL
#define S_3     0x40400000UL
#define S_4     0x40800000UL
#define S_HALF  0x3f000000UL
#define S_MHALF 0xbf000000UL
#define S_2_5   0x40200000UL
#define S_M2_5  0xc0200000UL
#define S_0     0x00000000UL
#define S_M0    0x80000000UL
#define S_INF   0x7f800000UL
#define S_MINF  0xff800000UL
#define S_QNAN  0x7fc00000UL      /* canonical NaN */
#define S_SNAN  0x7f800001UL
#define S_MAX   0x7f7fffffUL
#define S_MINN  0x00800000UL      /* smallest normal */
#define S_MINS  0x00000001UL      /* smallest subnormal */
#define S_3E9   0x4f32d05eUL      /* 3000000000.0f, exact */
/* double */
#define D_1     0x3ff0000000000000UL
#define D_M1    0xbff0000000000000UL
#define D_2     0x4000000000000000UL
#define D_3     0x4008000000000000UL
#define D_10    0x4024000000000000UL
#define D_0_1   0x3fb999999999999aUL
#define D_0_2   0x3fc999999999999aUL
#define D_0     0x0000000000000000UL
#define D_M0    0x8000000000000000UL
#define D_INF   0x7ff0000000000000UL
#define D_MINF  0xfff0000000000000UL
#define D_QNAN  0x7ff8000000000000UL
#define D_SNAN  0x7ff0000000000001UL
#define D_2P63  0x43e0000000000000UL
#define D_M2P63 0xc3e0000000000000UL
#define D_1E300 0x7e37e43c8800759cUL
#define D_THIRD 0x3fd5555555555555UL

static u64 fl;          /* fflags raised by the last FP_RUN */

/* Loads a, b, c into ft0, ft1, ft3 (with `load`: fmv.w.x boxes singles, fmv.d.x for
 * doubles) and a into t1 for integer sources, clears fflags, runs `op` (result in ft2,
 * or t0 for integer results), reads fflags, and returns the result with `store`. */
#define FP_RUN(load, store, op, a, b, c) ({ u64 __r, __f; \
    asm volatile("mv t1, %2\n " load " ft0, %2\n " load " ft1, %3\n " load " ft3, %4\n" \
                 " fsflags x0\n li t0, 0\n " op "\n frflags %1\n " store \
                 : "=r"(__r), "=&r"(__f) : "r"((u64)(a)), "r"((u64)(b)), "r"((u64)(c)) \
                 : "t0", "t1", "ft0", "ft1", "ft2", "ft3", "memory"); \
    fl = __f; __r; })

/* single result (low 32 bits of ft2), double result, integer result in t0 */
#define TS(name, op, a, b, c, exp, flags) \
    tf(name, (u32)FP_RUN("fmv.w.x", "fmv.x.w %0, ft2", op, a, b, c), exp, flags)
#define TD(name, op, a, b, c, exp, flags) \
    tf(name, FP_RUN("fmv.d.x", "fmv.x.d %0, ft2", op, a, b, c), exp, flags)
#define TIS(name, op, a, b, exp, flags) \
    tf(name, FP_RUN("fmv.w.x", "mv %0, t0", op, a, b, 0), exp, flags)
#define TID(name, op, a, b, exp, flags) \
    tf(name, FP_RUN("fmv.d.x", "mv %0, t0", op, a, b, 0), exp, flags)

static void tf(const char *name, u64 got, u64 exp, u64 flags)
{
    char buf[96];
    size_t n = strlen(name);
    if (n > sizeof(buf) - 8)
        n = sizeof(buf) - 8;
    memcpy(buf, name, n);
    memcpy(buf + n, "-fflags", 8);
    u64 raised = fl;
    check(name, got, exp);
    check(buf, raised, flags);
}

static void test_arith(void)
{
    TS("fadd.s(1,2)", "fadd.s ft2, ft0, ft1", S_1, S_2, 0, S_3, 0);
    TS("fsub.s(1,1)", "fsub.s ft2, ft0, ft1", S_1, S_1, 0, S_0, 0);
    /* x - x is +0 in every rounding mode except RDN, where it is -0 */
    TS("fsub.s(1,1)-rdn", "fsub.s ft2, ft0, ft1, rdn", S_1, S_1, 0, S_M0, 0);
    TS("fmul.s(3,0.5)", "fmul.s ft2, ft0, ft1", S_3, S_HALF, 0, 0x3fc00000, 0);
    TS("fdiv.s(1,3)-rne", "fdiv.s ft2, ft0, ft1, rne", S_1, S_3, 0, 0x3eaaaaab, NX);
    TS("fdiv.s(1,3)-rtz", "fdiv.s ft2, ft0, ft1, rtz", S_1, S_3, 0, 0x3eaaaaaa, NX);
    TS("fdiv.s(1,3)-rdn", "fdiv.s ft2, ft0, ft1, rdn", S_1, S_3, 0, 0x3eaaaaaa, NX);
    TS("fdiv.s(1,3)-rup", "fdiv.s ft2, ft0, ft1, rup", S_1, S_3, 0, 0x3eaaaaab, NX);
    TS("fdiv.s(1,3)-rmm", "fdiv.s ft2, ft0, ft1, rmm", S_1, S_3, 0, 0x3eaaaaab, NX);
    TS("fdiv.s(-1,3)-rne", "fdiv.s ft2, ft0, ft1, rne", S_M1, S_3, 0, 0xbeaaaaab, NX);
    TS("fdiv.s(-1,3)-rdn", "fdiv.s ft2, ft0, ft1, rdn", S_M1, S_3, 0, 0xbeaaaaab, NX);
    TS("fdiv.s(-1,3)-rup", "fdiv.s ft2, ft0, ft1, rup", S_M1, S_3, 0, 0xbeaaaaaa, NX);
    TS("fdiv.s(1,0)", "fdiv.s ft2, ft0, ft1", S_1, S_0, 0, S_INF, DZ);
    TS("fdiv.s(-1,0)", "fdiv.s ft2, ft0, ft1", S_M1, S_0, 0, S_MINF, DZ);
    TS("fdiv.s(0,0)", "fdiv.s ft2, ft0, ft1", S_0, S_0, 0, S_QNAN, NV);
    TS("fdiv.s(inf,inf)", "fdiv.s ft2, ft0, ft1", S_INF, S_INF, 0, S_QNAN, NV);
    TS("fadd.s(inf,-inf)", "fadd.s ft2, ft0, ft1", S_INF, S_MINF, 0, S_QNAN, NV);
    /* NaN inputs give the canonical NaN (no payload propagation); only sNaN signals */
    TS("fadd.s(qnan-payload,1)", "fadd.s ft2, ft0, ft1", 0x7fc12345, S_1, 0, S_QNAN, 0);
    TS("fadd.s(snan,1)", "fadd.s ft2, ft0, ft1", S_SNAN, S_1, 0, S_QNAN, NV);
    TS("fsqrt.s(4)", "fsqrt.s ft2, ft0", S_4, 0, 0, S_2, 0);
    TS("fsqrt.s(2)", "fsqrt.s ft2, ft0", S_2, 0, 0, 0x3fb504f3, NX);
    TS("fsqrt.s(-1)", "fsqrt.s ft2, ft0", S_M1, 0, 0, S_QNAN, NV);
    TS("fsqrt.s(-0)", "fsqrt.s ft2, ft0", S_M0, 0, 0, S_M0, 0);
    TS("fmadd.s(2,3,1)", "fmadd.s ft2, ft0, ft1, ft3", S_2, S_3, S_1, 0x40e00000, 0);
    TS("fmsub.s(2,3,1)", "fmsub.s ft2, ft0, ft1, ft3", S_2, S_3, S_1, 0x40a00000, 0);
    TS("fnmsub.s(2,3,1)", "fnmsub.s ft2, ft0, ft1, ft3", S_2, S_3, S_1, 0xc0a00000, 0);
    TS("fnmadd.s(2,3,1)", "fnmadd.s ft2, ft0, ft1, ft3", S_2, S_3, S_1, 0xc0e00000, 0);
    /* inf * 0 is invalid even when the addend is a quiet NaN */
    TS("fmadd.s(inf,0,qnan)", "fmadd.s ft2, ft0, ft1, ft3", S_INF, S_0, S_QNAN, S_QNAN, NV);
    TS("fmul.s(max,2)-overflow", "fmul.s ft2, ft0, ft1", S_MAX, S_2, 0, S_INF, OF | NX);
    TS("fmul.s(max,2)-rtz", "fmul.s ft2, ft0, ft1, rtz", S_MAX, S_2, 0, S_MAX, OF | NX);
    /* underflow is signalled only for tiny AND inexact results */
    TS("fmul.s(minnormal,0.5)-exact", "fmul.s ft2, ft0, ft1", S_MINN, S_HALF, 0, 0x00400000, 0);
    TS("fmul.s(minsub,0.5)-underflow", "fmul.s ft2, ft0, ft1", S_MINS, S_HALF, 0, S_0, UF | NX);

    TD("fadd.d(0.1,0.2)", "fadd.d ft2, ft0, ft1", D_0_1, D_0_2, 0, 0x3fd3333333333334UL, NX);
    TD("fsub.d(1,1)-rdn", "fsub.d ft2, ft0, ft1, rdn", D_1, D_1, 0, D_M0, 0);
    TD("fmul.d(3,-1)", "fmul.d ft2, ft0, ft1", D_3, D_M1, 0, 0xc008000000000000UL, 0);
    TD("fdiv.d(1,3)", "fdiv.d ft2, ft0, ft1", D_1, D_3, 0, D_THIRD, NX);
    TD("fdiv.d(1,3)-rup", "fdiv.d ft2, ft0, ft1, rup", D_1, D_3, 0, D_THIRD + 1, NX);
    TD("fdiv.d(1,0)", "fdiv.d ft2, ft0, ft1", D_1, D_0, 0, D_INF, DZ);
    TD("fdiv.d(0,0)", "fdiv.d ft2, ft0, ft1", D_0, D_0, 0, D_QNAN, NV);
    TD("fsqrt.d(2)", "fsqrt.d ft2, ft0", D_2, 0, 0, 0x3ff6a09e667f3bcdUL, NX);
    TD("fsqrt.d(-1)", "fsqrt.d ft2, ft0", D_M1, 0, 0, D_QNAN, NV);
    /* fused: 0.1*10 - 1 without intermediate rounding is exactly 2^-54 */
    TD("fmadd.d(0.1,10,-1)", "fmadd.d ft2, ft0, ft1, ft3", D_0_1, D_10, D_M1, 0x3c90000000000000UL, 0);
    TD("fmul+fadd.d(0.1,10,-1)", "fmul.d ft2, ft0, ft1\n fadd.d ft2, ft2, ft3", D_0_1, D_10, D_M1, D_0, NX);
    TD("fmadd.d(inf,0,qnan)", "fmadd.d ft2, ft0, ft1, ft3", D_INF, D_0, D_QNAN, D_QNAN, NV);
    TD("fadd.d(snan,1)", "fadd.d ft2, ft0, ft1", D_SNAN, D_1, 0, D_QNAN, NV);
}

static void test_convert(void)
{
    /* fcvt.w.s(+-2.5) in all five rounding modes */
    TIS("fcvt.w.s(2.5)-rne", "fcvt.w.s t0, ft0, rne", S_2_5, 0, 2, NX);
    TIS("fcvt.w.s(2.5)-rtz", "fcvt.w.s t0, ft0, rtz", S_2_5, 0, 2, NX);
    TIS("fcvt.w.s(2.5)-rdn", "fcvt.w.s t0, ft0, rdn", S_2_5, 0, 2, NX);
    TIS("fcvt.w.s(2.5)-rup", "fcvt.w.s t0, ft0, rup", S_2_5, 0, 3, NX);
    TIS("fcvt.w.s(2.5)-rmm", "fcvt.w.s t0, ft0, rmm", S_2_5, 0, 3, NX);
    TIS("fcvt.w.s(-2.5)-rne", "fcvt.w.s t0, ft0, rne", S_M2_5, 0, (u64)-2, NX);
    TIS("fcvt.w.s(-2.5)-rtz", "fcvt.w.s t0, ft0, rtz", S_M2_5, 0, (u64)-2, NX);
    TIS("fcvt.w.s(-2.5)-rdn", "fcvt.w.s t0, ft0, rdn", S_M2_5, 0, (u64)-3, NX);
    TIS("fcvt.w.s(-2.5)-rup", "fcvt.w.s t0, ft0, rup", S_M2_5, 0, (u64)-2, NX);
    TIS("fcvt.w.s(-2.5)-rmm", "fcvt.w.s t0, ft0, rmm", S_M2_5, 0, (u64)-3, NX);
    /* saturation: NaN and +inf -> max, -inf -> min, all invalid */
    TIS("fcvt.w.s(nan)", "fcvt.w.s t0, ft0, rtz", S_QNAN, 0, 0x7fffffffUL, NV);
    TIS("fcvt.w.s(inf)", "fcvt.w.s t0, ft0, rtz", S_INF, 0, 0x7fffffffUL, NV);
    TIS("fcvt.w.s(-inf)", "fcvt.w.s t0, ft0, rtz", S_MINF, 0, 0xffffffff80000000UL, NV);
    TIS("fcvt.w.s(3e9)", "fcvt.w.s t0, ft0, rtz", S_3E9, 0, 0x7fffffffUL, NV);
    /* W results are sign-extended, also for the unsigned conversion */
    TIS("fcvt.wu.s(3e9)", "fcvt.wu.s t0, ft0, rtz", S_3E9, 0, 0xffffffffb2d05e00UL, 0);
    TIS("fcvt.wu.s(-1)", "fcvt.wu.s t0, ft0, rtz", S_M1, 0, 0, NV);
    TIS("fcvt.wu.s(-0.5)-rtz", "fcvt.wu.s t0, ft0, rtz", S_MHALF, 0, 0, NX);
    TIS("fcvt.wu.s(-0.5)-rdn", "fcvt.wu.s t0, ft0, rdn", S_MHALF, 0, 0, NV);
    TIS("fcvt.wu.s(nan)", "fcvt.wu.s t0, ft0, rtz", S_QNAN, 0, 0xffffffffffffffffUL, NV);
    TIS("fcvt.l.s(-inf)", "fcvt.l.s t0, ft0, rtz", S_MINF, 0, 0x8000000000000000UL, NV);
    TIS("fcvt.lu.s(3e9)", "fcvt.lu.s t0, ft0, rtz", S_3E9, 0, 3000000000UL, 0);
    TID("fcvt.l.d(nan)", "fcvt.l.d t0, ft0, rtz", D_QNAN, 0, 0x7fffffffffffffffUL, NV);
    TID("fcvt.l.d(-inf)", "fcvt.l.d t0, ft0, rtz", D_MINF, 0, 0x8000000000000000UL, NV);
    TID("fcvt.l.d(2^63)", "fcvt.l.d t0, ft0, rtz", D_2P63, 0, 0x7fffffffffffffffUL, NV);
    TID("fcvt.l.d(-2^63)", "fcvt.l.d t0, ft0, rtz", D_M2P63, 0, 0x8000000000000000UL, 0);
    TID("fcvt.lu.d(-inf)", "fcvt.lu.d t0, ft0, rtz", D_MINF, 0, 0, NV);
    TID("fcvt.lu.d(nan)", "fcvt.lu.d t0, ft0, rtz", D_QNAN, 0, 0xffffffffffffffffUL, NV);
    TID("fcvt.w.d(-1)", "fcvt.w.d t0, ft0, rtz", D_M1, 0, 0xffffffffffffffffUL, 0);
    TID("fcvt.w.d(1e300)", "fcvt.w.d t0, ft0, rtz", D_1E300, 0, 0x7fffffffUL, NV);

    /* integer -> float (integer source in t1) */
    TS("fcvt.s.w(-1)", "fcvt.s.w ft2, t1", (u64)-1, 0, 0, S_M1, 0);
    TS("fcvt.s.w(uses-low-32)", "fcvt.s.w ft2, t1", 0x100000002UL, 0, 0, S_2, 0);
    TS("fcvt.s.wu(0xffffffff)", "fcvt.s.wu ft2, t1", 0xffffffffUL, 0, 0, 0x4f800000, NX);
    TS("fcvt.s.wu(0xffffffff)-rtz", "fcvt.s.wu ft2, t1, rtz", 0xffffffffUL, 0, 0, 0x4f7fffff, NX);
    TS("fcvt.s.l(int64max)", "fcvt.s.l ft2, t1", 0x7fffffffffffffffUL, 0, 0, 0x5f000000, NX);
    TD("fcvt.d.w(0xffffffff)", "fcvt.d.w ft2, t1", 0xffffffffUL, 0, 0, D_M1, 0);
    TD("fcvt.d.l(int64max)", "fcvt.d.l ft2, t1", 0x7fffffffffffffffUL, 0, 0, D_2P63, NX);
    TD("fcvt.d.l(int64max)-rtz", "fcvt.d.l ft2, t1, rtz", 0x7fffffffffffffffUL, 0, 0, 0x43dfffffffffffffUL, NX);
    TD("fcvt.d.lu(uint64max)", "fcvt.d.lu ft2, t1", 0xffffffffffffffffUL, 0, 0, 0x43f0000000000000UL, NX);

    /* float <-> double */
    TS("fcvt.s.d(1/3)", "fmv.d.x ft0, t1\n fcvt.s.d ft2, ft0", D_THIRD, 0, 0, 0x3eaaaaab, NX);
    TS("fcvt.s.d(1e300)", "fmv.d.x ft0, t1\n fcvt.s.d ft2, ft0", D_1E300, 0, 0, S_INF, OF | NX);
    TS("fcvt.s.d(snan)", "fmv.d.x ft0, t1\n fcvt.s.d ft2, ft0", D_SNAN, 0, 0, S_QNAN, NV);
    TD("fcvt.d.s(0x3eaaaaab)", "fmv.w.x ft0, t1\n fcvt.d.s ft2, ft0", 0x3eaaaaabUL, 0, 0, 0x3fd5555560000000UL, 0);
    TD("fcvt.d.s(snan)", "fmv.w.x ft0, t1\n fcvt.d.s ft2, ft0", S_SNAN, 0, 0, D_QNAN, NV);
    TD("fcvt.d.s(qnan-payload)", "fmv.w.x ft0, t1\n fcvt.d.s ft2, ft0", 0x7fc12345UL, 0, 0, D_QNAN, 0);
}

static void test_minmax_compare_class(void)
{
    TS("fmin.s(qnan,1)", "fmin.s ft2, ft0, ft1", S_QNAN, S_1, 0, S_1, 0);
    TS("fmin.s(snan,1)", "fmin.s ft2, ft0, ft1", S_SNAN, S_1, 0, S_1, NV);
    TS("fmax.s(1,snan)", "fmax.s ft2, ft0, ft1", S_1, S_SNAN, 0, S_1, NV);
    TS("fmin.s(qnan,qnan)", "fmin.s ft2, ft0, ft1", 0x7fc12345, S_QNAN, 0, S_QNAN, 0);
    TS("fmin.s(-0,+0)", "fmin.s ft2, ft0, ft1", S_M0, S_0, 0, S_M0, 0);
    TS("fmin.s(+0,-0)", "fmin.s ft2, ft0, ft1", S_0, S_M0, 0, S_M0, 0);
    TS("fmax.s(-0,+0)", "fmax.s ft2, ft0, ft1", S_M0, S_0, 0, S_0, 0);
    TS("fmax.s(-1,-2)", "fmax.s ft2, ft0, ft1", S_M1, S_M2, 0, S_M1, 0);
    TD("fmin.d(qnan,2)", "fmin.d ft2, ft0, ft1", D_QNAN, D_2, 0, D_2, 0);
    TD("fmax.d(snan,snan)", "fmax.d ft2, ft0, ft1", D_SNAN, D_SNAN, 0, D_QNAN, NV);

    TIS("feq.s(qnan,1)", "feq.s t0, ft0, ft1", S_QNAN, S_1, 0, 0);
    TIS("feq.s(snan,1)", "feq.s t0, ft0, ft1", S_SNAN, S_1, 0, NV);
    TIS("flt.s(qnan,1)", "flt.s t0, ft0, ft1", S_QNAN, S_1, 0, NV);
    TIS("fle.s(qnan,qnan)", "fle.s t0, ft0, ft1", S_QNAN, S_QNAN, 0, NV);
    TIS("feq.s(-0,+0)", "feq.s t0, ft0, ft1", S_M0, S_0, 1, 0);
    TIS("flt.s(-0,+0)", "flt.s t0, ft0, ft1", S_M0, S_0, 0, 0);
    TIS("flt.s(-1,1)", "flt.s t0, ft0, ft1", S_M1, S_1, 1, 0);
    TID("fle.d(1,1)", "fle.d t0, ft0, ft1", D_1, D_1, 1, 0);
    TID("flt.d(inf,inf)", "flt.d t0, ft0, ft1", D_INF, D_INF, 0, 0);

    static const struct { u32 bits; u32 cls; const char *name; } sc[] = {
        { S_MINF, 1 << 0, "fclass.s(-inf)" },   { S_M1, 1 << 1, "fclass.s(-normal)" },
        { 0x80000001, 1 << 2, "fclass.s(-subnormal)" }, { S_M0, 1 << 3, "fclass.s(-0)" },
        { S_0, 1 << 4, "fclass.s(+0)" },        { S_MINS, 1 << 5, "fclass.s(+subnormal)" },
        { S_1, 1 << 6, "fclass.s(+normal)" },   { S_INF, 1 << 7, "fclass.s(+inf)" },
        { S_SNAN, 1 << 8, "fclass.s(snan)" },   { S_QNAN, 1 << 9, "fclass.s(qnan)" },
    };
    for (unsigned i = 0; i < ARRAY_SIZE(sc); i++)
        TIS(sc[i].name, "fclass.s t0, ft0", sc[i].bits, 0, sc[i].cls, 0);
    TID("fclass.d(-inf)", "fclass.d t0, ft0", D_MINF, 0, 1 << 0, 0);
    TID("fclass.d(-0)", "fclass.d t0, ft0", D_M0, 0, 1 << 3, 0);
    TID("fclass.d(+subnormal)", "fclass.d t0, ft0", 1UL, 0, 1 << 5, 0);
    TID("fclass.d(snan)", "fclass.d t0, ft0", D_SNAN, 0, 1 << 8, 0);
    TID("fclass.d(qnan)", "fclass.d t0, ft0", D_QNAN, 0, 1 << 9, 0);
}

static void test_sign_move_boxing(void)
{
    TS("fsgnj.s(1,-2)", "fsgnj.s ft2, ft0, ft1", S_1, S_M2, 0, S_M1, 0);
    TS("fsgnjn.s(1,-2)", "fsgnjn.s ft2, ft0, ft1", S_1, S_M2, 0, S_1, 0);
    TS("fsgnjx.s(-1,-2)", "fsgnjx.s ft2, ft0, ft1", S_M1, S_M2, 0, S_1, 0);
    /* sign injection never canonicalises or signals, even on a signalling NaN */
    TS("fneg.s(snan)", "fneg.s ft2, ft0", S_SNAN, 0, 0, 0xff800001, 0);
    TS("fabs.s(-snan)", "fabs.s ft2, ft0", 0xff800001, 0, 0, S_SNAN, 0);
    TD("fsgnjn.d(1,1)", "fsgnjn.d ft2, ft0, ft1", D_1, D_1, 0, D_M1, 0);
    TD("fabs.d(-inf)", "fabs.d ft2, ft0", D_MINF, 0, 0, D_INF, 0);

    /* fmv.x.w sign-extends bit 31 */
    TIS("fmv.x.w(-1.0)", "fmv.x.w t0, ft0", S_M1, 0, 0xffffffffbf800000UL, 0);
    /* a single written to an f register is NaN-boxed (upper 32 bits all ones) */
    TID("fmv.w.x-nan-boxes", "fmv.w.x ft2, t1\n fmv.x.d t0, ft2", S_1, 0, 0xffffffff3f800000UL, 0);
    TID("fadd.s-result-nan-boxed", "fmv.w.x ft0, t1\n fadd.s ft2, ft0, ft0\n fmv.x.d t0, ft2", S_1, 0,
        0xffffffff40000000UL, 0);
    static u64 mem = 0x123456783f800000UL;
    u64 r;
    asm volatile("flw ft0, 0(%1)\n fmv.x.d %0, ft0" : "=r"(r) : "r"(&mem) : "ft0", "memory");
    check("flw-nan-boxes", r, 0xffffffff3f800000UL);
    /* an improperly boxed single operand is treated as the canonical NaN */
    TS("fadd.s(unboxed)", "fmv.d.x ft0, t1\n fadd.s ft2, ft0, ft0", 0x000000003f800000UL, 0, 0, S_QNAN, 0);
    TS("fsgnjn.s(unboxed,1)", "fmv.d.x ft0, t1\n fsgnjn.s ft2, ft0, ft1", 0x000000003f800000UL, S_1, 0,
       0xffc00000, 0);
    /* ...but transfers (fmv.x.w, fsw) move the raw low 32 bits */
    TIS("fmv.x.w(unboxed)", "fmv.d.x ft0, t1\n fmv.x.w t0, ft0", 0x00000000bf800000UL, 0,
        0xffffffffbf800000UL, 0);
    mem = 0;
    asm volatile("fmv.d.x ft0, %1\n fsw ft0, 0(%0)" :: "r"(&mem), "r"(0x1111111122222222UL) : "ft0", "memory");
    check("fsw-unboxed-raw-bits", mem, 0x22222222UL);
    asm volatile("fmv.d.x ft0, %1\n fsd ft0, 0(%2)\n fld ft1, 0(%2)\n fmv.x.d %0, ft1"
                 : "=r"(r) : "r"(0x0123456789abcdefUL), "r"(&mem) : "ft0", "ft1", "memory");
    check("fsd-fld-roundtrip", r, 0x0123456789abcdefUL);
}

static volatile u64 trap_count, last_cause;
static int skip_trap(struct trap_frame *f)
{
    if (f->scause & SCAUSE_INTR)
        return 0;
    trap_count++;
    last_cause = f->scause;
    f->sepc += insn_len(f->sepc);
    return 1;
}

static void test_fcsr(void)
{
    u64 r;
    csr_write(fcsr, 0xff);
    check("fcsr-write-0xff", csr_read(fcsr), 0xff);
    check("frm-from-fcsr", csr_read(frm), 7);
    check("fflags-from-fcsr", csr_read(fflags), 0x1f);
    csr_write(fcsr, 0x1ff);
    check("fcsr-reserved-bits-read-0", csr_read(fcsr), 0xff);
    csr_write(fflags, 0x3f);
    check("fflags-5-bits", csr_read(fflags), 0x1f);
    csr_write(fcsr, 0);
    csr_write(frm, 3);
    check("frm-write", csr_read(frm), 3);
    check("frm-in-fcsr", csr_read(fcsr), 3 << 5);
    csr_write(frm, 0);

    /* dynamic rounding mode comes from frm; a static rm in the instruction wins */
    TS("fdiv.s(1,3)-dyn-rtz", "csrwi frm, 1\n fdiv.s ft2, ft0, ft1, dyn\n csrwi frm, 0", S_1, S_3, 0, 0x3eaaaaaa, NX);
    TS("fdiv.s(1,3)-dyn-rup", "csrwi frm, 3\n fdiv.s ft2, ft0, ft1, dyn\n csrwi frm, 0", S_1, S_3, 0, 0x3eaaaaab, NX);
    TS("fdiv.s(1,3)-static-beats-frm", "csrwi frm, 3\n fdiv.s ft2, ft0, ft1, rtz\n csrwi frm, 0", S_1, S_3, 0,
       0x3eaaaaaa, NX);
    TIS("fcvt.w.s(2.5)-dyn-rmm", "csrwi frm, 4\n fcvt.w.s t0, ft0, dyn\n csrwi frm, 0", S_2_5, 0, 3, NX);
    /* flags accrue until cleared */
    csr_write(fflags, 0);
    asm volatile("fmv.w.x ft0, %0\n fmv.w.x ft1, %1\n fdiv.s ft2, ft0, ft1\n fmv.w.x ft1, zero\n"
                 "fdiv.s ft2, ft0, ft1" :: "r"(S_1), "r"(S_3) : "ft0", "ft1", "ft2");
    check("fflags-accrue-nx-dz", csr_read(fflags), NX | DZ);
    csr_write(fflags, 0);

    /* illegal rounding modes: rm 5 in the instruction, or dyn with frm 5..7 */
    trap_hook = skip_trap;
    trap_count = 0;
    asm volatile(".word 0x00105153" ::: "ft2");          /* fadd.s ft2, ft0, ft1, rm=5 */
    check("fadd.s-rm5-traps", trap_count, 1);
    check("fadd.s-rm5-scause", last_cause, 2);
    trap_count = 0;
    asm volatile("csrwi frm, 5\n fadd.s ft2, ft0, ft1, dyn\n csrwi frm, 0" ::: "ft2");
    check("fadd.s-dyn-frm5-traps", trap_count, 1);
    trap_count = 0;
    asm volatile("csrwi frm, 7\n fcvt.w.s t0, ft0, dyn\n csrwi frm, 0" ::: "t0");
    check("fcvt.w.s-dyn-frm7-traps", trap_count, 1);
    csr_write(frm, 0);

    /* sstatus.FS: Off makes every FP instruction and FP CSR access illegal */
    csr_clear(sstatus, SSTATUS_FS);
    trap_count = 0;
    asm volatile("fadd.s ft2, ft0, ft1" ::: "ft2");
    check("fs-off-fadd-traps", trap_count, 1);
    check("fs-off-fadd-scause", last_cause, 2);
    trap_count = 0;
    asm volatile("csrr %0, fcsr" : "=r"(r));
    check("fs-off-fcsr-traps", trap_count, 1);
    trap_hook = NULL;
    /* Initial -> Dirty once an FP register is written; SD mirrors Dirty */
    csr_set(sstatus, 1UL << 13);                          /* FS = Initial */
    check("fs-initial", (csr_read(sstatus) >> 13) & 3, 1);
    asm volatile("fmv.w.x ft2, zero" ::: "ft2");
    r = csr_read(sstatus);
    check("fs-dirty-after-write", (r >> 13) & 3, 3);
    check("sstatus-sd-when-dirty", r >> 63, 1);
    csr_set(sstatus, SSTATUS_FS);
}

int main(u64 hartid, const void *dtb)
{
    (void)dtb;
    /* The firmware leaves FS Off: turn the FPU on (Dirty) before any FP instruction. */
    csr_set(sstatus, SSTATUS_FS);
    csr_write(fcsr, 0);
    kprintf("fp-selftest: RV64 F/D on hart %lu\n", hartid);
    test_arith();
    test_convert();
    test_minmax_compare_class();
    test_sign_move_boxing();
    test_fcsr();
    return test_summary("fp-selftest");
}
