package hv.core.internal.vcpu;

import hv.core.sched.SchedStats;

/**
 * Who runs a VCPU: the scheduler directly (real time), or its guest's {@link VirtualGroup}
 * (virtual time). Called with the VCPU's lock held: MUST NOT call back into the VCPU.
 */
public interface Runner {

    /** The VCPU may be runnable now. */
    void wake(VcpuImpl vcpu);

    /** The VCPU cannot run (paused, halted, reset). */
    void block(VcpuImpl vcpu);

    /** The VCPU's statistics. */
    SchedStats stats(VcpuImpl vcpu);
}
