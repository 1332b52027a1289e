package hv.core.config;

/** What a guest does when its DT names a device no emulator factory serves. */
public enum MissingEmulator {
    /** The region waits detached: VCPUs touching it park until a factory appears, then fault after a timeout. */
    WAIT,
    /** Guest creation fails with a message naming the region and its compatible. */
    FAIL
}
