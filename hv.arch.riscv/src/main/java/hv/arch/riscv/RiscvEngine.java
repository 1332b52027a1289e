package hv.arch.riscv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Map;

import hv.arch.riscv.sbi.Sbi;
import hv.arch.riscv.sbi.SbiCall;
import hv.arch.riscv.sbi.SbiHart;
import hv.arch.riscv.sbi.SbiMemoryFault;
import hv.core.state.SavedState;
import hv.core.state.StateException;
import hv.core.vcpu.SliceEnd;
import hv.core.vcpu.VcpuContext;
import hv.core.vcpu.VcpuEngine;

/**
 * The RISC-V RV64 VCPU engine: one hart running S- and U-mode guest code, with hv in the role of
 * M mode (SBI firmware). See docs/riscv-engine.md for the design.
 *
 * <p>Threading: everything runs on the VCPU's host thread except {@link #requestFlush}, which
 * only sets a volatile bit that the run loop reads before every block.
 */
public final class RiscvEngine extends Interpreter implements VcpuEngine, SbiHart {

    /** Saved-state type and version. */
    public static final String STATE_TYPE = "hv.arch.riscv.hart";
    public static final int STATE_VERSION = 1;

    /** Instructions between two polls of pins, yield requests and the bus generation. */
    static final int CHECK_INTERVAL = 1024;

    private static final VarHandle PENDING_FLUSH;

    static {
        try {
            PENDING_FLUSH = MethodHandles.lookup().findVarHandle(RiscvEngine.class, "pendingFlush", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Isa isa;
    private final Sbi sbi;
    private final SbiCall call = new SbiCall();
    @SuppressWarnings("unused") // accessed through PENDING_FLUSH
    private volatile int pendingFlush;
    private boolean stopped;
    /** In an SBI HSM suspend (a WAIT that other harts see as SUSPENDED); read by other threads. */
    private volatile boolean suspended;
    private long busGeneration;

    /**
     * @param ctx the VCPU's platform
     * @param isa the ISA offered (already intersected with the DT)
     * @param implVersion SBI get_impl_version value
     */
    public RiscvEngine(VcpuContext ctx, Isa isa, long implVersion) {
        super(ctx, isa.executed());
        this.isa = isa;
        this.sbi = new Sbi(ctx, implVersion);
        this.call.hart = this;
        this.busGeneration = bus.generation();
        reset(0, ctx.hartId(), 0);
    }

    // ------------------------------------------------------------------ VcpuEngine

    @Override
    public SliceEnd run(long budget) {
        if (stopped) {
            return SliceEnd.STOPPED;
        }
        // traps count as work too, so that a trap storm cannot keep the slice from ending
        long done = retired + traps;
        long end = budget > Long.MAX_VALUE - done ? Long.MAX_VALUE : done + Math.max(budget, 0);
        if (waiting) {
            if (!interruptPending()) {
                return ctx.yieldRequested() ? SliceEnd.YIELD : SliceEnd.WAIT;
            }
            waiting = false;
            suspended = false;
        }
        while (true) {
            SliceEnd r = checkpoint(end);
            if (r != null) {
                return r;
            }
            long stopAt = Math.min(end, retired + traps + CHECK_INTERVAL);
            int st;
            int blocks = 0;
            do {
                st = step();
                // blocks counts too: a trap loop (a fault at the trap vector) retires nothing
            } while (st == EXIT_NEXT && retired + traps < stopAt && ++blocks < CHECK_INTERVAL
                    && (int) PENDING_FLUSH.getOpaque(this) == 0);
            switch (st) {
                case EXIT_WAIT -> {
                    return SliceEnd.WAIT;
                }
                case EXIT_STOP, EXIT_END -> {
                    return SliceEnd.STOPPED;
                }
                default -> {
                    // EXIT_NEXT or EXIT_CHECK: poll at the loop head
                }
            }
        }
    }

    /** Applies flush requests and mapping changes, takes a pending interrupt, ends the slice if due. */
    private SliceEnd checkpoint(long end) {
        int fl = (int) PENDING_FLUSH.getAndSet(this, 0);
        if (fl != 0) {
            flushLocal(fl);
        }
        long g = bus.generation();
        if (g != busGeneration) {
            busGeneration = g;
            flushTlb();
            flushBlocks();
        }
        long pend = ctx.pins() & sie & S_INTERRUPTS;
        if (pend != 0 && (priv == PRV_U || (sstatus & SSTATUS_SIE) != 0)) {
            // priority SEI > SSI > STI (privileged spec 4.1.3)
            int cause = (pend & SIP_SEIP) != 0 ? IRQ_S_EXT : (pend & SIP_SSIP) != 0 ? IRQ_S_SOFT : IRQ_S_TIMER;
            enterTrap(cause, 0, true);
        }
        if (ctx.yieldRequested()) {
            return SliceEnd.YIELD;
        }
        if (retired + traps >= end) {
            return SliceEnd.BUDGET;
        }
        return null;
    }

    @Override
    public long retired() {
        return retired;
    }

    @Override
    public void reset(long pc, long arg0, long arg1) {
        java.util.Arrays.fill(x, 0);
        java.util.Arrays.fill(f, 0);
        x[10] = arg0;
        x[11] = arg1;
        this.pc = pc;
        priv = PRV_S;
        sstatus = UXL_64 | (hasExt(Isa.F) ? FS_INITIAL : 0);
        sie = 0;
        stvec = 0;
        sscratch = 0;
        sepc = 0;
        scause = 0;
        stval = 0;
        satp = 0;
        scounteren = 0;
        senvcfg = 0;
        fcsr = 0;
        retired = 0;
        traps = 0;
        waiting = false;
        suspended = false;
        stopped = false;
        resValid = false;
        resMem = null;
        flushTlb();
        flushBlocks();
        updateBank();
    }

    @Override
    public boolean suspended() {
        return suspended;
    }

    @Override
    public void requestFlush(int kinds) {
        PENDING_FLUSH.getAndBitwiseOr(this, kinds);
    }

    @Override
    public String isa() {
        return isa.toString();
    }

    @Override
    public Map<String, Long> registers() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("pc", pc);
        for (int i = 0; i < 32; i++) {
            m.put("x" + i, x[i]);
        }
        if (hasExt(Isa.F)) {
            for (int i = 0; i < 32; i++) {
                m.put("f" + i, f[i]);
            }
            m.put("fcsr", (long) fcsr);
        }
        m.put("priv", (long) priv);
        m.put("sstatus", readSstatus());
        m.put("sie", sie);
        m.put("sip", ctx.pins() & S_INTERRUPTS);
        m.put("stvec", stvec);
        m.put("sscratch", sscratch);
        m.put("sepc", sepc);
        m.put("scause", scause);
        m.put("stval", stval);
        m.put("satp", satp);
        m.put("scounteren", scounteren);
        m.put("senvcfg", senvcfg);
        m.put("instret", retired);
        return m;
    }

    @Override
    public SavedState save() {
        SavedState s = new SavedState(STATE_TYPE, STATE_VERSION);
        s.put("isa", isa.toString());
        s.put("pc", pc);
        s.put("priv", priv);
        s.put("x", java.util.Arrays.copyOf(x, 32));
        s.put("f", f);
        s.put("fcsr", fcsr);
        s.put("sstatus", sstatus);
        s.put("sie", sie);
        s.put("stvec", stvec);
        s.put("sscratch", sscratch);
        s.put("sepc", sepc);
        s.put("scause", scause);
        s.put("stval", stval);
        s.put("satp", satp);
        s.put("scounteren", scounteren);
        s.put("senvcfg", senvcfg);
        s.put("retired", retired);
        s.put("waiting", waiting);
        s.put("suspended", suspended);
        s.put("stopped", stopped);
        return s;
    }

    @Override
    public void restore(SavedState s) {
        s.require(STATE_TYPE, 1, STATE_VERSION);
        String savedIsa = s.getString("isa");
        if (!savedIsa.equals(isa.toString())) {
            throw new StateException("saved hart runs ISA " + savedIsa + ", this VCPU offers " + isa);
        }
        // read everything first: a missing value leaves the engine unchanged
        long nPc = s.getLong("pc");
        int nPriv = s.getInt("priv");
        long[] nx = s.getLongs("x");
        long[] nf = s.getLongs("f");
        if (nx.length != 32 || nf.length != 32 || (nPriv != PRV_S && nPriv != PRV_U)) {
            throw new StateException("saved hart state is malformed (register files or privilege)");
        }
        int nFcsr = s.getInt("fcsr");
        long nSstatus = s.getLong("sstatus");
        long nSie = s.getLong("sie");
        long nStvec = s.getLong("stvec");
        long nSscratch = s.getLong("sscratch");
        long nSepc = s.getLong("sepc");
        long nScause = s.getLong("scause");
        long nStval = s.getLong("stval");
        long nSatp = s.getLong("satp");
        long nScounteren = s.getLong("scounteren");
        long nSenvcfg = s.getLong("senvcfg");
        long nRetired = s.getLong("retired");
        boolean nWaiting = s.getBoolean("waiting");
        boolean nSuspended = s.getLong("suspended", 0) != 0; // absent in states saved before it existed
        boolean nStopped = s.getBoolean("stopped");
        System.arraycopy(nx, 0, x, 0, 32);
        x[0] = 0;
        System.arraycopy(nf, 0, f, 0, 32);
        pc = nPc;
        priv = nPriv;
        fcsr = nFcsr & 0xff;
        sstatus = nSstatus & ~SSTATUS_SD;
        sie = nSie;
        stvec = nStvec;
        sscratch = nSscratch;
        sepc = nSepc;
        scause = nScause;
        stval = nStval;
        satp = nSatp;
        scounteren = nScounteren;
        senvcfg = nSenvcfg;
        retired = nRetired;
        waiting = nWaiting;
        suspended = nSuspended;
        stopped = nStopped;
        resValid = false;
        resMem = null;
        flushTlb();
        flushBlocks();
        updateBank();
    }

    // ------------------------------------------------------------------ system instructions

    @Override
    int system(int op, int w, int bits, long next) {
        switch (op) {
            case Op.ECALL -> {
                if (priv == PRV_U) {
                    exception(CAUSE_USER_ECALL, 0);
                    return EXIT_NEXT;
                }
                retire(next, EXIT_NEXT);
                return sbiCall();
            }
            case Op.EBREAK -> {
                exception(CAUSE_BREAKPOINT, pc);
                return EXIT_NEXT;
            }
            case Op.SRET -> {
                if (priv == PRV_U) {
                    exception(CAUSE_ILLEGAL_INSTRUCTION, bits & 0xffff_ffffL);
                    return EXIT_NEXT;
                }
                sret();
                retired++;
                return EXIT_CHECK;
            }
            case Op.WFI -> {
                if (priv == PRV_U) {
                    exception(CAUSE_ILLEGAL_INSTRUCTION, bits & 0xffff_ffffL);
                    return EXIT_NEXT;
                }
                retire(next, EXIT_NEXT);
                if (interruptPending()) {
                    return EXIT_CHECK;
                }
                waiting = true;
                return EXIT_WAIT;
            }
            case Op.SFENCE_VMA -> {
                if (priv == PRV_U) {
                    exception(CAUSE_ILLEGAL_INSTRUCTION, bits & 0xffff_ffffL);
                    return EXIT_NEXT;
                }
                flushTlb();
                sfences++;
                return retire(next, EXIT_NEXT);
            }
            case Op.FENCE_I -> {
                // nothing to drop: blocks are compared with memory again before they next run
                VarHandle.fullFence();
                codeEpoch++;
                return retire(next, EXIT_NEXT);
            }
            case Op.PAUSE -> {
                Thread.onSpinWait();
                return retire(next, EXIT_CHECK);
            }
            default -> throw new IllegalStateException("not a system kind: " + Op.name(op));
        }
    }

    private void sret() {
        long s = sstatus;
        int newPriv = (s & SSTATUS_SPP) != 0 ? PRV_S : PRV_U;
        s = (s & ~SSTATUS_SIE) | ((s & SSTATUS_SPIE) != 0 ? SSTATUS_SIE : 0);
        s |= SSTATUS_SPIE;
        s &= ~SSTATUS_SPP;
        sstatus = s;
        priv = newPriv;
        updateBank();
        pc = readSepc();
    }

    private long readSepc() {
        return hasExt(Isa.C) ? sepc & ~1L : sepc & ~3L;
    }

    /** An ecall from S mode: the SBI. pc already points after the ecall. */
    private int sbiCall() {
        SbiCall c = call;
        c.eid = x[17];
        c.fid = (int) x[16];
        for (int i = 0; i < 6; i++) {
            c.a[i] = x[10 + i];
        }
        int action = sbi.call(c);
        if (action != Sbi.RESUME && action != Sbi.STOP) {
            x[10] = c.error;
            if (!Sbi.isLegacy(c.eid)) {
                x[11] = c.value;
            }
        }
        switch (action) {
            case Sbi.SUSPEND, Sbi.RESUME -> {
                if (interruptPending()) {
                    return EXIT_CHECK;
                }
                waiting = true;
                suspended = true;
                return EXIT_WAIT;
            }
            case Sbi.STOP, Sbi.SHUTDOWN -> {
                stopped = true;
                return EXIT_STOP;
            }
            default -> {
                return EXIT_CHECK;
            }
        }
    }

    // ------------------------------------------------------------------ CSRs (privileged spec chapter 4.1, Zicsr, Zicntr, F)

    @Override
    void csrInstruction(int w, int csr, int bits) {
        int op = w & 0x1ff;
        int rd = (w >>> 9) & 63;
        int rs1 = (w >>> 15) & 31;
        boolean imm = op >= Op.CSRRWI;
        long src = imm ? rs1 : x[rs1];
        int kind = imm ? op - Op.CSRRWI : op - Op.CSRRW; // 0 write, 1 set, 2 clear
        boolean write = kind == 0 || rs1 != 0;
        if (((csr >>> 8) & 3) > priv || (write && (csr >>> 10) == 3)) {
            throw illegal(bits);
        }
        long old = csrRead(csr, bits);
        if (write) {
            long v = kind == 0 ? src : kind == 1 ? old | src : old & ~src;
            csrWrite(csr, v);
        }
        x[rd] = old;
    }

    private void fpCsrCheck(int bits) {
        if (!hasExt(Isa.F) || (sstatus & SSTATUS_FS) == FS_OFF) {
            throw illegal(bits);
        }
    }

    private void counterCheck(int bit, int bits) {
        if (priv == PRV_U && (scounteren & (1L << bit)) == 0) {
            throw illegal(bits);
        }
    }

    /** Reads a CSR (access already checked for privilege); illegal for CSRs that do not exist here. */
    long csrRead(int csr, int bits) {
        switch (csr) {
            case CSR_FFLAGS -> {
                fpCsrCheck(bits);
                return fcsr & 0x1f;
            }
            case CSR_FRM -> {
                fpCsrCheck(bits);
                return (fcsr >>> 5) & 7;
            }
            case CSR_FCSR -> {
                fpCsrCheck(bits);
                return fcsr & 0xff;
            }
            case CSR_CYCLE -> {
                counterCheck(0, bits);
                return retired;
            }
            case CSR_TIME -> {
                counterCheck(1, bits);
                return ctx.time();
            }
            case CSR_INSTRET -> {
                counterCheck(2, bits);
                return retired;
            }
            case CSR_SSTATUS -> {
                return readSstatus();
            }
            case CSR_SIE -> {
                return sie;
            }
            case CSR_STVEC -> {
                return stvec;
            }
            case CSR_SCOUNTEREN -> {
                return scounteren;
            }
            case CSR_SENVCFG -> {
                return senvcfg;
            }
            case CSR_SSCRATCH -> {
                return sscratch;
            }
            case CSR_SEPC -> {
                return readSepc();
            }
            case CSR_SCAUSE -> {
                return scause;
            }
            case CSR_STVAL -> {
                return stval;
            }
            case CSR_SIP -> {
                return ctx.pins() & S_INTERRUPTS;
            }
            case CSR_SATP -> {
                return satp;
            }
            default -> throw illegal(bits);
        }
    }

    /** Writes a CSR with its WARL rules (the read before it has checked existence and FS). */
    void csrWrite(int csr, long v) {
        switch (csr) {
            case CSR_FFLAGS -> {
                fcsr = (fcsr & ~0x1f) | (int) (v & 0x1f);
                fpDirty();
            }
            case CSR_FRM -> {
                fcsr = (fcsr & 0x1f) | (int) ((v & 7) << 5);
                fpDirty();
            }
            case CSR_FCSR -> {
                fcsr = (int) (v & 0xff);
                fpDirty();
            }
            case CSR_SSTATUS -> {
                long mask = SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP | SSTATUS_SUM | SSTATUS_MXR
                        | (hasExt(Isa.F) ? SSTATUS_FS : 0);
                long old = sstatus;
                sstatus = (old & ~mask) | (v & mask);
                if (((old ^ sstatus) & SSTATUS_MXR) != 0) {
                    flushLoadTlb();
                }
                updateBank();
            }
            case CSR_SIE -> sie = v & S_INTERRUPTS;
            case CSR_STVEC -> {
                if ((v & 3) < 2) {
                    stvec = v; // modes 2 and 3 are reserved: the write is ignored
                }
            }
            case CSR_SCOUNTEREN -> scounteren = v & 7;
            case CSR_SENVCFG -> senvcfg = v & 1; // FIOM; no Zicbo*, Svpbmt, Zkr fields
            case CSR_SSCRATCH -> sscratch = v;
            case CSR_SEPC -> sepc = v & ~1L;
            case CSR_SCAUSE -> scause = v;
            case CSR_STVAL -> stval = v;
            case CSR_SIP -> ctx.setPin(IRQ_S_SOFT, (v & SIP_SSIP) != 0); // only SSIP is writable
            case CSR_SATP -> {
                int mode = (int) (v >>> 60);
                if (mode != SATP_BARE && mode != SATP_SV39 && mode != SATP_SV48) {
                    return; // unsupported mode (Sv57...): no effect at all
                }
                satp = v & ((0xfL << 60) | (((1L << ASID_BITS) - 1) << 44) | PPN_MASK);
                flushTlb();
            }
            default -> throw new IllegalStateException("csr 0x" + Integer.toHexString(csr));
        }
    }

    // ------------------------------------------------------------------ SbiHart

    @Override
    public VcpuContext context() {
        return ctx;
    }

    /**
     * Applies flushes. {@code FLUSH_TLB} drops every cached translation. {@code FLUSH_ICACHE} drops
     * nothing: it starts a new code epoch, so every decoded block is compared with guest memory
     * again before it next runs (re-decoding only what changed; Linux asks for remote fence.i about
     * a hundred times per boot).
     */
    @Override
    public void flushLocal(int kinds) {
        if ((kinds & FLUSH_TLB) != 0) {
            flushTlb();
            tlbFlushes++;
        }
        if ((kinds & FLUSH_ICACHE) != 0) {
            VarHandle.fullFence();
            codeEpoch++;
            icacheFlushes++;
        }
    }

    private long tlbFlushes;
    private long sfences;
    private long icacheFlushes;

    @Override
    public long readVirtual64(long va) {
        try {
            return loadSlow(va, 8);
        } catch (Trap t) {
            throw SbiMemoryFault.INSTANCE;
        }
    }

    @Override
    public boolean interruptPending() {
        return (ctx.pins() & sie & S_INTERRUPTS) != 0;
    }

    @Override
    public void prepareResume(long resumeAddr, long opaque) {
        priv = PRV_S;
        satp = 0;
        sstatus &= ~SSTATUS_SIE;
        flushTlb();
        updateBank();
        pc = resumeAddr;
        x[10] = hartId;
        x[11] = opaque;
    }

    // ------------------------------------------------------------------ statistics

    /** Engine counters for diagnostics: decoded blocks, blocks re-decoded after a change, page walks, flush requests applied. */
    public Map<String, Long> statistics() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("blocks.decoded", decodedBlocks);
        m.put("blocks.invalidated", invalidatedBlocks);
        m.put("tlb.walks", walks);
        m.put("misaligned", misaligned);
        m.put("flush.tlb", tlbFlushes);
        m.put("sfence.vma", sfences);
        m.put("traps", traps);
        m.put("instret", retired);
        m.put("flush.icache", icacheFlushes);
        m.put("code.epoch", (long) codeEpoch);
        m.put("code.pages", (long) codePages.size());
        return m;
    }
}
