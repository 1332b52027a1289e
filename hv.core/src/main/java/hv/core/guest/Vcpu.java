package hv.core.guest;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import hv.core.config.VcpuConfig;
import hv.core.sched.SchedStats;
import hv.core.state.SavedState;

/**
 * One VCPU of a guest. Every method is safe from any thread at any time; lifecycle methods throw
 * {@link IllegalStateException} (with the current state in the message) when the transition is not
 * allowed, and act asynchronously on a running VCPU: it leaves RUNNING at its next block boundary.
 */
@ProviderType
public interface Vcpu {

    /** {@code <guest>/<vcpu node name>}, for example {@code guest0/vcpu0}. */
    String name();

    /** Hart id: index in the guest. */
    int hartId();

    /** Its configuration. */
    VcpuConfig config();

    /** Current state. */
    VcpuState state();

    /** True when READY but waiting for an interrupt (WFI), a detached engine, or a start. */
    boolean waiting();

    /** The ISA string its engine executes, or null while no engine is attached. */
    String isa();

    /** Scheduling statistics (run, ready, switches, preemptions, current host CPU). */
    SchedStats stats();

    /** Instructions retired since its last reset (0 while no engine is attached). */
    long retired();

    /** RESET to READY (starts at {@code start_pc}). */
    void kick();

    /** READY or RUNNING to PAUSED. */
    void pause();

    /** PAUSED to READY. */
    void resume();

    /** Any state to RESET. */
    void reset();

    /** Any state but HALTED to HALTED. */
    void halt();

    /**
     * The engine's registers.
     *
     * @throws IllegalStateException while RUNNING or without engine
     */
    Map<String, Long> registers();

    /**
     * Saves the engine's architectural state (for snapshots or an engine swap).
     *
     * @throws IllegalStateException unless PAUSED, RESET or HALTED
     */
    SavedState saveEngine();

    /**
     * Restores the engine's architectural state.
     *
     * @throws IllegalStateException unless PAUSED, RESET or HALTED
     * @throws hv.core.state.StateException when the engine does not understand the state
     */
    void restoreEngine(SavedState state);
}
