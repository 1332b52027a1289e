package hv.core.guest;

/** Lifecycle state of a guest. */
public enum GuestState {
    /** Created or reset, not yet kicked: every VCPU is in RESET. */
    RESET,
    /** Kicked: its VCPUs run (those not powered off). */
    RUNNING,
    /** Paused: no VCPU runs until resumed. */
    PAUSED,
    /** Halted (powered off, or a fatal error): only reset or destroy leave it. */
    HALTED,
    /** Destroyed: gone from the manager; every operation fails. */
    DESTROYED
}
