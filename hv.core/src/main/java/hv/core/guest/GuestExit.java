package hv.core.guest;

/**
 * Why a guest stopped on its own: the guest powered off or asked for a reset (SBI SRST, a syscon
 * or test device), reported a failure, or hv stopped it.
 *
 * @param kind what kind of exit
 * @param code an exit code the guest gave (test devices: the value written), else 0
 * @param reason words for people: who asked and how
 */
public record GuestExit(Kind kind, int code, String reason) {

    /** Kinds of exit. */
    public enum Kind {
        /** The guest powered off normally. */
        POWER_OFF,
        /** The guest asked for a reset (it is reset and kicked again). */
        RESET,
        /** The guest reported a failure (SBI SRST reason "system failure", a test device's fail value). */
        FAILURE,
        /** hv stopped the guest because something went wrong on the host side. */
        FAULT
    }
}
