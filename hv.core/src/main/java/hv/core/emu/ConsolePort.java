package hv.core.emu;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The device side of a guest console (a UART, a virtio console, the SBI console): output goes to
 * the console's buffer and listeners, input comes from the shell or tests. In a virtual-time guest,
 * input becomes readable only at quantum boundaries. Thread safe; never blocks.
 */
@ProviderType
public interface ConsolePort {

    /** The console's name inside its guest. */
    String name();

    /** Writes one byte of guest output. */
    void write(int b);

    /** Reads one byte of input, or -1 when none is waiting. */
    int read();

    /** Number of input bytes waiting. */
    int available();

    /**
     * Sets the callback run (on the thread delivering input) when input arrives, for example to raise
     * a receive interrupt; null removes it. One callback per port.
     */
    void onInput(Runnable callback);
}
