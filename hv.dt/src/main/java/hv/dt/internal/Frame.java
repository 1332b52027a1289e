package hv.dt.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One source being read: a file, or the body of a macro being expanded. Tracks line and
 * column; macro frames report the place where the macro was used.
 */
final class Frame {
    /** A conditional block ({@code #ifdef}..{@code #endif}) of a file. */
    static final class Cond {
        final boolean outerActive;
        final SourceLoc opened;
        boolean taken;
        boolean active;
        boolean sawElse;

        Cond(boolean outerActive, boolean active, SourceLoc opened) {
            this.outerActive = outerActive;
            this.active = active;
            this.taken = active;
            this.opened = opened;
        }
    }

    final String text;
    final Path dir;
    /** The macros this frame expands (not expanded again inside it); null for a file. */
    final java.util.Set<String> macro;
    final SourceLoc useSite;
    final Deque<Cond> conds = new ArrayDeque<>();
    String file;
    int pos;
    int line = 1;
    int col = 1;
    boolean lineStart = true;

    private Frame(String text, String file, Path dir, java.util.Set<String> macro, SourceLoc useSite) {
        this.text = text;
        this.file = file;
        this.dir = dir;
        this.macro = macro;
        this.useSite = useSite;
    }

    static Frame file(String text, String file, Path dir) {
        return new Frame(text, file, dir, null, null);
    }

    static Frame macro(String body, java.util.Set<String> names, SourceLoc useSite) {
        return new Frame(body, useSite.file(), null, names, useSite);
    }

    boolean isFile() {
        return macro == null;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** The character {@code k} places ahead, or -1 past the end. */
    int peek(int k) {
        int i = pos + k;
        return i < text.length() ? text.charAt(i) : -1;
    }

    int peek() {
        return peek(0);
    }

    boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }

    /** Consumes one character. */
    int advance() {
        char c = text.charAt(pos++);
        if (c == '\n') {
            line++;
            col = 1;
            lineStart = true;
        } else {
            col++;
            if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != 0x0b) {
                lineStart = false;
            }
        }
        return c;
    }

    boolean active() {
        return conds.isEmpty() || conds.peek().active;
    }

    SourceLoc loc() {
        return macro != null ? useSite : new SourceLoc(file, line, col);
    }
}
