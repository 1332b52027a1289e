package hv.core.mem;

/**
 * A guest physical access the platform cannot serve: nothing mapped there, a width the device
 * does not support, a store to ROM. VCPU engines turn it into the ISA's access fault; devices
 * doing DMA turn it into a device error. Stackless and cheap: guests can cause it at will.
 */
public final class BusFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the access failed. */
    public enum Kind {
        /** No region covers the address. */
        UNMAPPED,
        /** The region exists but does not serve this access width or alignment. */
        WIDTH,
        /** A store to a read-only region. */
        READ_ONLY,
        /** The device behind the region is gone (its bundle was swapped) and did not come back in time. */
        DETACHED
    }

    private final Kind kind;
    private final long address;

    public BusFault(Kind kind, long address, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.address = address;
    }

    public Kind kind() {
        return kind;
    }

    /** The guest physical address of the failed access. */
    public long address() {
        return address;
    }
}
