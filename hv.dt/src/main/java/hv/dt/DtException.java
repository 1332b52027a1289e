package hv.dt;

/**
 * A device-tree error: bad DTS source, a malformed DTB, or a configuration that does not
 * hold what its reader expects. Unchecked, so kernel code that reads guest configurations
 * can let it travel up to whoever loads the configuration.
 *
 * <p>The message always says what is wrong and where: {@code file:line:col:} for source
 * errors, {@code file: DTB offset 0x..:} for blob errors, and the node path and property
 * name for tree errors, e.g. {@code /vcpus/vcpu0: property 'priority': expected a u32 (4
 * bytes), found 8 bytes}. The parts are also available one by one.
 */
public final class DtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final long offset;
    private final String nodePath;
    private final String property;
    private final String detail;

    private DtException(String file, int line, int column, long offset, String nodePath,
            String property, String detail, Throwable cause) {
        super(format(file, line, column, offset, nodePath, property, detail), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.nodePath = nodePath;
        this.property = property;
        this.detail = detail;
    }

    /** An error at a position in a source file (line and column count from 1). */
    public static DtException at(String file, int line, int column, String detail) {
        return new DtException(file, line, column, -1, null, null, detail, null);
    }

    /** An error about a node, named by its path. */
    public static DtException node(String nodePath, String detail) {
        return new DtException(null, 0, 0, -1, nodePath, null, detail, null);
    }

    /** An error about one property of a node. */
    public static DtException property(String nodePath, String property, String detail) {
        return new DtException(null, 0, 0, -1, nodePath, property, detail, null);
    }

    /** An error at a byte offset of a flattened device tree (DTB). */
    public static DtException blob(long offset, String detail) {
        return new DtException(null, 0, 0, offset, null, null, detail, null);
    }

    /** An error with no better place to point at. */
    public static DtException of(String detail, Throwable cause) {
        return new DtException(null, 0, 0, -1, null, null, detail, cause);
    }

    /** The same error, located at a source position (keeps path and property). */
    public DtException located(String file, int line, int column) {
        return new DtException(file, line, column, offset, nodePath, property, detail, getCause());
    }

    /** The same error, naming the file it came from when it does not name one yet. */
    public DtException inFile(String file) {
        if (this.file != null) {
            return this;
        }
        return new DtException(file, line, column, offset, nodePath, property, detail, getCause());
    }

    /** The file the error is in, or null. */
    public String file() {
        return file;
    }

    /** The line (from 1), or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The column (from 1), or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The DTB byte offset, or -1 when not a blob error. */
    public long offset() {
        return offset;
    }

    /** The path of the node concerned, or null. */
    public String nodePath() {
        return nodePath;
    }

    /** The name of the property concerned, or null. */
    public String propertyName() {
        return property;
    }

    /** What is wrong, without the location prefix. */
    public String detail() {
        return detail;
    }

    private static String format(String file, int line, int column, long offset,
            String nodePath, String property, String detail) {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file);
            if (line > 0) {
                b.append(':').append(line).append(':').append(column);
            }
            b.append(": ");
        }
        if (offset >= 0) {
            b.append("DTB offset 0x").append(Long.toHexString(offset)).append(": ");
        }
        if (nodePath != null) {
            b.append(nodePath).append(": ");
        }
        if (property != null) {
            b.append("property '").append(property).append("': ");
        }
        return b.append(detail).toString();
    }
}
