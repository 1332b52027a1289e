package hv.core.config;

/**
 * A guest (or host) configuration is wrong. The message names the file (when known), the DT node
 * path, the property and what is wrong, for example
 * {@code guests/virt64.dts: /aspace/uart0: physical_size: must be > 0}.
 */
public final class GuestConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String path;
    private final String property;
    private final String problem;

    /**
     * @param path DT node path ({@code /aspace/mem0}), or null
     * @param property property name, or null when the node as a whole is wrong
     * @param problem what is wrong, in words
     */
    public GuestConfigException(String path, String property, String problem) {
        this(null, path, property, problem, null);
    }

    public GuestConfigException(String path, String property, String problem, Throwable cause) {
        this(null, path, property, problem, cause);
    }

    private GuestConfigException(String file, String path, String property, String problem, Throwable cause) {
        super(format(file, path, property, problem), cause);
        this.file = file;
        this.path = path;
        this.property = property;
        this.problem = problem;
    }

    private static String format(String file, String path, String property, String problem) {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file).append(": ");
        }
        if (path != null) {
            b.append(path).append(": ");
        }
        if (property != null) {
            b.append(property).append(": ");
        }
        return b.append(problem).toString();
    }

    /** The same error, naming the file it came from (unless it names one already). */
    public GuestConfigException inFile(String fileName) {
        if (file != null || fileName == null) {
            return this;
        }
        GuestConfigException e = new GuestConfigException(fileName, path, property, problem, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The configuration file, or null. */
    public String file() {
        return file;
    }

    /** The DT node path, or null. */
    public String path() {
        return path;
    }

    /** The property, or null. */
    public String property() {
        return property;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
