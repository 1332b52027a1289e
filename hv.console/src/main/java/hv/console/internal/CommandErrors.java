package hv.console.internal;

/** One-line descriptions of command failures, for users (never a stack trace). */
final class CommandErrors {

    private CommandErrors() {
    }

    static String describe(Throwable e) {
        return describe(null, e);
    }

    /** Describes {@code e}, thrown by the command line {@code cmd} (may be null). */
    static String describe(String cmd, Throwable e) {
        // Reflection wraps what the command threw; report the command's own failure.
        while ((e instanceof java.lang.reflect.InvocationTargetException || e instanceof java.lang.reflect.UndeclaredThrowableException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        String name = e.getClass().getSimpleName();
        if (name.equals("CommandNotFoundException")) {
            return "unknown command (type 'help' for the list of commands)";
        }
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            return name;
        }
        if (msg.startsWith("Cannot coerce")) {
            String fn = cmd == null ? "the command" : cmd.split("\\s+")[0];
            return "wrong arguments for " + fn + " (see 'help " + fn + "')";
        }
        if (e instanceof IllegalArgumentException) {
            return msg;
        }
        return msg.startsWith(name) ? msg : msg + " (" + name + ")";
    }
}
