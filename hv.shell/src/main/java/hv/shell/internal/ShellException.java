package hv.shell.internal;

/**
 * A command was used wrongly or could not do what was asked. The message is one line that says what
 * was wrong and what is expected.
 *
 * <p>It is an {@link IllegalArgumentException} so that the script console prints the message alone,
 * and its {@link #toString()} is the message so that the interactive Gogo shell (which prints
 * {@code exception.toString()}) shows no class name. It carries no stack trace: the user's mistake
 * is not a program error.
 */
final class ShellException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    ShellException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
