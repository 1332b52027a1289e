package hv.core.internal.vcpu;

import java.util.Optional;

import hv.core.mem.PhysicalBus;
import hv.core.time.Timer;
import hv.core.vcpu.FirmwareConsole;
import hv.core.vcpu.HartControl;
import hv.core.vcpu.VcpuContext;
import hv.dt.DtException;
import hv.dt.Node;

/** What one VCPU's engine sees of the platform. */
public final class VcpuContextImpl implements VcpuContext {

    private final VcpuHost host;
    private final VcpuImpl vcpu;
    private Timer timer;

    VcpuContextImpl(VcpuHost host, VcpuImpl vcpu) {
        this.host = host;
        this.vcpu = vcpu;
    }

    @Override
    public String guestName() {
        return host.guestName();
    }

    @Override
    public int hartId() {
        return vcpu.hartId();
    }

    @Override
    public Optional<String> property(String name) {
        Node n = vcpu.config().node();
        if (n == null) {
            return Optional.empty();
        }
        try {
            return n.optString(name);
        } catch (DtException e) {
            return Optional.empty(); // present but not a string
        }
    }

    @Override
    public boolean hasProperty(String name) {
        Node n = vcpu.config().node();
        return n != null && n.has(name);
    }

    @Override
    public PhysicalBus bus() {
        return host.bus();
    }

    @Override
    public long pins() {
        return vcpu.pins();
    }

    @Override
    public void setPin(int pin, boolean level) {
        vcpu.setPin(pin, level);
    }

    @Override
    public boolean yieldRequested() {
        return vcpu.yieldRequested();
    }

    @Override
    public long time() {
        return host.clock().ticks();
    }

    @Override
    public long timebaseHz() {
        return host.clock().timebaseHz();
    }

    @Override
    public void setTimer(long deadline, int pin) {
        boolean fireNow = false;
        synchronized (this) {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            vcpu.setPin(pin, false); // before arming: the new timer may fire at once; lowering takes no lock
            if (deadline >= 0 && deadline != -1) { // an unsigned deadline this far away never comes: disarmed
                if (deadline <= host.clock().ticks()) {
                    fireNow = true;
                } else {
                    timer = host.clock().scheduleTicks(deadline, () -> vcpu.setPin(pin, true));
                }
            }
        }
        // raising a pin may take the VCPU lock (to wake it): outside this monitor (lock order: VCPU lock, then this)
        if (fireNow) {
            vcpu.setPin(pin, true);
        }
    }

    /** Disarms the VCPU timer (reset). */
    synchronized void disarmTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    @Override
    public FirmwareConsole console() {
        return host.firmwareConsole();
    }

    @Override
    public HartControl harts() {
        return host.harts();
    }
}
