package hv.core.guest;

import java.util.function.IntConsumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A guest console as the shell and tests see it: the output the guest wrote (the last 64 KiB are
 * kept) and input to send. Thread safe.
 */
@ProviderType
public interface GuestConsole {

    /** {@code <guest>/<name>}. */
    String name();

    /** Bytes the guest wrote since creation (including those no longer kept). */
    long outputCount();

    /**
     * Output bytes from position {@code from} (0 = the first byte ever written) to now; starts later
     * when {@code from} is older than the kept output.
     */
    byte[] output(long from);

    /** All kept output, decoded as UTF-8. */
    String outputText();

    /** Queues input for the guest (delivered at once, or at the next quantum boundary in virtual time). */
    void input(byte[] data);

    /** Queues a string as UTF-8 input. */
    default void input(String text) {
        input(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Adds a listener that receives every output byte as it is written, on the guest's thread: it MUST
     * NOT block. Returns a handle that removes it.
     */
    AutoCloseable listen(IntConsumer output);
}
