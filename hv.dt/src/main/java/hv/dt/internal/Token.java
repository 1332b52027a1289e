package hv.dt.internal;

/**
 * A DTS token.
 *
 * @param kind  what it is
 * @param text  the name, label, reference, punctuation or keyword text
 * @param value the number of an INT or BYTE token
 * @param bytes the decoded bytes of a STRING token (without the final NUL)
 * @param loc   where it starts
 */
record Token(Kind kind, String text, long value, byte[] bytes, SourceLoc loc) {

    enum Kind {
        EOF, NAME, LABEL, INT, STRING, REF, BYTE, PUNCT, KEYWORD, IDENT
    }

    boolean is(String punctOrKeyword) {
        return (kind == Kind.PUNCT || kind == Kind.KEYWORD) && text.equals(punctOrKeyword);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case NAME -> "name '" + text + "'";
            case LABEL -> "label '" + text + ":'";
            case INT -> "number " + text;
            case STRING -> "a string";
            case REF -> "reference '&" + (text.startsWith("/") ? "{" + text + "}" : text) + "'";
            case BYTE -> "byte " + text;
            case PUNCT, KEYWORD -> "'" + text + "'";
            case IDENT -> "identifier '" + text + "' (not a #define)";
        };
    }
}
