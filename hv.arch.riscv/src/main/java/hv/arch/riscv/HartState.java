package hv.arch.riscv;

import hv.core.mem.PhysicalBus;
import hv.core.vcpu.VcpuContext;

/**
 * The architectural state of one hart as the guest (S and U mode) sees it, plus spec constants.
 * The engine is split over a chain of classes ({@code HartState} &lt; {@link Mmu} &lt;
 * {@link Interpreter} &lt; {@link RiscvEngine}) only to keep files small: fields are accessed
 * directly, nothing is virtual on the hot path.
 */
abstract class HartState {

    // privilege levels
    static final int PRV_U = 0, PRV_S = 1;

    // exception causes (privileged spec, table "Supervisor cause register values")
    static final int CAUSE_MISALIGNED_FETCH = 0, CAUSE_FETCH_ACCESS = 1, CAUSE_ILLEGAL_INSTRUCTION = 2,
            CAUSE_BREAKPOINT = 3, CAUSE_MISALIGNED_LOAD = 4, CAUSE_LOAD_ACCESS = 5, CAUSE_MISALIGNED_STORE = 6,
            CAUSE_STORE_ACCESS = 7, CAUSE_USER_ECALL = 8, CAUSE_SUPERVISOR_ECALL = 9, CAUSE_FETCH_PAGE_FAULT = 12,
            CAUSE_LOAD_PAGE_FAULT = 13, CAUSE_STORE_PAGE_FAULT = 15;
    static final long INTERRUPT = 1L << 63;

    // interrupt numbers (= pin numbers) and sip/sie bits
    static final int IRQ_S_SOFT = 1, IRQ_S_TIMER = 5, IRQ_S_EXT = 9;
    static final long SIP_SSIP = 1L << IRQ_S_SOFT, SIP_STIP = 1L << IRQ_S_TIMER, SIP_SEIP = 1L << IRQ_S_EXT;
    static final long S_INTERRUPTS = SIP_SSIP | SIP_STIP | SIP_SEIP;

    // sstatus fields
    static final long SSTATUS_SIE = 1L << 1, SSTATUS_SPIE = 1L << 5, SSTATUS_UBE = 1L << 6, SSTATUS_SPP = 1L << 8,
            SSTATUS_VS = 3L << 9, SSTATUS_FS = 3L << 13, SSTATUS_XS = 3L << 15, SSTATUS_SUM = 1L << 18,
            SSTATUS_MXR = 1L << 19, SSTATUS_UXL = 3L << 32, SSTATUS_SD = 1L << 63;
    static final long FS_OFF = 0, FS_INITIAL = 1L << 13, FS_CLEAN = 2L << 13, FS_DIRTY = 3L << 13;
    static final long UXL_64 = 2L << 32;

    // CSR numbers
    static final int CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003, CSR_CYCLE = 0xc00, CSR_TIME = 0xc01,
            CSR_INSTRET = 0xc02, CSR_SSTATUS = 0x100, CSR_SIE = 0x104, CSR_STVEC = 0x105, CSR_SCOUNTEREN = 0x106,
            CSR_SENVCFG = 0x10a, CSR_SSCRATCH = 0x140, CSR_SEPC = 0x141, CSR_SCAUSE = 0x142, CSR_STVAL = 0x143,
            CSR_SIP = 0x144, CSR_SATP = 0x180;

    // satp
    static final int SATP_BARE = 0, SATP_SV39 = 8, SATP_SV48 = 9;
    static final int ASID_BITS = 16;

    final VcpuContext ctx;
    final PhysicalBus bus;
    final int hartId;
    /** Extensions executed (see {@link Isa#executed()}). */
    final int ext;

    /**
     * x0..x31 and the sink (index 32) that decoded writes to x0 go to; x[0] stays 0. Sized 64 so that
     * every index the packed form can hold (6-bit rd) is in range.
     */
    final long[] x = new long[64];
    /** f0..f31 as raw 64-bit patterns (single precision NaN-boxed). */
    final long[] f = new long[32];
    long pc;
    int priv = PRV_S;

    /** sstatus as stored (SD computed on read). */
    long sstatus = UXL_64;
    long sie;
    long stvec;
    long sscratch;
    long sepc;
    long scause;
    long stval;
    long satp;
    long scounteren;
    long senvcfg;
    /** fflags (bits 0-4) and frm (bits 5-7). */
    int fcsr;

    /** Instructions retired since reset. */
    long retired;

    HartState(VcpuContext ctx, int ext) {
        this.ctx = ctx;
        this.bus = ctx.bus();
        this.hartId = ctx.hartId();
        this.ext = ext;
    }

    final boolean hasExt(int bit) {
        return (ext & bit) != 0;
    }

    /** sstatus as read by the guest: SD summarises FS. */
    final long readSstatus() {
        long s = sstatus;
        if ((s & SSTATUS_FS) == FS_DIRTY) {
            s |= SSTATUS_SD;
        }
        return s;
    }
}
