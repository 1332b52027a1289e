package hv.arch.riscv;

import static hv.arch.riscv.Asm.*;

/** Test programs with a trap handler that records scause, stval, sepc in a0, a1, a2 and halts. */
final class Traps {

    static final long HANDLER = TestBus.RAM_BASE + 0x800;
    static final int SSTATUS = 0x100, SIE = 0x104, STVEC = 0x105, SCOUNTEREN = 0x106, SENVCFG = 0x10a,
            SSCRATCH = 0x140, SEPC = 0x141, SCAUSE = 0x142, STVAL = 0x143, SIP = 0x144, SATP = 0x180,
            FFLAGS = 0x001, FRM = 0x002, FCSR = 0x003, CYCLE = 0xc00, TIME = 0xc01, INSTRET = 0xc02;
    static final long INTERRUPT = 1L << 63;

    private Traps() {
    }

    /** A program that first points stvec at the recording handler. */
    static Asm program() {
        return new Asm().li(T6, HANDLER).csrw(STVEC, T6);
    }

    static Machine machine(Asm program) {
        Asm h = new Asm(HANDLER).csrr(A0, SCAUSE).csrr(A1, STVAL).csrr(A2, SEPC).halt();
        return new Machine().load(program).load(h);
    }

    /** Runs to the handler's halt; returns the machine (a0 = scause, a1 = stval, a2 = sepc). */
    static Machine trap(Asm program) {
        return machine(program).runToHalt();
    }

    /** Root page table location used by {@link #identitySv39} and {@link #identitySv48}. */
    static final long ROOT = TestBus.RAM_BASE + 0x10000;
    static final long PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_G = 32, PTE_A = 64, PTE_D = 128;

    static long pte(long pa, long flags) {
        return (pa >>> 12) << 10 | flags;
    }

    /** Sv39 tables mapping the 1 GiB at RAM_BASE to itself (RWX, A, D); returns the satp value. */
    static long identitySv39(Machine m) {
        m.bus.write64(ROOT + 2 * 8, pte(TestBus.RAM_BASE, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D));
        return 8L << 60 | ROOT >>> 12;
    }

    /** Sv48 tables mapping the 1 GiB at RAM_BASE to itself; returns the satp value. */
    static long identitySv48(Machine m) {
        long l2 = ROOT + 0x1000;
        m.bus.write64(ROOT, pte(l2, PTE_V));
        m.bus.write64(l2 + 2 * 8, pte(TestBus.RAM_BASE, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D));
        return 9L << 60 | ROOT >>> 12;
    }

    /** Appends code that drops to U mode at {@code label} (sepc = label, SPP = 0, sret). */
    static Asm toUser(Asm a, long target) {
        return a.li(T5, target).csrw(SEPC, T5).li(T5, 1 << 8).csr("csrrc", ZERO, SSTATUS, T5).sret();
    }
}
