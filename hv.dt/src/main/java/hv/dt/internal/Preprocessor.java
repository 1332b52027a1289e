package hv.dt.internal;

import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C-preprocessor subset DTS files use: {@code #include "f"} / {@code <f>}, object-like
 * {@code #define} and {@code #undef}, {@code #ifdef}, {@code #ifndef}, {@code #if},
 * {@code #elif}, {@code #else}, {@code #endif}, {@code #error}, line markers. A {@code #}
 * that does not start one of these (as in {@code #address-cells}) is left to the lexer.
 */
final class Preprocessor {
    private static final Set<String> DIRECTIVES = Set.of("include", "define", "undef", "ifdef",
            "ifndef", "if", "elif", "else", "endif", "error", "warning", "pragma", "line");
    private static final Pattern DEFINED =
            Pattern.compile("\\bdefined\\s*(?:\\(\\s*([A-Za-z_]\\w*)\\s*\\)|([A-Za-z_]\\w*))");

    private final SourceStack src;

    /** True for the directive words this preprocessor handles. */
    static boolean isDirective(String word) {
        return DIRECTIVES.contains(word);
    }

    Preprocessor(SourceStack src) {
        this.src = src;
    }

    /** Handles a directive at the {@code #} under the cursor; false when it is not one. */
    boolean tryDirective(Frame f) {
        int i = 1;
        while (f.peek(i) == ' ' || f.peek(i) == '\t') {
            i++;
        }
        int start = i;
        boolean number = f.peek(i) >= '0' && f.peek(i) <= '9';
        while (number ? (f.peek(i) >= '0' && f.peek(i) <= '9') : (f.peek(i) >= 'a' && f.peek(i) <= 'z')) {
            i++;
        }
        String word = f.text.substring(f.pos + start, f.pos + i);
        if (!number && (!DIRECTIVES.contains(word) || Names.isNameChar(f.peek(i)))) {
            return false;
        }
        SourceLoc loc = f.loc();
        String line = consumeLine(f);
        String rest = stripComments(line.substring(i)).trim();
        boolean active = f.active();
        switch (number ? "line" : word) {
            case "ifdef", "ifndef", "if" -> {
                boolean v = active && (word.equals("if") ? evaluate(rest, loc)
                        : src.macros.containsKey(macroName(rest, word, loc)) == word.equals("ifdef"));
                f.conds.push(new Frame.Cond(active, v, loc));
            }
            case "elif" -> {
                Frame.Cond c = cond(f, word, loc);
                boolean v = c.outerActive && !c.taken && evaluate(rest, loc);
                c.active = v;
                c.taken |= v;
            }
            case "else" -> {
                Frame.Cond c = cond(f, word, loc);
                c.sawElse = true;
                c.active = c.outerActive && !c.taken;
                c.taken = true;
            }
            case "endif" -> {
                if (f.conds.isEmpty()) {
                    throw loc.error("#endif without #if");
                }
                f.conds.pop();
            }
            default -> {
                if (active) {
                    run(f, word, number ? line.substring(1).trim() : rest, loc);
                }
            }
        }
        return true;
    }

    private void run(Frame f, String word, String rest, SourceLoc loc) {
        switch (word) {
            case "include" -> include(rest, loc);
            case "define" -> {
                String name = macroName(rest, word, loc);
                String body = rest.substring(name.length());
                if (body.startsWith("(")) {
                    throw loc.error("function-like macros are not supported: #define " + name + "(...)");
                }
                src.macros.put(name, body.trim());
            }
            case "undef" -> src.macros.remove(macroName(rest, word, loc));
            case "error" -> throw loc.error("#error " + rest);
            case "warning", "pragma" -> {
            }
            default -> lineMarker(f, rest, loc);
        }
    }

    private void include(String rest, SourceLoc loc) {
        boolean quoted = rest.startsWith("\"");
        char close = quoted ? '"' : '>';
        int end = rest.indexOf(close, 1);
        if (!(quoted || rest.startsWith("<")) || end < 0 || !rest.substring(end + 1).isBlank()) {
            throw loc.error("expected \"file\" or <file> after #include");
        }
        String name = rest.substring(1, end);
        Path file = src.includes.find(name, src.currentDir(), quoted, loc);
        String text = Includes.read(file, src.budget(), loc);
        src.pushFile(text, file.toString(), file.toAbsolutePath().getParent(), loc);
    }

    /** {@code # 12 "file"} or {@code #line 12 "file"}: the next line is line 12 of file. */
    private static void lineMarker(Frame f, String rest, SourceLoc loc) {
        Matcher m = Pattern.compile("(\\d+)(?:\\s+\"([^\"]*)\")?.*").matcher(rest);
        if (!m.matches()) {
            throw loc.error("expected a line number after #line");
        }
        try {
            f.line = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw loc.error("line number " + m.group(1) + " is too large");
        }
        if (m.group(2) != null) {
            f.file = m.group(2);
        }
    }

    private static Frame.Cond cond(Frame f, String word, SourceLoc loc) {
        if (f.conds.isEmpty()) {
            throw loc.error("#" + word + " without #if");
        }
        Frame.Cond c = f.conds.peek();
        if (c.sawElse) {
            throw loc.error("#" + word + " after #else");
        }
        return c;
    }

    private static String macroName(String rest, String word, SourceLoc loc) {
        int n = 0;
        while (n < rest.length() && (n == 0 ? Names.isIdentStart(rest.charAt(n))
                : Names.isIdentChar(rest.charAt(n)))) {
            n++;
        }
        if (n == 0) {
            throw loc.error("expected a macro name after #" + word);
        }
        return rest.substring(0, n);
    }

    private boolean evaluate(String expr, SourceLoc loc) {
        Matcher m = DEFINED.matcher(expr);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(sb, src.macros.containsKey(name) ? "1" : "0");
        }
        m.appendTail(sb);
        SourceStack sub = new SourceStack(src.includes, src.macros);
        sub.pushFile(sb.toString(), loc.file(), null, loc);
        sub.top().line = loc.line();
        DtsLexer lx = new DtsLexer(sub, true);
        long v = Expressions.parse(lx);
        Token t = lx.next(DtsLexer.Mode.EXPR);
        if (t.kind() != Token.Kind.EOF) {
            throw t.loc().error("expected end of the #if expression, found " + t.describe());
        }
        return v != 0;
    }

    /**
     * Consumes the directive's line (joining backslash continuations) and its newline. As in
     * cpp, a block comment opened on the line continues the directive until it closes.
     */
    private static String consumeLine(Frame f) {
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        boolean inComment = false;
        boolean lineComment = false;
        while (!f.atEnd()) {
            int c = f.advance();
            if (c == '\\' && f.peek() == '\n') {
                f.advance();
                sb.append(' ');
                continue;
            }
            if (c == '\n' && !inComment) {
                break;
            }
            if (inComment) {
                if (c == '*' && f.peek() == '/') {
                    sb.append('*');
                    c = f.advance();
                    inComment = false;
                }
            } else if (!lineComment) {
                if (c == '"') {
                    inString = !inString;
                } else if (!inString && c == '/' && f.peek() == '*') {
                    sb.append('/');
                    c = f.advance();
                    inComment = true;
                } else if (!inString && c == '/' && f.peek() == '/') {
                    lineComment = true;
                }
            }
            sb.append(c == '\n' ? ' ' : (char) c);
        }
        return sb.toString();
    }

    private static String stripComments(String s) {
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                inString = !inString;
            }
            if (!inString && c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                break;
            }
            if (!inString && c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 1;
                sb.append(' ');
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
