package hv.core.internal.vcpu;

import hv.core.internal.sched.SchedulerCore;
import hv.core.sched.SchedStats;

/** Real time: each VCPU is its own scheduler task. */
public final class SchedRunner implements Runner {

    private final SchedulerCore core;

    public SchedRunner(SchedulerCore core) {
        this.core = core;
    }

    @Override
    public void wake(VcpuImpl vcpu) {
        core.wake(vcpu);
    }

    @Override
    public void block(VcpuImpl vcpu) {
        core.block(vcpu);
    }

    @Override
    public SchedStats stats(VcpuImpl vcpu) {
        return core.stats(vcpu);
    }
}
