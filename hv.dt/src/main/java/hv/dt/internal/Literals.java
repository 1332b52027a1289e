package hv.dt.internal;

/**
 * Scanners for the DTS literals the lexer meets in several modes: references
 * ({@code &label}, {@code &{/path}}), integer and character literals (as dtc reads them:
 * decimal, {@code 0x} hex, leading-0 octal, {@code U}/{@code L} suffixes), quoted strings
 * and names. Each reads from the frame under the cursor and reports errors at {@code loc}.
 */
final class Literals {
    private Literals() {
    }

    static Token ref(Frame f, SourceLoc loc) {
        f.advance();
        if (f.peek() == '{') {
            f.advance();
            StringBuilder sb = new StringBuilder();
            while (Names.isNameChar(f.peek()) || f.peek() == '/') {
                sb.append((char) f.advance());
            }
            if (f.peek() != '}') {
                throw f.loc().error("expected '}' to end the path reference &{" + sb + "...");
            }
            f.advance();
            if (sb.isEmpty() || sb.charAt(0) != '/') {
                throw loc.error("expected an absolute path in &{...}, found '" + sb + "'");
            }
            return new Token(Token.Kind.REF, sb.toString(), 0, null, loc);
        }
        if (!Names.isIdentStart(f.peek())) {
            throw loc.error("expected a label or {/path} after '&'");
        }
        return new Token(Token.Kind.REF, run(f, false), 0, null, loc);
    }

    static Token number(Frame f, SourceLoc loc) {
        if (f.peek() == '\'') {
            f.advance();
            StringBuilder raw = new StringBuilder();
            while (f.peek() != '\'') {
                if (f.atEnd() || f.peek() == '\n') {
                    throw loc.error("unterminated character literal: expected a closing '");
                }
                int c = f.advance();
                raw.append((char) c);
                if (c == '\\' && !f.atEnd() && f.peek() != '\n') {
                    raw.append((char) f.advance());
                }
            }
            f.advance();
            byte[] b = Escapes.decode(raw.toString(), loc);
            if (b.length != 1) {
                throw loc.error(b.length == 0 ? "empty character literal"
                        : "character literal has " + b.length + " characters instead of 1");
            }
            return new Token(Token.Kind.INT, "'" + raw + "'", b[0] & 0xff, null, loc);
        }
        int start = f.pos;
        boolean hex = f.peek() == '0' && (f.peek(1) == 'x' || f.peek(1) == 'X')
                && Character.digit(f.peek(2), 16) >= 0 && f.peek(2) < 0x80;
        if (hex) {
            f.advance();
            f.advance();
        }
        int digitsStart = f.pos;
        while (hex ? (Character.digit(f.peek(), 16) >= 0 && f.peek() < 0x80)
                : (f.peek() >= '0' && f.peek() <= '9')) {
            f.advance();
        }
        String digits = f.text.substring(digitsStart, f.pos);
        while (f.peek() == 'U' || f.peek() == 'L') {
            f.advance();
        }
        if (Names.isIdentChar(f.peek())) {
            while (Names.isIdentChar(f.peek())) {
                f.advance();
            }
            throw loc.error("bad integer literal '" + f.text.substring(start, f.pos) + "'");
        }
        String text = f.text.substring(start, f.pos);
        int radix = hex ? 16 : digits.length() > 1 && digits.charAt(0) == '0' ? 8 : 10;
        try {
            return new Token(Token.Kind.INT, text, Long.parseUnsignedLong(digits, radix), null, loc);
        } catch (NumberFormatException e) {
            throw loc.error(radix == 8 && digits.matches(".*[89].*")
                    ? "bad octal literal '" + text + "' (a leading 0 means octal)"
                    : "integer literal '" + text + "' does not fit in 64 bits");
        }
    }

    /** Reads a double-quoted literal under the cursor and returns the text between quotes. */
    static String rawString(Frame f) {
        SourceLoc loc = f.loc();
        f.advance();
        int start = f.pos;
        while (f.peek() != '"') {
            if (f.atEnd()) {
                throw loc.error("unterminated string: expected a closing '\"'");
            }
            if (f.advance() == '\\' && !f.atEnd()) {
                f.advance();
            }
        }
        String raw = f.text.substring(start, f.pos);
        f.advance();
        return raw;
    }

    static String run(Frame f, boolean nameChars) {
        int start = f.pos;
        while (nameChars ? Names.isNameChar(f.peek()) : Names.isIdentChar(f.peek())) {
            f.advance();
        }
        return f.text.substring(start, f.pos);
    }

    static boolean isIdent(String w) {
        if (w.isEmpty() || !Names.isIdentStart(w.charAt(0))) {
            return false;
        }
        for (int i = 1; i < w.length(); i++) {
            if (!Names.isIdentChar(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static Token punct(String s, SourceLoc loc) {
        return new Token(Token.Kind.PUNCT, s, 0, null, loc);
    }
}
