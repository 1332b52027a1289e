package hv.core.mem;

/** A device or loader touched guest memory outside the guest's RAM. The message says where. */
public final class GuestMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long address;
    private final long length;

    public GuestMemoryException(long address, long length) {
        super(String.format("guest memory [0x%x, +0x%x) is not RAM of this guest", address, length), null, false, false);
        this.address = address;
        this.length = length;
    }

    public long address() {
        return address;
    }

    public long length() {
        return length;
    }
}
