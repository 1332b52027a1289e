package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

class EscapeDetectorTest {

    /** Feeds {@code keys} at time 0; returns what went to the guest. */
    private static String feed(EscapeDetector d, String keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : Fakes.bytes(keys)) {
            out.writeBytes(d.feed(b & 0xff, 0));
        }
        return Fakes.text(out.toByteArray());
    }

    @Test
    void ctrlBracketQEndsTheBinding() {
        EscapeDetector d = new EscapeDetector();
        assertEquals("ls\r", feed(d, "ls\r\u001dq"));
        assertTrue(d.quit());
    }

    @Test
    void escXqEndsTheBinding() {
        EscapeDetector d = new EscapeDetector();
        assertEquals("a", feed(d, "a\u001bxq"));
        assertTrue(d.quit());
    }

    @Test
    void otherSequencesPassUnchangedAndInOrder() {
        EscapeDetector d = new EscapeDetector();
        // an arrow key, ESC x y, Ctrl-] Ctrl-] (one Ctrl-]), Ctrl-] z (both)
        assertEquals("\u001b[A\u001bxy\u001d\u001dz", feed(d, "\u001b[A\u001bxy\u001d\u001d\u001dz"));
        assertFalse(d.quit());
        assertEquals("q", feed(d, "q"), "q alone is an ordinary key");
        assertEquals("\u001b\u001b[", feed(d, "\u001b\u001b["), "ESC ESC [: all go on");
        assertFalse(d.quit());
    }

    @Test
    void aLoneEscGoesToTheGuestAfterItsTimeoutButCtrlBracketWaits() {
        EscapeDetector d = new EscapeDetector();
        assertArrayEquals(new byte[0], d.feed(0x1b, 0));
        assertArrayEquals(new byte[0], d.expire(EscapeDetector.ESC_TIMEOUT_NANOS - 1));
        assertArrayEquals(new byte[] { 0x1b }, d.expire(EscapeDetector.ESC_TIMEOUT_NANOS));
        assertArrayEquals(new byte[0], d.feed(0x1d, 0));
        assertArrayEquals(new byte[0], d.expire(Long.MAX_VALUE / 2), "Ctrl-] waits like telnet's");
        assertArrayEquals(new byte[] { 0x1d }, d.drain(), "at end of input it goes on");
        assertFalse(d.quit());
    }
}
