package hv.core.internal.emu;

import java.util.List;

import hv.core.emu.ConsolePort;
import hv.core.emu.VcpuPins;
import hv.core.internal.time.GuestClock;
import hv.core.mem.GuestMemory;

/** What the guest gives its emulator slots (implemented by the guest). */
public interface EmulatorHost {

    String guestName();

    IrqRouter irqs();

    List<VcpuPins> vcpuPins();

    GuestMemory memory();

    GuestClock clock();

    ConsolePort openConsole(String name);

    /** How long a VCPU waits on a detached region before it faults. */
    long emulatorTimeoutNanos();

    /** A region got or lost its emulator: bump the bus generation and publish an event. */
    void regionChanged(EmulatorSlot slot, boolean attached);

    /** A device stops the guest (power off, reset, failure). Never blocks. */
    void exitRequested(hv.core.guest.GuestExit exit);

    /** An emulator could not be created or restored: the guest is paused and an error published. */
    void emulatorFailed(EmulatorSlot slot, String message);
}
