package hv.core.emu;

import org.osgi.annotation.versioning.ConsumerType;

import hv.core.state.SavedState;

/**
 * One device model instance serving one region of one guest.
 *
 * <p>{@link #read} and {@link #write} are called on the host threads of the guest's VCPUs,
 * concurrently for an SMP guest: guard registers with one small lock, never held while waiting for
 * I/O. The core never calls {@link #save}, {@link #restore}, {@link #reset} or {@link #close}
 * while a read or write is in progress, and calls nothing after {@link #close}.
 *
 * <p>Guest input MUST NOT make an emulator throw anything but {@link hv.core.mem.BusFault}; any other
 * exception is caught by the core, logged and turned into an access fault.
 */
@ConsumerType
public interface Emulator {

    /** Access width bit: 8-bit accesses. */
    int ACCESS_8 = 1;
    /** Access width bit: 16-bit accesses. */
    int ACCESS_16 = 2;
    /** Access width bit: 32-bit accesses. */
    int ACCESS_32 = 4;
    /** Access width bit: 64-bit accesses. */
    int ACCESS_64 = 8;
    /** All widths. */
    int ACCESS_ALL = ACCESS_8 | ACCESS_16 | ACCESS_32 | ACCESS_64;

    /**
     * The access widths served, a mask of {@code ACCESS_*} bits (the bit value equals the access
     * size in bytes). The bus refuses other widths with {@link hv.core.mem.BusFault.Kind#WIDTH}
     * without calling the emulator. Read once after creation.
     */
    default int accessWidths() {
        return ACCESS_ALL;
    }

    /**
     * Reads {@code size} bytes (1, 2, 4 or 8) at {@code offset} inside the region (the core has
     * checked {@code offset + size <= region size}).
     *
     * @return the value, zero-extended
     */
    long read(long offset, int size);

    /** Writes the low {@code size} bytes of {@code value} at {@code offset} inside the region. */
    void write(long offset, int size, long value);

    /** Returns the device to its power-on state (guest reset). */
    void reset();

    /**
     * Saves the complete device state in a neutral form that holds none of this bundle's classes.
     * Pending timers SHOULD be recorded (as deadlines) and re-armed by {@link #restore}.
     */
    SavedState save();

    /**
     * Restores a state saved by this or an earlier version of the device (possibly by another
     * bundle version), on a fresh instance.
     *
     * @throws hv.core.state.StateException when the form is not understood; the guest is then paused
     */
    void restore(SavedState state);

    /** Releases resources (threads, host files). The context's timers are already cancelled. */
    default void close() {
    }
}
