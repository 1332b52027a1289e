package hv.core.emu;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.slf4j.Logger;

import hv.core.config.RegionConfig;
import hv.core.guest.GuestExit;
import hv.core.mem.GuestMemory;
import hv.core.time.TimerService;

/**
 * What the core gives one emulator instance. Valid from {@link EmulatorFactory#create} until the
 * instance is closed; afterwards its interrupt lines, timers and DMA access are inert (a swapped-out
 * instance's stray background thread cannot disturb the guest). Thread safe.
 */
@ProviderType
public interface EmulatorContext {

    /** The guest's name. */
    String guestName();

    /** The region this instance serves: address, size, {@code compatible}, {@code interrupts}, its DT node. */
    RegionConfig region();

    /** Number of guest interrupt lines ({@code guest_irq_count}). */
    int guestIrqCount();

    /**
     * The line of the region's {@code interrupts} entry {@code index}.
     *
     * @throws IndexOutOfBoundsException when the region lists fewer interrupts
     */
    IrqLine irq(int index);

    /**
     * Guest interrupt line {@code line}, for devices that find their lines elsewhere.
     *
     * @throws IndexOutOfBoundsException when {@code line >= guestIrqCount()}
     */
    IrqLine guestIrq(int line);

    /**
     * For interrupt controllers: receives every change of every guest interrupt line from now on.
     * The current high levels (and edges seen while no controller was attached) are replayed to
     * {@code sink} right after this instance is attached or restored. Released when the instance
     * is closed.
     *
     * @throws IllegalStateException when another region of the guest has claimed the lines
     */
    GuestIrqs claimIrqs(IrqSink sink);

    /** The interrupt pins of every VCPU of the guest, by hart id. */
    List<VcpuPins> harts();

    /** Checked DMA access to the guest's RAM. */
    GuestMemory memory();

    /** Guest time and timers (virtual time in a virtual-time guest). */
    TimerService timers();

    /**
     * Runs {@code action} soon in the guest's time domain: at the next quantum boundary on the
     * guest's thread in virtual time (so completions are deterministic), on the timer thread in
     * real time. Use it to complete I/O finished by a background thread.
     */
    void defer(Runnable action);

    /**
     * Opens (or re-opens after a swap) the guest console named {@code name} (for example
     * {@code uart0}); the shell and tests read and write it as {@code <guest>/<name>}.
     */
    ConsolePort console(String name);

    /** A logger named after the guest and region; guests can trigger its messages, so rate-limit them. */
    Logger log();

    /**
     * Stops the guest (a syscon or test device: power off, reset, failure with a code). The guest's
     * VCPUs stop at their next block boundary; never blocks.
     */
    void exit(GuestExit exit);
}
