package hv.shell.internal;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.config.GuestConfigException;
import hv.core.mem.GuestMemoryException;
import hv.core.state.StateException;
import hv.dt.DtException;

/**
 * The sub-commands of one hv command, Xvisor style ({@code hv:guest pause g0}): their parameters,
 * help, argument-count checks, the usage text, and the one place where failures become one-line
 * {@link ShellException}s.
 *
 * <p>Parameters are written as in a usage line: {@code GUEST GPA LENGTH}, {@code FILE [NAME]},
 * {@code GUEST [PATH [PROPERTY]]}; a trailing {@code ...} takes any number more.
 */
final class SubCommands {

    private static final Logger LOG = LoggerFactory.getLogger(SubCommands.class);

    /** The body of a sub-command. */
    @FunctionalInterface
    interface Action {
        Object run(Args args) throws Exception;
    }

    /** The arguments after the sub-command's name. */
    static final class Args {
        private final Sub sub;
        private final String[] values;
        private final CommandSession session;

        Args(Sub sub, String[] values, CommandSession session) {
            this.sub = sub;
            this.values = values;
            this.session = session;
        }

        /** The Gogo session running the command, or null (unit tests). */
        CommandSession session() {
            return session;
        }

        int size() {
            return values.length;
        }

        /** Argument {@code i}, which the parameter list made required. */
        String get(int i) {
            return values[i];
        }

        /** Argument {@code i}, or null when the user left it out. */
        String opt(int i) {
            return i < values.length ? values[i] : null;
        }

        /** Arguments {@code from..end}. */
        List<String> rest(int from) {
            return from >= values.length ? List.of() : List.of(values).subList(from, values.length);
        }

        /** {@code usage: hv:guest pause GUEST}. */
        String usage() {
            return sub.usage();
        }
    }

    private record Sub(String command, String name, String params, String help, int min, int max, Action action) {

        String usage() {
            return "usage: " + command + " " + name + (params.isEmpty() ? "" : " " + params);
        }
    }

    private final String command;
    private final String summary;
    private final Map<String, Sub> subs = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param command {@code hv:guest}
     * @param summary one line saying what the command manages
     */
    SubCommands(String command, String summary) {
        this.command = command;
        this.summary = summary;
    }

    /** Declares a sub-command; its required arguments are those of {@code params} not in brackets. */
    SubCommands add(String name, String params, String help, Action action) {
        return add(name, params, -1, help, action);
    }

    /**
     * Declares a sub-command that takes fewer arguments than its usage shows: {@code min} (the action
     * checks the rest, as for {@code GUEST VCPU} also written {@code GUEST/VCPU}).
     */
    SubCommands add(String name, String params, int minArgs, String help, Action action) {
        String[] tokens = params.isBlank() ? new String[0] : params.strip().split("\\s+");
        int min = 0;
        int max = 0;
        for (String t : tokens) {
            if (t.replace("]", "").endsWith("...")) {
                max = Integer.MAX_VALUE;
            } else if (max != Integer.MAX_VALUE) {
                max++;
            }
            if (!t.startsWith("[")) {
                min++;
            }
        }
        subs.put(name, new Sub(command, name, params.strip(), help, minArgs >= 0 ? minArgs : min, max, action));
        return this;
    }

    /** Adds a line printed after the sub-command list in the usage text. */
    SubCommands note(String line) {
        notes.add(line);
        return this;
    }

    /** The sub-command names in declaration order. */
    List<String> names() {
        return List.copyOf(subs.keySet());
    }

    /** The usage text: every sub-command with its parameters and help. */
    String usage() {
        List<String> left = new ArrayList<>();
        int width = 0;
        for (Sub s : subs.values()) {
            String l = s.name() + (s.params().isEmpty() ? "" : " " + s.params());
            left.add(l);
            width = Math.max(width, l.length());
        }
        StringBuilder b = new StringBuilder();
        b.append(command).append(": ").append(summary).append('\n');
        b.append("usage: ").append(command).append(" SUB-COMMAND [ARGUMENTS]\n");
        int i = 0;
        for (Sub s : subs.values()) {
            String l = left.get(i++);
            b.append("  ").append(l).append(" ".repeat(width - l.length() + 2)).append(s.help()).append('\n');
        }
        for (String n : notes) {
            b.append(n).append('\n');
        }
        return b.substring(0, b.length() - 1);
    }

    /**
     * Runs {@code argv[0]} with the other arguments. No argument or {@code help} gives the usage
     * text. Every failure leaves as a {@link ShellException} with a one-line message.
     */
    Object run(String[] argv) {
        return run(null, argv);
    }

    /** Like {@link #run(String[])}, in a Gogo session that sub-commands may use. */
    Object run(CommandSession session, String[] argv) {
        if (argv == null || argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")
                || argv[0].equals("-h")) {
            return usage();
        }
        Sub s = subs.get(argv[0]);
        if (s == null) {
            throw new ShellException("unknown sub-command '" + argv[0] + "': expected one of "
                    + String.join(", ", subs.keySet()) + " (see " + command + " help)");
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        if (rest.length < s.min()) {
            String[] tokens = s.params().split("\\s+");
            throw new ShellException("missing " + tokens[rest.length].replace("[", "").replace("]", "") + ": "
                    + s.usage());
        }
        if (rest.length > s.max()) {
            throw new ShellException("too many arguments (" + rest.length + "): " + s.usage());
        }
        try {
            return s.action().run(new Args(s, rest, session));
        } catch (ShellException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                | UncheckedIOException | GuestConfigException | DtException | GuestMemoryException | StateException e) {
            // The core's refusals (wrong state, bad configuration, memory outside RAM) say what is wrong.
            throw new ShellException(oneLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShellException("interrupted");
        } catch (Exception e) {
            String what = command + " " + String.join(" ", argv);
            LOG.error("{} failed", what, e);
            throw new ShellException(e.getClass().getSimpleName() + " in " + what + ": " + oneLine(e)
                    + " (details in the log)");
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = m.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
