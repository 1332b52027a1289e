package hv.core.guest;

/**
 * Something happened to a guest.
 *
 * @param type what happened
 * @param guest the guest's name
 * @param vcpu hart id for VCPU events, else -1
 * @param state new state name for state events ({@link GuestState} or {@link VcpuState}), else null
 * @param detail words for people (a region name, an error message), or null
 * @param nanoTime {@link System#nanoTime()} when it happened
 * @param exit for {@link Type#EXITED}: why the guest stopped, else null
 */
public record GuestEvent(Type type, String guest, int vcpu, String state, String detail, long nanoTime,
        GuestExit exit) {

    /** An event without exit information. */
    public GuestEvent(Type type, String guest, int vcpu, String state, String detail, long nanoTime) {
        this(type, guest, vcpu, state, detail, nanoTime, null);
    }

    /** Event types. */
    public enum Type {
        /** The guest was created (in RESET). */
        CREATED,
        /** The guest changed state. */
        GUEST_STATE,
        /** A VCPU entered RESET, READY (from another state than RUNNING), PAUSED or HALTED. */
        VCPU_STATE,
        /** A device region lost its emulator (its bundle went away); its state is saved. */
        REGION_DETACHED,
        /** A device region got an emulator (created or restored). */
        REGION_ATTACHED,
        /** Something failed (an engine error, a device that could not be restored); see detail. */
        ERROR,
        /** The guest powered off, asked for a reset, or reported a failure; see {@link GuestEvent#exit()}. */
        EXITED,
        /** The guest was destroyed. */
        DESTROYED
    }
}
