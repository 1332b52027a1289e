package hv.dt.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The stack of files and macro bodies being read, the macro table and the size budget. */
final class SourceStack {
    final Deque<Frame> frames = new ArrayDeque<>();
    final Map<String, String> macros;
    final Includes includes;
    private long budget = Limits.MAX_SOURCE_BYTES;
    private int fileDepth;
    private int macroDepth;
    private SourceLoc endLoc;

    SourceStack(Includes includes, Map<String, String> macros) {
        this.includes = includes;
        this.macros = macros;
    }

    SourceStack(Includes includes) {
        this(includes, new HashMap<>());
    }

    Frame top() {
        return frames.peek();
    }

    SourceLoc endLoc() {
        return endLoc;
    }

    void pushFile(String text, String name, Path dir, SourceLoc includedFrom) {
        charge(text.length(), includedFrom);
        if (fileDepth >= Limits.MAX_INCLUDE_DEPTH) {
            throw includedFrom.error("includes nest deeper than " + Limits.MAX_INCLUDE_DEPTH
                    + " levels (does a file include itself?)");
        }
        fileDepth++;
        frames.push(Frame.file(text, name, dir));
    }

    /** True while a macro's expansion is being read (it is then not expanded again). */
    boolean expanding(String name) {
        for (Frame f : frames) {
            if (f.macro != null && f.macro.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Reads {@code text}, the expansion of the macros {@code names}, before the rest. */
    void pushExpansion(String text, Set<String> names, SourceLoc useSite) {
        charge(Math.max(text.length(), Limits.MACRO_EXPANSION_COST), useSite);
        if (macroDepth >= Limits.MAX_MACRO_DEPTH) {
            throw useSite.error("macros nest deeper than " + Limits.MAX_MACRO_DEPTH + " levels");
        }
        macroDepth++;
        frames.push(Frame.macro(text, Set.copyOf(names), useSite));
    }

    /** Drops the finished top frame. */
    void pop() {
        Frame f = frames.pop();
        if (f.isFile()) {
            if (!f.conds.isEmpty()) {
                throw f.conds.peek().opened.error("#if/#ifdef without a matching #endif");
            }
            fileDepth--;
            endLoc = f.loc();
        } else {
            macroDepth--;
        }
    }

    /** The directory of the innermost file being read. */
    Path currentDir() {
        for (Frame f : frames) {
            if (f.isFile()) {
                return f.dir;
            }
        }
        return null;
    }

    /** The rest of the budget, for sizing include reads. */
    long budget() {
        return budget;
    }

    private void charge(long n, SourceLoc loc) {
        budget -= n;
        if (budget < 0) {
            String detail = "the sources (with includes and macro expansions) are larger than "
                    + Limits.MAX_SOURCE_BYTES + " bytes";
            throw loc != null ? loc.error(detail) : hv.dt.DtException.of(detail, null);
        }
    }
}
