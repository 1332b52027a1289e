package hv.dt.internal;

/**
 * Caps that keep hostile input from hanging the reader or exhausting memory. Every reader
 * checks them and throws a DtException that names the limit.
 */
public final class Limits {
    /** Largest DTB read or written. Linux itself caps a DTB at 2 MiB. */
    public static final int MAX_BLOB_SIZE = 16 << 20;
    /** Most nodes plus properties in one tree read from DTB or DTS. */
    public static final int MAX_ITEMS = 1 << 19;
    /** Deepest node nesting below the root. */
    public static final int MAX_DEPTH = 64;
    /** Longest node, property or label name. */
    public static final int MAX_NAME_LENGTH = 1024;
    /** Largest single property value from DTS. */
    public static final int MAX_VALUE_SIZE = MAX_BLOB_SIZE;
    /** Most source bytes read (all files and macro expansions together) for one DTS. */
    public static final long MAX_SOURCE_BYTES = 16L << 20;
    /** What one macro expansion costs of the source budget at least (bounds expansion churn). */
    public static final int MACRO_EXPANSION_COST = 64;
    /** Deepest include nesting. */
    public static final int MAX_INCLUDE_DEPTH = 32;
    /** Deepest macro expansion nesting. */
    public static final int MAX_MACRO_DEPTH = 64;
    /** Deepest nesting of parentheses and operators in an integer expression. */
    public static final int MAX_EXPR_DEPTH = 256;

    private Limits() {
    }
}
