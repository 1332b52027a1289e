package hv.shell.internal;

import java.io.ByteArrayOutputStream;

/**
 * Finds the sequences that end {@code hv:vserial bind} in the keystrokes going to a guest:
 * {@code Ctrl-] q} (as telnet) and {@code ESC x q} (as Xvisor). Every other byte is passed on,
 * in order, unchanged.
 *
 * <ul>
 * <li>{@code Ctrl-]} waits for the next key: {@code q} ends the binding, another {@code Ctrl-]} sends
 * one {@code Ctrl-]}, anything else is sent after the {@code Ctrl-]}.</li>
 * <li>{@code ESC} and {@code ESC x} wait for the next key too, but at most {@link #ESC_TIMEOUT_NANOS}:
 * then they go to the guest, so that a lone ESC (leaving insert mode in vi) is not held back.</li>
 * </ul>
 * Not thread safe: one reader feeds it.
 */
final class EscapeDetector {

    static final int CTRL_RIGHT_BRACKET = 0x1d;
    static final int ESC = 0x1b;
    /** How long a held ESC or ESC x waits for the rest of the sequence. */
    static final long ESC_TIMEOUT_NANOS = 1_000_000_000L;

    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private long heldSince;
    private boolean quit;

    /** Feeds one byte typed at {@code nanoTime}; returns the bytes to send to the guest now. */
    byte[] feed(int b, long nanoTime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = held.toByteArray();
        if (h.length == 0) {
            if (b == CTRL_RIGHT_BRACKET || b == ESC) {
                hold(b, nanoTime);
            } else {
                out.write(b);
            }
        } else if (h[0] == CTRL_RIGHT_BRACKET) {
            held.reset();
            if (b == 'q') {
                quit = true;
            } else if (b == CTRL_RIGHT_BRACKET) {
                out.write(b);
            } else {
                out.write(CTRL_RIGHT_BRACKET);
                out.write(b);
            }
        } else if (h.length == 1 && b == 'x') {
            hold(b, nanoTime);
        } else if (h.length == 2 && b == 'q') {
            held.reset();
            quit = true;
        } else {
            held.reset();
            out.writeBytes(h);
            if (b == ESC || b == CTRL_RIGHT_BRACKET) {
                hold(b, nanoTime);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private void hold(int b, long nanoTime) {
        if (held.size() == 0) {
            heldSince = nanoTime;
        }
        held.write(b);
    }

    /** Returns a held ESC sequence whose time is up at {@code nanoTime} (or nothing), to send to the guest. */
    byte[] expire(long nanoTime) {
        byte[] h = held.toByteArray();
        if (h.length > 0 && h[0] == ESC && nanoTime - heldSince >= ESC_TIMEOUT_NANOS) {
            held.reset();
            return h;
        }
        return new byte[0];
    }

    /** Whatever is held, when the input ends. */
    byte[] drain() {
        byte[] h = held.toByteArray();
        held.reset();
        return h;
    }

    /** True once an escape sequence was typed. */
    boolean quit() {
        return quit;
    }
}
