package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RawModeTest {

    /** Shaped like org.jline.terminal.Attributes: the names RawMode looks up. */
    public static final class Attributes {
        public enum LocalFlag { ICANON, ECHO, IEXTEN, ISIG, TOSTOP }

        public enum InputFlag { IXON, ICRNL, INLCR, IGNCR, BRKINT }

        public enum ControlChar { VMIN, VTIME, VINTR }

        final EnumSet<LocalFlag> local = EnumSet.allOf(LocalFlag.class);
        final EnumSet<InputFlag> input = EnumSet.allOf(InputFlag.class);
        final Map<ControlChar, Integer> cc = new EnumMap<>(ControlChar.class);

        public Attributes() {
        }

        public Attributes(Attributes other) {
            local.clear();
            local.addAll(other.local);
            input.clear();
            input.addAll(other.input);
            cc.putAll(other.cc);
        }

        public void setLocalFlags(EnumSet<LocalFlag> flags, boolean on) {
            if (on) {
                local.addAll(flags);
            } else {
                local.removeAll(flags);
            }
        }

        public void setInputFlags(EnumSet<InputFlag> flags, boolean on) {
            if (on) {
                input.addAll(flags);
            } else {
                input.removeAll(flags);
            }
        }

        public void setControlChar(ControlChar c, int value) {
            cc.put(c, value);
        }
    }

    /** Shaped like a JLine terminal. */
    public static final class Terminal {
        Attributes current = new Attributes();

        public Attributes getAttributes() {
            return new Attributes(current);
        }

        public void setAttributes(Attributes a) {
            current = new Attributes(a);
        }
    }

    @Test
    void rawModeTurnsOffLineEditingEchoAndSignalsAndRestoresTheTerminal() {
        Terminal t = new Terminal();
        try (RawMode raw = RawMode.enter(t)) {
            assertTrue(raw.active());
            assertEquals(EnumSet.of(Attributes.LocalFlag.TOSTOP), t.current.local);
            assertEquals(EnumSet.of(Attributes.InputFlag.BRKINT), t.current.input);
            assertEquals(1, t.current.cc.get(Attributes.ControlChar.VMIN));
            assertEquals(0, t.current.cc.get(Attributes.ControlChar.VTIME));
        }
        assertEquals(EnumSet.allOf(Attributes.LocalFlag.class), t.current.local);
        assertEquals(EnumSet.allOf(Attributes.InputFlag.class), t.current.input);
        assertNull(t.current.cc.get(Attributes.ControlChar.VMIN));
    }

    @Test
    void withoutATerminalOrWithSomethingElseNothingHappens() {
        try (RawMode raw = RawMode.enter(null)) {
            assertFalse(raw.active());
        }
        try (RawMode raw = RawMode.enter("not a terminal")) {
            assertFalse(raw.active());
        }
    }
}
