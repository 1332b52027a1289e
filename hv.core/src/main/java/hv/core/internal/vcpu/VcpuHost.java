package hv.core.internal.vcpu;

import hv.core.guest.VcpuState;
import hv.core.internal.time.GuestClock;
import hv.core.mem.PhysicalBus;
import hv.core.vcpu.FirmwareConsole;
import hv.core.vcpu.HartControl;

/** What a VCPU needs from its guest (implemented by the guest). */
public interface VcpuHost {

    String guestName();

    GuestClock clock();

    PhysicalBus bus();

    FirmwareConsole firmwareConsole();

    HartControl harts();

    /** True while harts may be started (the guest is RUNNING). */
    boolean startsAllowed();

    /** The boot argument (a1 on RISC-V) given at kick: the guest OS DT address, or 0. */
    long bootArgument();

    /** A VCPU entered a state other than RUNNING (events; never called for READY to RUNNING churn). */
    void vcpuStateChanged(VcpuImpl vcpu, VcpuState state);

    /** The VCPU's engine threw: the VCPU is halted; the guest reports the error. */
    void vcpuFailed(VcpuImpl vcpu, Throwable error);
}
