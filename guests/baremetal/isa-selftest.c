/* isa-selftest: self-checking test of the RV64 I, M, A, C, Zicsr and Zifencei
 * instructions an S-mode guest uses (RISC-V unprivileged ISA, chapters "RV32I/RV64I",
 * "M", "A", "C", "Zicsr", "Zifencei"). Every check prints
 *   PASS <name>     or     FAIL <name> got 0x.. expected 0x..
 * and the program ends with "isa-selftest: N passed, M failed".
 * The operations are written as inline assembly so the compiler cannot fold them. */
#include "hv.h"

#define MIN64 0x8000000000000000UL
#define ALL1  0xffffffffffffffffUL

/* rd = insn rs1, rs2 */
#define RR(insn, a, b) ({ u64 __r; \
    asm volatile(insn " %0, %1, %2" : "=r"(__r) : "r"((u64)(a)), "r"((u64)(b))); __r; })
/* rd = insn rs1, imm */
#define RI(insn, a, imm) ({ u64 __r; \
    asm volatile(insn " %0, %1, %2" : "=r"(__r) : "r"((u64)(a)), "i"(imm)); __r; })
#define TRR(insn, a, b, exp) check(insn "(" #a "," #b ")", RR(insn, a, b), exp)
#define TRI(insn, a, imm, exp) check(insn "(" #a "," #imm ")", RI(insn, a, imm), exp)

static void test_int_arith(void)
{
    TRR("add", 1, 2, 3);
    TRR("add", ALL1, 1, 0);
    TRR("sub", 0, 1, ALL1);
    TRR("sub", MIN64, 1, 0x7fffffffffffffffUL);
    TRR("addw", 0x7fffffff, 1, 0xffffffff80000000UL);
    TRR("addw", 0xffffffff, 1, 0);
    TRR("addw", 0x123456789UL, 0, 0x23456789);
    TRR("subw", 0, 1, ALL1);
    TRR("subw", 0x80000000, 1, 0x7fffffff);
    TRI("addi", 5, -6, ALL1);
    TRI("addi", 0x7ff, 2047, 0xffe);
    TRI("addiw", 0x7fffffff, 1, 0xffffffff80000000UL);
    TRI("addiw", 0xffffffff00000001UL, 0, 1);
    TRI("addiw", 0x80000000UL, 0, 0xffffffff80000000UL);

    TRR("slt", ALL1, 0, 1);
    TRR("slt", 0, ALL1, 0);
    TRR("sltu", ALL1, 0, 0);
    TRR("sltu", 0, ALL1, 1);
    TRI("slti", ALL1, 0, 1);
    TRI("slti", MIN64, -2048, 1);
    TRI("sltiu", 0, -1, 1);   /* the immediate is sign-extended, then compared unsigned */
    TRI("sltiu", 5, 1, 0);
    TRI("sltiu", 0, 1, 1);    /* seqz */

    TRR("xor", 0xff00ff00ff00ff00UL, 0x0ff00ff00ff00ff0UL, 0xf0f0f0f0f0f0f0f0UL);
    TRR("or", 0xff00000000000000UL, 0xff, 0xff000000000000ffUL);
    TRR("and", 0xff00ff00ff00ff00UL, 0x0ff00ff00ff00ff0UL, 0x0f000f000f000f00UL);
    TRI("xori", 0x1234, -1, ~0x1234UL);
    TRI("ori", 0, -1, ALL1);
    TRI("andi", 0xffff, -16, 0xfff0);
    TRI("andi", ALL1, 0x7ff, 0x7ff);

    u64 r;
    asm volatile("lui %0, 0x80000" : "=r"(r));
    check("lui(0x80000)", r, 0xffffffff80000000UL);
    asm volatile("lui %0, 0x7ffff" : "=r"(r));
    check("lui(0x7ffff)", r, 0x7ffff000UL);
    u64 pc, lab;
    asm volatile("1: auipc %0, 0\n lla %1, 1b" : "=r"(pc), "=r"(lab));
    check("auipc(0)", pc, lab);
    asm volatile("1: auipc %0, 0x80000\n lla %1, 1b" : "=r"(r), "=r"(lab));
    check("auipc(0x80000)", r, lab - 0x80000000UL);
    asm volatile("li %0, 7\n add x0, %0, %0\n addi x0, x0, 5\n mv %0, x0" : "=&r"(r));
    check("x0-stays-zero", r, 0);
}

static void test_shifts(void)
{
    TRR("sll", 1, 63, MIN64);
    TRR("sll", 1, 64, 1);          /* only rs2[5:0] count */
    TRR("sll", 1, 65, 2);
    TRR("srl", MIN64, 63, 1);
    TRR("srl", ALL1, 0xffffffffffffffc4UL, 0x0fffffffffffffffUL);  /* shamt 4 */
    TRR("sra", MIN64, 63, ALL1);
    TRR("sra", MIN64, 64, MIN64);
    TRR("sllw", 1, 31, 0xffffffff80000000UL);
    TRR("sllw", 1, 32, 1);         /* only rs2[4:0] count */
    TRR("sllw", 0xffffffff00000001UL, 4, 0x10);
    TRR("srlw", 0x80000000UL, 31, 1);
    TRR("srlw", 0xffffffff80000000UL, 0, 0xffffffff80000000UL);  /* result bit 31 is sign-extended */
    TRR("srlw", 0xffffffff80000000UL, 1, 0x40000000);
    TRR("sraw", 0x80000000UL, 31, ALL1);
    TRR("sraw", 0x80000000UL, 32, 0xffffffff80000000UL);
    TRR("sraw", 0x7fffffff00000000UL, 4, 0);
    TRI("slli", 1, 63, MIN64);
    TRI("srli", ALL1, 60, 0xf);
    TRI("srai", MIN64, 4, 0xf800000000000000UL);
    TRI("slliw", 1, 31, 0xffffffff80000000UL);
    TRI("srliw", 0x80000000UL, 4, 0x08000000);
    TRI("srliw", 0xffffffffUL, 0, ALL1);
    TRI("sraiw", 0x80000000UL, 4, 0xfffffffff8000000UL);
    TRI("sraiw", 0x12345678ffffffffUL, 31, ALL1);
}

static u8 load_buf[16] __attribute__((aligned(16))) = {
    0x80, 0xff, 0x7f, 0x01, 0x88, 0x99, 0xaa, 0xbb,
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88,
};
static u64 store_buf[2];

#define LD(insn, p) ({ u64 __r; asm volatile(insn " %0, 0(%1)" : "=r"(__r) : "r"(p) : "memory"); __r; })
#define ST(insn, p, v) asm volatile(insn " %1, 0(%0)" :: "r"(p), "r"((u64)(v)) : "memory")

static void test_loads_stores(void)
{
    check("lb", LD("lb", load_buf), 0xffffffffffffff80UL);
    check("lb+2", LD("lb", load_buf + 2), 0x7f);
    check("lbu", LD("lbu", load_buf), 0x80);
    check("lh", LD("lh", load_buf), 0xffffffffffffff80UL);
    check("lh+2", LD("lh", load_buf + 2), 0x017f);
    check("lhu", LD("lhu", load_buf), 0xff80);
    check("lw", LD("lw", load_buf), 0x017fff80);
    check("lw+4", LD("lw", load_buf + 4), 0xffffffffbbaa9988UL);
    check("lwu+4", LD("lwu", load_buf + 4), 0xbbaa9988UL);
    check("ld", LD("ld", load_buf), 0xbbaa9988017fff80UL);
    check("ld+8", LD("ld", load_buf + 8), 0x8807060504030201UL);
    /* negative offsets */
    u64 r;
    asm volatile("lbu %0, -1(%1)" : "=r"(r) : "r"(load_buf + 8));
    check("lbu-offset-1", r, 0xbb);

    store_buf[0] = 0;
    ST("sb", (u8 *)store_buf + 1, 0x1234);
    ST("sh", (u8 *)store_buf + 2, 0xabcdef);
    ST("sw", (u8 *)store_buf + 4, 0x1122334455667788UL);
    check("sb-sh-sw", store_buf[0], 0x55667788cdef3400UL);
    ST("sd", &store_buf[1], 0x0102030405060708UL);
    check("sd", store_buf[1], 0x0102030405060708UL);
}

#define BR(insn, a, b) ({ u64 __t; \
    asm volatile("li %0, 1\n " insn " %1, %2, 1f\n li %0, 0\n1:" \
                 : "=&r"(__t) : "r"((u64)(a)), "r"((u64)(b))); __t; })
#define TBR(insn, a, b, exp) check(insn "(" #a "," #b ")-taken", BR(insn, a, b), exp)

static void test_branches_jumps(void)
{
    TBR("beq", 1, 1, 1);
    TBR("beq", 1, 2, 0);
    TBR("bne", 1, 1, 0);
    TBR("bne", 1, 2, 1);
    TBR("blt", ALL1, 0, 1);
    TBR("blt", 0, ALL1, 0);
    TBR("bltu", ALL1, 0, 0);
    TBR("bltu", 0, ALL1, 1);
    TBR("bge", 0, ALL1, 1);
    TBR("bge", 5, 5, 1);
    TBR("bge", MIN64, 0, 0);
    TBR("bgeu", 0, ALL1, 0);
    TBR("bgeu", ALL1, ALL1, 1);

    u64 r, link, lab;
    /* jalr clears bit 0 of the target */
    asm volatile(".option push\n .option norvc\n"
                 " lla t0, 1f\n addi t0, t0, 1\n jalr t1, 0(t0)\n"
                 "3: li %0, 0\n j 2f\n"
                 "1: li %0, 1\n"
                 "2: mv %1, t1\n lla %2, 3b\n"
                 ".option pop"
                 : "=&r"(r), "=&r"(link), "=&r"(lab) :: "t0", "t1");
    check("jalr-clears-bit0", r, 1);
    check("jalr-link", link, lab);
    /* jalr with rd == rs1: the target uses the old value */
    asm volatile(".option push\n .option norvc\n"
                 " lla t0, 1f\n jalr t0, 0(t0)\n1: mv %0, t0\n lla %1, 1b\n"
                 ".option pop" : "=&r"(r), "=&r"(lab) :: "t0");
    check("jalr-rd-eq-rs1", r, lab);
    /* jal forwards and backwards */
    asm volatile(".option push\n .option norvc\n"
                 " li %0, 0\n j 2f\n"
                 "1: addi %0, %0, 10\n j 3f\n"
                 "2: addi %0, %0, 1\n jal t0, 1b\n"
                 "3: lla %1, 2b\n addi %1, %1, 8\n sub %1, t0, %1\n"
                 ".option pop" : "=&r"(r), "=&r"(lab) :: "t0");
    check("jal-back-forth", r, 11);
    check("jal-link", lab, 0);
}

static void test_mul_div(void)
{
    TRR("mul", 0x7fffffffffffffffUL, 2, 0xfffffffffffffffeUL);
    TRR("mul", ALL1, ALL1, 1);
    TRR("mul", 0x100000000UL, 0x100000000UL, 0);
    TRR("mulh", ALL1, ALL1, 0);
    TRR("mulh", MIN64, MIN64, 0x4000000000000000UL);
    TRR("mulh", MIN64, 2, ALL1);
    TRR("mulh", 0x7fffffffffffffffUL, 0x7fffffffffffffffUL, 0x3fffffffffffffffUL);
    TRR("mulhu", ALL1, ALL1, 0xfffffffffffffffeUL);
    TRR("mulhu", MIN64, 2, 1);
    TRR("mulhsu", ALL1, ALL1, ALL1);
    TRR("mulhsu", 2, ALL1, 1);
    TRR("mulhsu", 0xfffffffffffffffeUL, 3, ALL1);
    TRR("mulw", 0x7fffffff, 2, 0xfffffffffffffffeUL);
    TRR("mulw", 0x100000001UL, 0x100000001UL, 1);
    TRR("mulw", 0x10000, 0x10000, 0);

    TRR("div", 0xfffffffffffffff9UL, 2, 0xfffffffffffffffdUL);   /* -7/2 = -3 */
    TRR("div", 7, 0xfffffffffffffffeUL, 0xfffffffffffffffdUL);   /* 7/-2 = -3 */
    TRR("rem", 0xfffffffffffffff9UL, 2, ALL1);                   /* -7%2 = -1 */
    TRR("rem", 7, 0xfffffffffffffffeUL, 1);                      /* 7%-2 = 1 */
    TRR("divu", ALL1, 2, 0x7fffffffffffffffUL);
    TRR("remu", ALL1, 2, 1);
    /* division by zero: quotient all ones, remainder the dividend */
    TRR("div", 5, 0, ALL1);
    TRR("div", 0xfffffffffffffffbUL, 0, ALL1);
    TRR("divu", 5, 0, ALL1);
    TRR("rem", 5, 0, 5);
    TRR("rem", 0xfffffffffffffffbUL, 0, 0xfffffffffffffffbUL);
    TRR("remu", 5, 0, 5);
    /* signed overflow: quotient = dividend, remainder 0 */
    TRR("div", MIN64, ALL1, MIN64);
    TRR("rem", MIN64, ALL1, 0);
    /* 32-bit forms use rs[31:0] and sign-extend the 32-bit result */
    TRR("divw", 0x80000000UL, ALL1, 0xffffffff80000000UL);
    TRR("remw", 0x80000000UL, ALL1, 0);
    TRR("divw", 5, 0, ALL1);
    TRR("divuw", 5, 0, ALL1);
    TRR("remw", 0xffffffff00000005UL, 0, 5);
    TRR("remw", 0xfffffffffffffffbUL, 0, 0xfffffffffffffffbUL);
    TRR("remuw", 0x80000000UL, 0, 0xffffffff80000000UL);
    TRR("divw", 0x100000006UL, 3, 2);
    TRR("divw", 0xfffffff9UL, 2, 0xfffffffffffffffdUL);
    TRR("divuw", 0xfffffffeUL, 2, 0x7fffffff);
    TRR("divuw", 0xffffffffUL, 1, ALL1);
    TRR("remuw", 7, 0xffffffff00000003UL, 1);
    TRR("remw", 0xfffffff9UL, 2, ALL1);
}

#define AMO(insn, addr, v) ({ u64 __r; \
    asm volatile(insn " %0, %2, (%1)" : "=&r"(__r) : "r"(addr), "r"((u64)(v)) : "memory"); __r; })
#define TAMO(insn, init, v, expold, expmem) do { \
        mem64[0] = (init); mem64[1] = 0x5a5a5a5a5a5a5a5aUL; \
        u64 __o = AMO(insn, &mem64[0], v); \
        check(insn "(" #init "," #v ")-old", __o, expold); \
        check(insn "(" #init "," #v ")-mem", mem64[0], expmem); \
    } while (0)
#define TAMOW(insn, init, v, expold, expmem) do { \
        mem64[0] = 0xa5a5a5a500000000UL | (u32)(init); \
        u64 __o = AMO(insn, (u32 *)&mem64[0], v); \
        check(insn "(" #init "," #v ")-old", __o, expold); \
        check(insn "(" #init "," #v ")-mem", mem64[0], 0xa5a5a5a500000000UL | (u32)(expmem)); \
    } while (0)

static u64 mem64[2] __attribute__((aligned(16)));

static void test_atomics(void)
{
    TAMO("amoswap.d", 5, 7, 5, 7);
    TAMO("amoadd.d", ALL1, 2, ALL1, 1);
    TAMO("amoxor.d", 0xff00, 0x0ff0, 0xff00, 0xf0f0);
    TAMO("amoand.d", 0xff00, 0x0ff0, 0xff00, 0x0f00);
    TAMO("amoor.d", 0xff00, 0x0ff0, 0xff00, 0xfff0);
    TAMO("amomin.d", ALL1, 1, ALL1, ALL1);
    TAMO("amominu.d", ALL1, 1, ALL1, 1);
    TAMO("amomax.d", ALL1, 1, ALL1, 1);
    TAMO("amomaxu.d", ALL1, 1, ALL1, ALL1);
    TAMO("amomin.d", MIN64, 0x7fffffffffffffffUL, MIN64, MIN64);
    check("amo.d-neighbour-untouched", mem64[1], 0x5a5a5a5a5a5a5a5aUL);

    /* .w: 32-bit memory operand, rs2[31:0], loaded value sign-extended; the upper
     * word of the doubleword must not change. */
    TAMOW("amoadd.w", 0x7fffffff, 1, 0x7fffffff, 0x80000000);
    TAMOW("amoswap.w", 0x80000000, 0x1234, 0xffffffff80000000UL, 0x1234);
    TAMOW("amoadd.w", 0xffffffff, 0x100000001UL, ALL1, 0);
    TAMOW("amoxor.w", 0xffff0000, 0xffffffffUL, 0xffffffffffff0000UL, 0x0000ffff);
    TAMOW("amoand.w", 0xf0f0f0f0, 0xff00ff00UL, 0xfffffffff0f0f0f0UL, 0xf000f000);
    TAMOW("amoor.w", 0x0f0f0f0f, 0xf0000000UL, 0x0f0f0f0f, 0xff0f0f0f);
    TAMOW("amomin.w", 0x80000000, 1, 0xffffffff80000000UL, 0x80000000);
    TAMOW("amominu.w", 0x80000000, 1, 0xffffffff80000000UL, 1);
    TAMOW("amomax.w", 0x80000000, 0x100000002UL, 0xffffffff80000000UL, 2);
    TAMOW("amomaxu.w", 0x80000000, 1, 0xffffffff80000000UL, 0x80000000);

    /* LR/SC */
    u64 old, fail;
    mem64[0] = 41;
    asm volatile("lr.d %0, (%2)\n sc.d %1, %3, (%2)"
                 : "=&r"(old), "=&r"(fail) : "r"(&mem64[0]), "r"(42UL) : "memory");
    check("lr.d-value", old, 41);
    check("sc.d-succeeds", fail, 0);
    check("sc.d-stored", mem64[0], 42);
    /* Every SC (success or not) drops the reservation: a second SC must fail. */
    asm volatile("lr.d %0, (%2)\n sc.d %1, %3, (%2)\n sc.d %1, %4, (%2)"
                 : "=&r"(old), "=&r"(fail) : "r"(&mem64[0]), "r"(43UL), "r"(99UL) : "memory");
    check_true("sc.d-without-reservation-fails", fail != 0);
    check("sc.d-failed-did-not-store", mem64[0], 43);
    mem64[0] = 0xa5a5a5a580000000UL;
    asm volatile("lr.w %0, (%2)\n sc.w %1, %3, (%2)"
                 : "=&r"(old), "=&r"(fail) : "r"(&mem64[0]), "r"(0x1111111122222222UL) : "memory");
    check("lr.w-sign-extends", old, 0xffffffff80000000UL);
    check("sc.w-succeeds", fail, 0);
    check("sc.w-stores-low-word", mem64[0], 0xa5a5a5a522222222UL);
    /* the usual retry loop */
    mem64[0] = 0;
    for (int i = 0; i < 100; i++) {
        u64 tmp;
        asm volatile("1: lr.d %0, (%1)\n addi %0, %0, 1\n sc.d %0, %0, (%1)\n bnez %0, 1b"
                     : "=&r"(tmp) : "r"(&mem64[0]) : "memory");
    }
    check("lr-sc-loop-100", mem64[0], 100);
    /* aq/rl variants decode and work */
    mem64[0] = 1;
    check("amoadd.d.aqrl-old", AMO("amoadd.d.aqrl", &mem64[0], 1), 1);
    check("amoadd.d.aqrl-mem", mem64[0], 2);
}

/* Run `body` with a0 = in0, a1 = in1 and return a0 (a0-a2 are scratch). */
#define CX(body, in0, in1) ({ u64 __r; \
    asm volatile("mv a0, %1\n mv a1, %2\n" body "\n mv %0, a0" : "=r"(__r) \
                 : "r"((u64)(in0)), "r"((u64)(in1)) : "a0", "a1", "a2", "ra", "memory"); __r; })
#define TC(name, body, in0, in1, exp) check(name, CX(body, in0, in1), exp)

static void test_compressed(void)
{
    /* The c.* mnemonics force the 16-bit encodings (the assembler refuses otherwise). */
    TC("c.li", "c.li a0, -32", 0, 0, 0xffffffffffffffe0UL);
    TC("c.lui", "c.lui a0, 0x1f", 0, 0, 0x1f000);
    TC("c.lui-negative", "c.lui a0, 0xfffe0", 0, 0, 0xfffffffffffe0000UL);
    TC("c.addi", "c.addi a0, -6", 5, 0, ALL1);
    TC("c.addiw", "c.addiw a0, 1", 0x7fffffff, 0, 0xffffffff80000000UL);
    TC("c.addiw-0-sext", "c.addiw a0, 0", 0x80000000UL, 0, 0xffffffff80000000UL);
    TC("c.slli", "c.slli a0, 63", 1, 0, MIN64);
    TC("c.srai", "c.srai a0, 63", MIN64, 0, ALL1);
    TC("c.srli", "c.srli a0, 60", ALL1, 0, 0xf);
    TC("c.andi", "c.andi a0, -2", ALL1, 0, 0xfffffffffffffffeUL);
    TC("c.add", "c.add a0, a1", 3, 5, 8);
    TC("c.sub", "c.sub a0, a1", 3, 5, ALL1 - 1);
    TC("c.xor", "c.xor a0, a1", 0xff00, 0x0ff0, 0xf0f0);
    TC("c.or", "c.or a0, a1", 0xff00, 0x0ff0, 0xfff0);
    TC("c.and", "c.and a0, a1", 0xff00, 0x0ff0, 0x0f00);
    TC("c.addw", "c.addw a0, a1", 0x7fffffff, 1, 0xffffffff80000000UL);
    TC("c.subw", "c.subw a0, a1", 0, 1, ALL1);
    TC("c.mv", "c.mv a0, a1", 0, 0x1234, 0x1234);

    TC("c.lw", "c.lw a0, 4(a1)", 0, load_buf, 0xffffffffbbaa9988UL);
    TC("c.ld", "c.ld a0, 8(a1)", 0, load_buf, 0x8807060504030201UL);
    store_buf[0] = store_buf[1] = 0;
    CX("c.sw a0, 0(a1)\n c.sd a0, 8(a1)", 0x1122334455667788UL, store_buf);
    check("c.sw", store_buf[0], 0x55667788);
    check("c.sd", store_buf[1], 0x1122334455667788UL);

    /* sp-relative forms */
    TC("c.sdsp-c.ldsp", "addi sp, sp, -16\n c.sdsp a0, 8(sp)\n c.li a0, 0\n c.ldsp a0, 8(sp)\n addi sp, sp, 16",
       0x8877665544332211UL, 0, 0x8877665544332211UL);
    TC("c.lwsp", "addi sp, sp, -16\n sd a0, 8(sp)\n c.lwsp a0, 8(sp)\n addi sp, sp, 16",
       0x88776655c4332211UL, 0, 0xffffffffc4332211UL);
    TC("c.swsp", "addi sp, sp, -16\n sd zero, 0(sp)\n c.swsp a0, 4(sp)\n ld a0, 0(sp)\n addi sp, sp, 16",
       0x8877665544332211UL, 0, 0x4433221100000000UL);
    TC("c.addi16sp", "mv a1, sp\n c.addi16sp sp, -64\n sub a0, a1, sp\n c.addi16sp sp, 64", 0, 0, 64);
    TC("c.addi16sp-restores", "mv a1, sp\n c.addi16sp sp, -64\n c.addi16sp sp, 64\n sub a0, a1, sp", 0, 0, 0);
    TC("c.addi4spn", "c.addi4spn a0, sp, 16\n sub a0, a0, sp", 0, 0, 16);

    /* control transfer */
    TC("c.beqz-c.bnez", "c.li a0, 0\n c.beqz a1, 1f\n c.li a0, 1\n1: c.bnez a1, 2f\n c.addi a0, 2\n2:",
       0, 0, 2);
    TC("c.bnez-taken", "c.li a0, 0\n c.bnez a1, 1f\n c.li a0, 1\n1:", 0, 5, 0);
    TC("c.j", "c.li a0, 0\n c.j 1f\n c.li a0, 1\n1:", 0, 0, 0);
    TC("c.jr", "lla a1, 1f\n c.jr a1\n c.li a0, 1\n j 2f\n1: c.li a0, 7\n2:", 0, 0, 7);
    TC("c.jalr-link", "lla a1, 1f\n c.jalr a1\n3: j 2f\n1: mv a0, ra\n lla a2, 3b\n sub a0, a0, a2\n ret\n2:",
       0, 0, 0);
    TC("c.nop", "c.nop\n c.li a0, 9", 0, 0, 9);
}

static volatile u64 trap_count, last_cause, last_tval;
static int skip_trap(struct trap_frame *f)
{
    if (f->scause & SCAUSE_INTR)
        return 0;
    trap_count++;
    last_cause = f->scause;
    last_tval = f->stval;
    f->sepc += insn_len(f->sepc);
    return 1;
}

static void test_csr(void)
{
    u64 r;
    csr_write(sscratch, 0x1234);
    asm volatile("csrrw %0, sscratch, %1" : "=r"(r) : "r"(0xff00UL));
    check("csrrw-old", r, 0x1234);
    asm volatile("csrrs %0, sscratch, %1" : "=r"(r) : "r"(0x00ffUL));
    check("csrrs-old", r, 0xff00);
    check("csrrs-new", csr_read(sscratch), 0xffff);
    asm volatile("csrrc %0, sscratch, %1" : "=r"(r) : "r"(0x0ff0UL));
    check("csrrc-old", r, 0xffff);
    check("csrrc-new", csr_read(sscratch), 0xf00f);
    asm volatile("csrrwi %0, sscratch, 0x15" : "=r"(r));
    check("csrrwi-old", r, 0xf00f);
    check("csrrwi-new", csr_read(sscratch), 0x15);
    asm volatile("csrrsi %0, sscratch, 0x0a" : "=r"(r));
    check("csrrsi-new", csr_read(sscratch), 0x1f);
    asm volatile("csrrci %0, sscratch, 0x11" : "=r"(r));
    check("csrrci-old", r, 0x1f);
    check("csrrci-new", csr_read(sscratch), 0x0e);
    csr_write(sscratch, ALL1);
    check("sscratch-64bit", csr_read(sscratch), ALL1);
    csr_write(sscratch, 0);

    /* Reading a read-only CSR is fine; writing one is an illegal instruction
     * (privileged spec 2.1: "attempts to write a read-only register raise an
     * illegal-instruction exception"), and csrrs/csrrc with x0 do not write. */
    trap_count = 0;
    trap_hook = skip_trap;
    asm volatile("csrrs %0, time, x0" : "=r"(r));
    asm volatile("csrrsi %0, time, 0" : "=r"(r));
    check("csr-read-only-read-no-trap", trap_count, 0);
    asm volatile("li t0, 0\n .word 0xc0129073" ::: "t0");   /* csrrw x0, time, t0 */
    check("csr-write-read-only-traps", trap_count, 1);
    check("csr-write-read-only-scause", last_cause, 2);
    info("illegal instruction stval=0x%lx (0 or the instruction bits)", last_tval);
    /* An M-mode CSR from S-mode is an illegal instruction too. */
    trap_count = 0;
    asm volatile("csrr %0, mstatus" : "=r"(r));
    check("csr-mstatus-from-s-traps", trap_count, 1);
    check("csr-mstatus-from-s-scause", last_cause, 2);
    trap_hook = NULL;

    u64 t0 = rdtime(), t1;
    for (int i = 0; i < 1000; i++)
        asm volatile("" ::: "memory");
    t1 = rdtime();
    check_true("time-does-not-go-back", t1 >= t0);
}

static union { u32 w[8]; u16 h[16]; } smc __attribute__((aligned(64)));

static void test_fences(void)
{
    /* FENCE variants: Linux uses pause (fence w,0); reserved fields must be ignored. */
    u64 r;
    asm volatile("fence rw, rw\n fence r, r\n fence w, w\n fence iorw, iorw\n"
                 ".word 0x0100000f\n"      /* pause = fence w,0 */
                 ".word 0x8330000f\n"      /* fence.tso */
                 "fence.i\n" ::: "memory");
    asm volatile("li t1, 1234\n .word 0x0333030f\n mv %0, t1" : "=r"(r) :: "t1", "memory");
    check("fence-reserved-fields-ignored", r, 1234);

    /* Zifencei: modify code, fence.i, run it (tests the hypervisor's code caching). */
    typedef u64 (*fn_t)(void);
    fn_t fn = (fn_t)(uintptr_t)&smc;
    smc.w[0] = 0x00100513;           /* addi a0, zero, 1 */
    smc.w[1] = 0x00008067;           /* ret */
    asm volatile("fence.i" ::: "memory");
    check("fence.i-run-new-code", fn(), 1);
    smc.w[0] = 0x00200513;           /* addi a0, zero, 2 */
    asm volatile("fence.i" ::: "memory");
    check("fence.i-run-modified-code", fn(), 2);
    smc.h[0] = 0x450d;      /* c.li a0, 3 */
    smc.h[1] = 0x8082;      /* c.jr ra */
    asm volatile("fence.i" ::: "memory");
    check("fence.i-run-compressed-code", fn(), 3);
    smc.h[0] = 0x0001;      /* c.nop */
    smc.h[1] = 0x0513;      /* addi a0, zero, 4 split over a 4-byte boundary */
    smc.h[2] = 0x0040;
    smc.h[3] = 0x8082;      /* c.jr ra */
    asm volatile("fence.i" ::: "memory");
    check("fence.i-run-misaligned-32bit-insn", fn(), 4);
}

/* Plain C exercising what the compiler generates. */
static u32 crc32(const u8 *p, size_t n)
{
    u32 c = 0xffffffff;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c;
}

static u8 sieve[10000];

static void test_compiled_code(void)
{
    check("crc32(123456789)", crc32((const u8 *)"123456789", 9), 0xcbf43926);
    int primes = 0;
    for (int i = 2; i < 10000; i++) {
        if (sieve[i])
            continue;
        primes++;
        for (int j = i * 2; j < 10000; j += i)
            sieve[j] = 1;
    }
    check("primes-below-10000", primes, 1229);
    u64 f = 1;
    for (u64 i = 2; i <= 20; i++)
        f *= i;
    check("factorial-20", f, 2432902008176640000UL);
}

int main(u64 hartid, const void *dtb)
{
    (void)dtb;
    kprintf("isa-selftest: RV64 I/M/A/C/Zicsr/Zifencei on hart %lu\n", hartid);
    test_int_arith();
    test_shifts();
    test_loads_stores();
    test_branches_jumps();
    test_mul_div();
    test_atomics();
    test_compressed();
    test_csr();
    test_fences();
    test_compiled_code();
    return test_summary("isa-selftest");
}
