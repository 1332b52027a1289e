package hv.core.guest;

/** Xvisor's VCPU states. */
public enum VcpuState {
    /** Not started (a powered-off or stopped hart is also in RESET until started). */
    RESET,
    /** Runnable: waits for a host CPU, or waits for an interrupt ({@link Vcpu#waiting()}). */
    READY,
    /** Executing on a host CPU. */
    RUNNING,
    /** Paused by a user or its guest; resumes where it stopped. */
    PAUSED,
    /** Halted; only a reset leaves this state. */
    HALTED
}
