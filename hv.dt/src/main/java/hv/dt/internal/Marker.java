package hv.dt.internal;

/**
 * An annotation on a property value, as dtc keeps them: where a typed chunk starts (so the
 * DTS writer can print {@code <..>}, {@code [..]} or strings the way the source had them),
 * where a reference was, or where a label inside a value sits.
 *
 * @param kind   what is marked
 * @param offset the byte offset in the value
 * @param ref    the label or path of a reference, the name of a label, else null
 * @param loc    where it came from in DTS source, or null
 */
public record Marker(Kind kind, int offset, String ref, SourceLoc loc) {

    /** Marker kinds; the first five start a typed chunk. */
    public enum Kind {
        U8, U16, U32, U64, STRING, REF_PHANDLE, REF_PATH, LABEL;

        /** True for kinds that start a typed chunk. */
        public boolean isType() {
            return ordinal() <= STRING.ordinal();
        }
    }

    /** A type marker at an offset. */
    public static Marker type(Kind kind, int offset) {
        return new Marker(kind, offset, null, null);
    }

    /** The same marker moved by {@code delta} bytes. */
    public Marker shifted(int delta) {
        return new Marker(kind, offset + delta, ref, loc);
    }
}
