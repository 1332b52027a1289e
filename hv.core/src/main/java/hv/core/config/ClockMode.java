package hv.core.config;

/** How a guest's clock advances. */
public enum ClockMode {
    /** Host monotonic time since the guest was created (default). */
    REAL,
    /**
     * Retired instructions: the guest's VCPUs run in turn on one host thread, a fixed quantum each,
     * and the same guest with the same inputs gives the same outputs, run after run.
     */
    VIRTUAL
}
