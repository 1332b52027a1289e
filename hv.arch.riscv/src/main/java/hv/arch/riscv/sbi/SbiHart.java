package hv.arch.riscv.sbi;

import hv.core.vcpu.VcpuContext;

/** What SBI extensions need from the calling hart. Implemented by the engine; called on the hart's thread. */
public interface SbiHart {

    VcpuContext context();

    /** Drops this hart's own cached translations and/or decodings ({@code VcpuEngine.FLUSH_*} bits) at once. */
    void flushLocal(int kinds);

    /**
     * Reads a 64-bit value at a guest virtual address as S-mode would (legacy calls pass hart masks by pointer).
     *
     * @throws SbiMemoryFault when the address does not translate or is not readable
     */
    long readVirtual64(long va);

    /** True when an interrupt is pending and enabled in sie (sstatus.SIE does not matter): a suspended hart wakes. */
    boolean interruptPending();

    /**
     * Prepares a non-retentive resume: S mode, satp = 0, sstatus.SIE = 0, pc = {@code resumeAddr},
     * a0 = hart id, a1 = {@code opaque} (SBI v2.0 section 9.4).
     */
    void prepareResume(long resumeAddr, long opaque);
}
