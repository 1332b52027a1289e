package hv.core.vcpu;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import hv.core.mem.PhysicalBus;

/**
 * What the platform gives one VCPU engine: its guest's address space, its interrupt pins, guest
 * time and timers, a console for firmware calls, and control of the guest's other harts.
 *
 * <p>Pins are numbered by the ISA (RISC-V: 1 supervisor software, 5 supervisor timer, 9
 * supervisor external). Devices and other harts set them from any thread; the engine reads them
 * with {@link #pins()} at block boundaries.
 */
@ProviderType
public interface VcpuContext {

    /** The guest this VCPU belongs to. */
    String guestName();

    /** This VCPU's hart id (its index in the guest, 0-based). */
    int hartId();

    /** A string property of the VCPU's guest-DT node (for example {@code riscv,isa}), if present. */
    Optional<String> property(String name);

    /** True when the VCPU's guest-DT node has the (possibly empty) property {@code name}. */
    boolean hasProperty(String name);

    /** The guest's physical address space. */
    PhysicalBus bus();

    /** Current pin levels as a bit mask (bit n = pin n). A volatile read. */
    long pins();

    /** Sets or clears one of this VCPU's pins and wakes it if it waits. Any thread. */
    void setPin(int pin, boolean level);

    /** True when the current slice should end soon: the engine returns {@link SliceEnd#YIELD}. A volatile read. */
    boolean yieldRequested();

    /** Guest time in ticks of {@link #timebaseHz()} (RISC-V {@code time} CSR). Exact at the call. */
    long time();

    /** Frequency of {@link #time()}. */
    long timebaseHz();

    /**
     * Arms this VCPU's timer: when {@link #time()} reaches {@code deadline}, {@code pin} is set and
     * the VCPU woken. Re-arming replaces the previous deadline and clears {@code pin} at once;
     * {@code deadline = -1} (unsigned max) disarms it.
     */
    void setTimer(long deadline, int pin);

    /** The guest's firmware console (SBI console, debug console). */
    FirmwareConsole console();

    /** Control of this guest's harts, for SBI HSM, IPI and remote fences. */
    HartControl harts();
}
