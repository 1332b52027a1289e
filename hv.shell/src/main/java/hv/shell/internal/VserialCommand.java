package hv.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import hv.core.guest.Guest;
import hv.core.guest.GuestConsole;
import hv.core.guest.GuestManager;
import hv.core.guest.GuestState;

/**
 * {@code hv:vserial}: Xvisor's {@code vserial} command. Guest consoles are listed, dumped, bound to
 * the shell's terminal ({@code Ctrl-] q} or {@code ESC x q} returns), and served on TCP ports of
 * 127.0.0.1.
 *
 * <p>Immediate: the component keeps the servers between commands (a delayed component would be
 * disposed, its ports closed, as soon as Gogo releases it after each command).
 */
@Component(immediate = true, service = VserialCommand.class, property = {
        "osgi.command.scope=hv",
        "osgi.command.function=vserial" })
public final class VserialCommand {

    /** How long {@code bind} waits for a key before it looks for guest output again. */
    static final long BIND_POLL_MILLIS = 10;

    private final GuestManager manager;
    private final SubCommands subs;
    /** Served consoles by console name. */
    private final Map<String, ConsoleServer> servers = new ConcurrentHashMap<>();
    /** Bound consoles by console name: how many sessions are bound to each. */
    private final Map<String, Integer> bound = new ConcurrentHashMap<>();

    @Activate
    public VserialCommand(@Reference GuestManager manager) {
        this.manager = manager;
        this.subs = new SubCommands("hv:vserial", "guest consoles (serial ports): list, bind, dump, serve on TCP")
                .add("list", "", "list every guest console with its output count, bindings and ports", a -> list())
                .add("bind", "GUEST[/CONSOLE]", "attach this terminal to a guest console until Ctrl-] q or ESC x q",
                        a -> bind(a.session(), a.get(0)))
                .add("dump", "GUEST[/CONSOLE] [BYTES]", "print the console's recent output as text (default: all kept,"
                        + " up to 64 KiB)", a -> dump(a.get(0), a.opt(1)))
                .add("serve", "GUEST[/CONSOLE] PORT", "serve the console on TCP 127.0.0.1:PORT (raw bytes; several"
                        + " clients; PORT 0 picks a free port)", a -> serve(a.get(0), a.get(1)))
                .add("unserve", "GUEST[/CONSOLE]|PORT", "stop serving a console and close its clients",
                        a -> unserve(a.get(0)))
                .note("CONSOLE defaults to the guest's first device console (a UART), else its firmware console sbi.")
                .note("While bound, every key goes to the guest; Ctrl-] q (or ESC x q, within a second) returns to"
                        + " the shell; Ctrl-] Ctrl-] sends one Ctrl-].");
    }

    @Descriptor("guest consoles: list | bind GUEST[/CONSOLE] | dump GUEST[/CONSOLE] [BYTES]"
            + " | serve GUEST[/CONSOLE] PORT | unserve GUEST[/CONSOLE]|PORT (hv:vserial help explains each;"
            + " Ctrl-] q or ESC x q leaves bind)")
    public Object vserial(CommandSession session,
            @Descriptor("a sub-command (list, bind, dump, serve, unserve, help) and its arguments") String... args) {
        return subs.run(session, args);
    }

    SubCommands subCommands() {
        return subs;
    }

    @Deactivate
    void deactivate() {
        for (ConsoleServer s : servers.values()) {
            s.close();
        }
        servers.clear();
    }

    String list() {
        prune();
        Table t = new Table("vserial", "guest", "state", "output", "bound", "served");
        for (Guest g : manager.list()) {
            for (GuestConsole c : g.consoles()) {
                ConsoleServer s = servers.get(c.name());
                t.row(c.name(), g.name(), g.state(), Units.bytes(c.outputCount()), bound.getOrDefault(c.name(), 0),
                        s == null ? "-" : "127.0.0.1:" + s.port() + " (" + s.clients() + " client"
                                + (s.clients() == 1 ? "" : "s") + ")");
            }
        }
        return t.toString();
    }

    String dump(String spec, String bytesText) {
        Targets.ConsoleRef ref = Targets.console(manager, spec);
        GuestConsole c = ref.console();
        long count = c.outputCount();
        long limit = bytesText == null ? Long.MAX_VALUE : Units.size(bytesText, "BYTES");
        byte[] out = c.output(Math.max(0, count - limit));
        String text = printable(new String(out, StandardCharsets.UTF_8));
        return text.isEmpty() ? "(" + c.name() + " has written nothing yet)" : text;
    }

    /**
     * Console output as plain text: line ends as {@code \n}, ANSI escape sequences (colours, cursor
     * moves) removed, other control characters shown as {@code ^X}; no trailing line end.
     */
    static String printable(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char ch = raw.charAt(i);
            if (ch == 0x1b) {
                if (i + 1 < n && raw.charAt(i + 1) == '[') {
                    int j = i + 2;
                    while (j < n && (raw.charAt(j) < 0x40 || raw.charAt(j) > 0x7e)) {
                        j++;
                    }
                    i = j;
                } else {
                    i++;
                }
                continue;
            }
            if (ch == '\r') {
                continue;
            }
            if (ch == '\n' || ch == '\t' || ch >= 0x20 && ch != 0x7f) {
                b.append(ch);
            } else {
                b.append('^').append((char) (ch == 0x7f ? '?' : ch + 0x40));
            }
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == '\n') {
            end--;
        }
        return b.substring(0, end);
    }

    // ---- bind

    String bind(CommandSession session, String spec) throws IOException, InterruptedException {
        if (session == null) {
            throw new ShellException("bind needs a shell session with a terminal");
        }
        Targets.ConsoleRef ref = Targets.console(manager, spec);
        GuestConsole c = ref.console();
        Guest g = ref.guest();
        PrintStream out = session.getConsole();
        InputStream keyboard = session.getKeyboard();
        String why;
        bound.merge(c.name(), 1, Integer::sum);
        try (RawMode raw = RawMode.enter(session.get(".terminal"));
             KeySource keys = KeySource.of(keyboard, c.name())) {
            out.print("[bound to " + c.name() + ": Ctrl-] q or ESC x q returns to the shell]\r\n");
            out.flush();
            why = pump(g, c, keys, out);
            out.print("\r\n");
            out.flush();
        } finally {
            bound.computeIfPresent(c.name(), (k, v) -> v <= 1 ? null : v - 1);
        }
        return "[unbound from " + c.name() + (why == null ? "" : ": " + why) + "]";
    }

    /** Moves keys to the guest and output to the terminal until an escape; returns why else it ended. */
    static String pump(Guest g, GuestConsole c, KeySource keys, PrintStream out)
            throws IOException, InterruptedException {
        OutputFollower follower = new OutputFollower(c);
        EscapeDetector escape = new EscapeDetector();
        try {
            while (true) {
                copy(follower, out);
                if (g.state() == GuestState.DESTROYED) {
                    return "the guest was destroyed";
                }
                if (Thread.currentThread().isInterrupted()) {
                    return "interrupted";
                }
                int k = keys.read(BIND_POLL_MILLIS);
                long now = System.nanoTime();
                if (k == KeySource.EOF) {
                    send(c, escape.drain());
                    return "end of input";
                }
                if (k == KeySource.TIMEOUT) {
                    send(c, escape.expire(now));
                    continue;
                }
                send(c, escape.feed(k, now));
                if (escape.quit()) {
                    return null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            copy(follower, out);
        }
    }

    private static void copy(OutputFollower follower, PrintStream out) {
        byte[] b = follower.next();
        if (b.length > 0) {
            out.write(b, 0, b.length);
            out.flush();
        }
    }

    private static void send(GuestConsole c, byte[] bytes) {
        if (bytes.length > 0) {
            c.input(bytes);
        }
    }

    // ---- serve

    String serve(String spec, String portText) throws IOException {
        int port = port(portText);
        Targets.ConsoleRef ref = Targets.console(manager, spec);
        GuestConsole c = ref.console();
        Guest g = ref.guest();
        prune();
        ConsoleServer old = servers.get(c.name());
        if (old != null) {
            throw new ShellException(c.name() + " is served on port " + old.port() + " already (hv:vserial unserve "
                    + c.name() + " first)");
        }
        ConsoleServer s;
        try {
            s = new ConsoleServer(c, port, () -> alive(g));
        } catch (IOException e) {
            throw new ShellException("cannot serve " + c.name() + " on 127.0.0.1:" + port + ": " + e.getMessage());
        }
        if (servers.putIfAbsent(c.name(), s) != null) {
            s.close();
            throw new ShellException(c.name() + " is served already");
        }
        return "serving " + c.name() + " on 127.0.0.1:" + s.port() + " (connect with: nc 127.0.0.1 " + s.port() + ")";
    }

    /** True while the guest exists (a destroyed guest stays DESTROYED, and leaves the manager). */
    private boolean alive(Guest g) {
        try {
            return g.state() != GuestState.DESTROYED && manager.find(g.name()).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static int port(String text) {
        try {
            int p = Integer.parseInt(text.strip());
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ShellException("PORT '" + text + "' is not a TCP port: expected 1..65535, or 0 for any free port");
    }

    String unserve(String spec) {
        prune();
        List<ConsoleServer> match = new ArrayList<>();
        if (spec.chars().allMatch(Character::isDigit) && !spec.isEmpty()) {
            int port = port(spec);
            servers.values().stream().filter(s -> s.port() == port).forEach(match::add);
        } else {
            ConsoleServer s = servers.get(spec);
            if (s == null && spec.indexOf('/') < 0) {
                // GUEST alone: its default console, or any served console of that guest
                servers.values().stream().filter(x -> x.console().name().startsWith(spec + "/")).forEach(match::add);
            } else if (s != null) {
                match.add(s);
            }
        }
        if (match.isEmpty()) {
            List<String> served = servers.values().stream().map(s -> s.console().name() + " on " + s.port()).toList();
            throw new ShellException("'" + spec + "' is not served: " + (served.isEmpty() ? "no console is served"
                    : "served are " + String.join(", ", served)));
        }
        List<String> done = new ArrayList<>();
        for (ConsoleServer s : match) {
            servers.remove(s.console().name(), s);
            s.close();
            done.add(s.console().name() + " (port " + s.port() + ")");
        }
        return "stopped serving " + String.join(", ", done);
    }

    /** Forgets servers that closed themselves (their guest is gone). */
    private void prune() {
        servers.values().removeIf(ConsoleServer::closed);
    }

    /** For tests: the port a console is served on, or -1. */
    int servedPort(String consoleName) {
        ConsoleServer s = servers.get(consoleName);
        return s == null || s.closed() ? -1 : s.port();
    }
}
