package hv.dt.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * Splits DTS source into tokens. The DTS grammar is context sensitive (a property name, a
 * byte string and a cell array tokenize differently), so the parser says which {@link Mode}
 * it is in. Comments, preprocessor directives, {@code /include/} and macro expansion happen
 * here, below the parser.
 */
final class DtsLexer {

    /** What the parser expects next. */
    enum Mode {
        /** Node and property names, labels, keywords, braces: inside a node and at top level. */
        NODE,
        /** A property value: strings, {@code <}, {@code [}, references, labels. */
        VALUE,
        /** Inside {@code < >}: numbers, character literals, references, labels, {@code (}. */
        CELLS,
        /** Inside parentheses: an integer expression. */
        EXPR,
        /** Inside {@code [ ]}: pairs of hex digits and labels. */
        BYTES
    }

    private static final Set<String> KEYWORDS = Set.of("/dts-v1/", "/plugin/", "/memreserve/",
            "/bits/", "/delete-node/", "/delete-property/", "/omit-if-no-ref/", "/incbin/");
    private static final String[] OPERATORS = {"<<", ">>", "<=", ">=", "==", "!=", "&&", "||"};

    private final SourceStack src;
    private final Preprocessor pre;
    private final boolean undefinedIsZero;
    private Token peeked;
    private Mode peekedMode;

    DtsLexer(SourceStack src, boolean undefinedIsZero) {
        this.src = src;
        this.pre = new Preprocessor(src);
        this.undefinedIsZero = undefinedIsZero;
    }

    /** A lexer over one file's text. */
    static DtsLexer of(String text, String name, Path dir, Includes includes) {
        SourceStack s = new SourceStack(includes);
        s.pushFile(text, name, dir, null);
        return new DtsLexer(s, false);
    }

    Token peek(Mode mode) {
        if (peeked != null) {
            if (peekedMode != mode) {
                throw new IllegalStateException("token peeked as " + peekedMode + ", read as " + mode);
            }
            return peeked;
        }
        peeked = scan(mode);
        peekedMode = mode;
        return peeked;
    }

    Token next(Mode mode) {
        Token t = peek(mode);
        peeked = null;
        return t;
    }

    /** The directory of the file being read, for {@code /incbin/}. */
    Path currentDir() {
        return src.currentDir();
    }

    Includes includes() {
        return src.includes;
    }

    private Token scan(Mode mode) {
        while (true) {
            skipTrivia();
            Frame f = src.top();
            if (f == null) {
                return new Token(Token.Kind.EOF, "", 0, null, src.endLoc());
            }
            Token t = switch (mode) {
                case NODE -> node(f);
                case VALUE, CELLS -> value(f, mode);
                case EXPR -> expr(f);
                case BYTES -> bytes(f);
            };
            if (t != null) {
                return t;
            }
        }
    }

    // ---- trivia

    private void skipTrivia() {
        while (true) {
            Frame f = src.top();
            if (f == null) {
                return;
            }
            if (f.atEnd()) {
                src.pop();
                continue;
            }
            int c = f.peek();
            if (f.isFile() && !f.active()) {
                skipInactive(f, c);
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
                f.advance();
            } else if (c == '/' && f.peek(1) == '*') {
                SourceLoc at = f.loc();
                int end = f.text.indexOf("*/", f.pos + 2);
                if (end < 0) {
                    throw at.error("unterminated comment: expected '*/'");
                }
                boolean lineStart = f.lineStart;
                while (f.pos < end + 2) {
                    f.advance();
                }
                f.lineStart = lineStart && f.lineStart;
            } else if (c == '/' && f.peek(1) == '/') {
                while (!f.atEnd() && f.peek() != '\n') {
                    f.advance();
                }
            } else if (c == '#' && f.isFile() && f.lineStart && pre.tryDirective(f)) {
                continue;
            } else if (f.startsWith("/include/")) {
                include(f);
            } else {
                return;
            }
        }
    }

    private void skipInactive(Frame f, int c) {
        if (c == ' ' || c == '\t') {
            f.advance();
        } else if (c == '#' && f.lineStart && pre.tryDirective(f)) {
            return;
        } else {
            while (!f.atEnd() && f.advance() != '\n') {
                // skip the line
            }
        }
    }

    private void include(Frame f) {
        SourceLoc at = f.loc();
        for (int i = 0; i < "/include/".length(); i++) {
            f.advance();
        }
        while (f.peek() == ' ' || f.peek() == '\t' || f.peek() == '\n' || f.peek() == '\r') {
            f.advance();
        }
        if (f.peek() != '"') {
            throw f.loc().error("expected a quoted file name after /include/");
        }
        String name = Literals.rawString(f);
        Path file = src.includes.find(name, src.currentDir(), true, at);
        String text = Includes.read(file, src.budget(), at);
        src.pushFile(text, file.toString(), file.toAbsolutePath().getParent(), at);
    }

    // ---- tokens per mode

    private Token node(Frame f) {
        SourceLoc loc = f.loc();
        int c = f.peek();
        if (c == '{' || c == '}' || c == ';' || c == '=') {
            f.advance();
            return Literals.punct(String.valueOf((char) c), loc);
        }
        if (c == '&') {
            return Literals.ref(f, loc);
        }
        if (c == '/') {
            return slash(f, loc, true);
        }
        if (c == '\\' && Names.isNameChar(f.peek(1))) {
            f.advance(); // dtc's escape for names that would read as something else
            return new Token(Token.Kind.NAME, Literals.run(f, true), 0, null, loc);
        }
        if (Names.isNameChar(c)) {
            String w = Literals.run(f, true);
            if (Literals.isIdent(w) && f.peek() == ':') {
                f.advance();
                return new Token(Token.Kind.LABEL, w, 0, null, loc);
            }
            if (expand(w, loc) || expandParts(w, loc)) {
                return null;
            }
            return new Token(Token.Kind.NAME, w, 0, null, loc);
        }
        f.advance();
        return Literals.punct(String.valueOf((char) c), loc);
    }

    private Token value(Frame f, Mode mode) {
        SourceLoc loc = f.loc();
        int c = f.peek();
        if (mode == Mode.VALUE && c == '"') {
            return new Token(Token.Kind.STRING, "", 0, Escapes.decode(Literals.rawString(f), loc), loc);
        }
        if (c == '&') {
            return Literals.ref(f, loc);
        }
        if (c == '/' && mode == Mode.VALUE) {
            return slash(f, loc, false);
        }
        if (mode == Mode.CELLS && (c == '\'' || (c >= '0' && c <= '9'))) {
            return Literals.number(f, loc);
        }
        if (Names.isIdentStart(c)) {
            String w = Literals.run(f, false);
            if (f.peek() == ':') {
                f.advance();
                return new Token(Token.Kind.LABEL, w, 0, null, loc);
            }
            return expand(w, loc) ? null : ident(w, loc);
        }
        f.advance();
        return Literals.punct(String.valueOf((char) c), loc);
    }

    private Token expr(Frame f) {
        SourceLoc loc = f.loc();
        int c = f.peek();
        if (c == '\'' || (c >= '0' && c <= '9')) {
            return Literals.number(f, loc);
        }
        if (c == '"') {
            return new Token(Token.Kind.STRING, "", 0, Escapes.decode(Literals.rawString(f), loc), loc);
        }
        if (Names.isIdentStart(c)) {
            String w = Literals.run(f, false);
            return expand(w, loc) ? null : ident(w, loc);
        }
        for (String op : OPERATORS) {
            if (f.startsWith(op)) {
                f.advance();
                f.advance();
                return Literals.punct(op, loc);
            }
        }
        f.advance();
        return Literals.punct(String.valueOf((char) c), loc);
    }

    private Token bytes(Frame f) {
        SourceLoc loc = f.loc();
        int c = f.peek();
        if (Names.isIdentStart(c)) {
            int i = 0;
            while (Names.isIdentChar(f.peek(i))) {
                i++;
            }
            if (f.peek(i) == ':') {
                String w = Literals.run(f, false);
                f.advance();
                return new Token(Token.Kind.LABEL, w, 0, null, loc);
            }
        }
        if (Character.digit(c, 16) >= 0 && c < 0x80) {
            int d = f.peek(1);
            if (d < 0 || Character.digit(d, 16) < 0 || d >= 0x80) {
                throw loc.error("expected two hex digits for each byte in [ ]");
            }
            f.advance();
            f.advance();
            int v = Character.digit(c, 16) * 16 + Character.digit(d, 16);
            return new Token(Token.Kind.BYTE, String.format("%02x", v), v, null, loc);
        }
        f.advance();
        return Literals.punct(String.valueOf((char) c), loc);
    }

    // ---- pieces

    private boolean expand(String word, SourceLoc loc) {
        if (Literals.isIdent(word) && src.macros.containsKey(word) && !src.expanding(word)) {
            src.pushExpansion(src.macros.get(word), Set.of(word), loc);
            return true;
        }
        return false;
    }

    /**
     * Expands macros inside a name as the C preprocessor would, e.g. {@code uart@UART_BASE}:
     * identifiers between the separators {@code @ , . + * # ? -} (a part starting with a digit
     * is a number, as in {@code cpu@0}).
     */
    private boolean expandParts(String name, SourceLoc loc) {
        if (src.macros.isEmpty()) {
            return false;
        }
        StringBuilder out = new StringBuilder();
        Set<String> used = new java.util.HashSet<>();
        int i = 0;
        while (i < name.length()) {
            int j = i;
            while (j < name.length() && Names.isIdentChar(name.charAt(j))) {
                j++;
            }
            String part = name.substring(i, j);
            if (Literals.isIdent(part) && src.macros.containsKey(part) && !src.expanding(part)) {
                out.append(src.macros.get(part));
                used.add(part);
            } else {
                out.append(part);
            }
            if (j < name.length()) {
                out.append(name.charAt(j));
            }
            i = j + 1;
        }
        if (used.isEmpty()) {
            return false;
        }
        src.pushExpansion(out.toString(), used, loc);
        return true;
    }

    private Token ident(String w, SourceLoc loc) {
        if (undefinedIsZero) {
            return new Token(Token.Kind.INT, w, 0, null, loc);
        }
        return new Token(Token.Kind.IDENT, w, 0, null, loc);
    }

    private Token slash(Frame f, SourceLoc loc, boolean nodeMode) {
        int i = 1;
        while ((f.peek(i) >= 'a' && f.peek(i) <= 'z') || (f.peek(i) >= '0' && f.peek(i) <= '9')
                || f.peek(i) == '-') {
            i++;
        }
        if (i > 1 && f.peek(i) == '/') {
            String kw = f.text.substring(f.pos, f.pos + i + 1);
            if (KEYWORDS.contains(kw)) {
                for (int k = 0; k <= i; k++) {
                    f.advance();
                }
                return new Token(Token.Kind.KEYWORD, kw, 0, null, loc);
            }
            if (nodeMode) {
                throw loc.error("unknown keyword '" + kw + "'");
            }
        }
        f.advance();
        return Literals.punct("/", loc);
    }

    /** Converts text given as a Java string into the byte-per-char form the lexer reads. */
    static String asSourceBytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
