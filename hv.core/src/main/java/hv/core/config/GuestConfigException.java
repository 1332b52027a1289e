package hv.core.config;

/**
 * A guest (or host) configuration is wrong. The message names the DT node path, the property and
 * what is wrong, for example {@code /aspace/uart0: physical_size: must be > 0}.
 */
public final class GuestConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String property;

    /**
     * @param path DT node path ({@code /aspace/mem0}), or null
     * @param property property name, or null when the node as a whole is wrong
     * @param problem what is wrong, in words
     */
    public GuestConfigException(String path, String property, String problem) {
        super(format(path, property, problem));
        this.path = path;
        this.property = property;
    }

    public GuestConfigException(String path, String property, String problem, Throwable cause) {
        super(format(path, property, problem), cause);
        this.path = path;
        this.property = property;
    }

    private static String format(String path, String property, String problem) {
        StringBuilder b = new StringBuilder();
        if (path != null) {
            b.append(path).append(": ");
        }
        if (property != null) {
            b.append(property).append(": ");
        }
        return b.append(problem).toString();
    }

    /** The DT node path, or null. */
    public String path() {
        return path;
    }

    /** The property, or null. */
    public String property() {
        return property;
    }
}
