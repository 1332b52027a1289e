package hv.core.guest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import hv.core.config.GuestConfig;
import hv.core.mem.GuestMemory;

/**
 * A running guest. Every method is safe from any thread at any time. Lifecycle methods throw
 * {@link IllegalStateException} naming the guest and its state when the transition is not allowed
 * (always after destroy). Called on a host CPU thread (by an engine or a device), pause, reset, halt
 * and destroy only request the change and return at once; from other threads they return once no
 * VCPU of the guest is executing.
 */
@ProviderType
public interface Guest {

    /** The guest's name. */
    String name();

    /** Its configuration. */
    GuestConfig config();

    /** Current state. */
    GuestState state();

    /** The VCPUs by hart id. */
    List<Vcpu> vcpus();

    /** RESET to RUNNING: VCPUs without {@code poweroff} start at {@code start_pc}. */
    void kick();

    /** RUNNING to PAUSED. */
    void pause();

    /** PAUSED to RUNNING. */
    void resume();

    /** Any state to RESET: devices reset, RAM cleared, images reloaded. Kick to start again. */
    void reset();

    /** Any state to HALTED. */
    void halt();

    /** Halts the guest, releases its memory and devices, and removes it from the manager. */
    void destroy();

    /**
     * Waits until the guest is in {@code state} and, for states other than RUNNING, no VCPU of it
     * executes any more.
     *
     * @return false on timeout
     */
    boolean awaitState(GuestState state, Duration timeout) throws InterruptedException;

    /** The regions and their status. */
    List<RegionInfo> regions();

    /** Checked access to the guest's memory (for dumps, loaders, tests). */
    GuestMemory memory();

    /** The firmware (SBI) console, named {@code <guest>/sbi}. */
    GuestConsole console();

    /** Every console of the guest: the firmware console and those devices opened. */
    List<GuestConsole> consoles();

    /** The console named {@code name} (without the guest prefix). */
    Optional<GuestConsole> console(String name);

    /** Why the guest last stopped on its own (power off, reset request, failure), if it did. */
    Optional<GuestExit> exit();

    /** Guest time now, in ticks of the guest timebase. */
    long time();
}
