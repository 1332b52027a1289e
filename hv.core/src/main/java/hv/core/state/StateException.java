package hv.core.state;

/** A saved state cannot be read or restored; the message says why. */
public final class StateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }
}
