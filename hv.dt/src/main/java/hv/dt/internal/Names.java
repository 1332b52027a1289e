package hv.dt.internal;

import hv.dt.DtException;

/** Checks of node, property and label names (the characters dtc's lexer accepts). */
public final class Names {
    private Names() {
    }

    /** True for a character allowed in node and property names. */
    public static boolean isNameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == ',' || c == '.' || c == '_' || c == '+' || c == '*' || c == '#'
                || c == '?' || c == '@' || c == '-';
    }

    /** True for a character that may start a label or C identifier. */
    public static boolean isIdentStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** True for a character that may continue a label or C identifier. */
    public static boolean isIdentChar(int c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    /** Why a node or property name is invalid, or null when it is fine. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "name is empty";
        }
        if (name.length() > Limits.MAX_NAME_LENGTH) {
            return "name longer than " + Limits.MAX_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameChar(c)) {
                return "character " + describe(c) + " not allowed in a name";
            }
        }
        return null;
    }

    /** Throws unless {@code name} is a valid node name (for a child of {@code parentPath}). */
    public static void checkNode(String parentPath, String name) {
        String p = problem(name);
        if (p != null) {
            throw DtException.node(parentPath, "bad child node name '" + name + "': " + p);
        }
    }

    /** Throws unless {@code name} is a valid property name. */
    public static void checkProperty(String nodePath, String name) {
        String p = problem(name);
        if (p != null) {
            throw DtException.property(nodePath, name, "bad property name: " + p);
        }
    }

    /** Throws unless {@code label} is a valid label. */
    public static void checkLabel(String nodePath, String label) {
        boolean ok = label != null && !label.isEmpty() && label.length() <= Limits.MAX_NAME_LENGTH
                && isIdentStart(label.charAt(0));
        for (int i = 1; ok && i < label.length(); i++) {
            ok = isIdentChar(label.charAt(i));
        }
        if (!ok) {
            throw DtException.node(nodePath, "bad label '" + label
                    + "': a label is a letter or '_' followed by letters, digits or '_'");
        }
    }

    /** A character for an error message. */
    public static String describe(int c) {
        if (c >= 0x20 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        return String.format("0x%02x", c);
    }
}
