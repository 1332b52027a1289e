package hv.core.internal.vcpu;

import java.util.List;
import java.util.function.Consumer;

import hv.core.guest.GuestExit;
import hv.core.guest.VcpuState;
import hv.core.vcpu.HartControl;
import hv.core.vcpu.VcpuEngine;

/** The harts of one guest for firmware (SBI HSM, IPI, remote fences, SRST). */
public final class HartControlImpl implements HartControl {

    private final List<VcpuImpl> vcpus;
    private final Consumer<GuestExit> exit;

    /**
     * @param exit called with the exit; MUST NOT wait (it runs on a host CPU thread)
     */
    public HartControlImpl(List<VcpuImpl> vcpus, Consumer<GuestExit> exit) {
        this.vcpus = List.copyOf(vcpus);
        this.exit = exit;
    }

    @Override
    public int count() {
        return vcpus.size();
    }

    @Override
    public HartState state(int hart) {
        VcpuImpl v = vcpus.get(hart);
        VcpuState s = v.state();
        return switch (s) {
            case RESET, HALTED -> HartState.STOPPED;
            case READY, RUNNING, PAUSED -> suspended(v) ? HartState.SUSPENDED : HartState.STARTED;
        };
    }

    private static boolean suspended(VcpuImpl v) {
        VcpuEngine e = v.engine();
        return e != null && e.suspended();
    }

    @Override
    public boolean start(int hart, long pc, long arg1) {
        return vcpus.get(hart).start(pc, arg1);
    }

    @Override
    public void setPin(int hart, int pin, boolean level) {
        vcpus.get(hart).setPin(pin, level);
    }

    @Override
    public void flush(int hart, int kinds) {
        vcpus.get(hart).requestFlush(kinds);
    }

    @Override
    public void shutdown(boolean reset, String reason) {
        exit.accept(new GuestExit(reset ? GuestExit.Kind.RESET : GuestExit.Kind.POWER_OFF, 0, reason));
    }

    @Override
    public void exit(GuestExit e) {
        exit.accept(e);
    }
}
