package hv.core.internal.guest;

import java.util.Map;

import hv.core.config.VcpuConfig;
import hv.core.guest.Vcpu;
import hv.core.guest.VcpuState;
import hv.core.sched.SchedStats;
import hv.core.state.SavedState;
import hv.core.internal.vcpu.VcpuImpl;

/** A VCPU as users see it: lifecycle calls take the guest lock first, so they never race a guest reset. */
final class VcpuView implements Vcpu {

    private final GuestImpl guest;
    private final VcpuImpl v;

    VcpuView(GuestImpl guest, VcpuImpl v) {
        this.guest = guest;
        this.v = v;
    }

    @Override
    public String name() {
        return v.name();
    }

    @Override
    public int hartId() {
        return v.hartId();
    }

    @Override
    public VcpuConfig config() {
        return v.config();
    }

    @Override
    public VcpuState state() {
        return v.state();
    }

    @Override
    public boolean waiting() {
        return v.waiting();
    }

    @Override
    public String isa() {
        return v.isa();
    }

    @Override
    public SchedStats stats() {
        return v.stats();
    }

    @Override
    public long retired() {
        return v.retired();
    }

    @Override
    public void kick() {
        guest.locked(v::kick);
    }

    @Override
    public void pause() {
        guest.locked(v::pause);
    }

    @Override
    public void resume() {
        guest.locked(v::resume);
    }

    @Override
    public void reset() {
        guest.locked(v::reset);
    }

    @Override
    public void halt() {
        guest.locked(v::halt);
    }

    @Override
    public Map<String, Long> registers() {
        return v.registers();
    }

    @Override
    public SavedState saveEngine() {
        return v.saveEngine();
    }

    @Override
    public void restoreEngine(SavedState state) {
        v.restoreEngine(state);
    }

    @Override
    public String toString() {
        return v.name();
    }
}
