package hv.core.vcpu;

/** Why {@link VcpuEngine#run(long)} returned. */
public enum SliceEnd {
    /** The instruction budget is used up. */
    BUDGET,
    /** The VCPU executed a wait-for-interrupt and has nothing pending: park it until a pin changes or a timer fires. */
    WAIT,
    /** {@link VcpuContext#yieldRequested()} became true (pause, kick, preemption, a request by another hart). */
    YIELD,
    /** The VCPU stopped itself (for example SBI HSM hart_stop); it runs again only when started. */
    STOPPED
}
