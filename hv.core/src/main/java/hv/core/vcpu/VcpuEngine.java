package hv.core.vcpu;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

import hv.core.state.SavedState;

/**
 * Executes one VCPU. All methods but {@link #requestFlush(int)} are called on the VCPU's host thread
 * and never concurrently; {@code requestFlush} may be called from any thread.
 *
 * <p>Guest faults become guest exceptions inside the engine: no exception caused by guest input
 * escapes {@link #run(long)}.
 */
@ConsumerType
public interface VcpuEngine {

    /** Flush kind: cached instruction decodings (fence.i on another hart). */
    int FLUSH_ICACHE = 1;
    /** Flush kind: address translations (sfence.vma on another hart, a remap). */
    int FLUSH_TLB = 2;

    /**
     * Runs guest instructions until about {@code budget} instructions have retired (the engine may
     * stop early at any block boundary, or overrun by at most one block), or until another
     * {@link SliceEnd} condition. Checks {@link VcpuContext#yieldRequested()} and the pins at least
     * once per block.
     */
    SliceEnd run(long budget);

    /** Instructions retired since reset; exact whenever the engine calls into its context. */
    long retired();

    /** Resets the hart: {@code pc}, the boot arguments ({@code a0}, {@code a1} on RISC-V), all else to reset values. */
    void reset(long pc, long arg0, long arg1);

    /** Asks the engine to drop cached decodings and/or translations before it next executes. Any thread. */
    void requestFlush(int kinds);

    /**
     * True while the hart waits in a firmware suspend (SBI HSM hart_suspend) rather than running or
     * in a plain wait-for-interrupt; other harts then see it SUSPENDED. Any thread; cheap.
     */
    default boolean suspended() {
        return false;
    }

    /** Registers by name in a stable order, for dumps and debuggers. */
    Map<String, Long> registers();

    /** Saves the complete architectural state (between slices only). */
    SavedState save();

    /**
     * Restores a state saved by this or an earlier engine version.
     *
     * @throws hv.core.state.StateException when the form is not understood; the engine is then unchanged
     */
    void restore(SavedState state);

    /** The ISA string this engine executes for this VCPU (for example {@code rv64imafdc_zicsr_zifencei}). */
    String isa();
}
