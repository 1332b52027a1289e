package hv.core.internal.mem;

/** What serves a device region: the emulator slot. Offsets are relative to the region start. */
public interface DeviceBackend {

    /** Reads; throws {@link hv.core.mem.BusFault} and nothing else. */
    long read(long offset, int size, long gpa);

    /** Writes; throws {@link hv.core.mem.BusFault} and nothing else. */
    void write(long offset, int size, long value, long gpa);
}
