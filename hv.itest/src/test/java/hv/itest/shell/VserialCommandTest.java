package hv.itest.shell;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import hv.core.guest.Guest;

/** {@code hv:vserial}: list, dump, bind through the session's keyboard, serve on TCP. */
class VserialCommandTest extends ShellTestBase {

    static final InetAddress LOOPBACK = loopback();

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void listAndDumpShowTheConsolesAndTheirOutput() {
        started("g0", 1);
        String list = shell.run("hv:vserial list");
        assertTrue(list.startsWith("vserial  guest  state    output  bound  served\n"), list);
        assertTrue(list.contains("\ng0/sbi   g0     RUNNING  16 B    0      -"), list);
        assertEquals("hello from g0/0", shell.run("hv:vserial dump g0"));
        assertEquals("hello from g0/0", shell.run("hv:vserial dump g0/sbi"));
        assertEquals("g0/0", shell.run("hv:vserial dump g0 5"));
        assertEquals("guest g0 has no console 'uart9': its consoles are g0/sbi", shell.error("hv:vserial dump g0/uart9"));
    }

    /** Runs {@code hv:vserial bind} in a session whose keyboard the test types on. */
    private final class Terminal implements AutoCloseable {
        final PipedOutputStream keys = new PipedOutputStream();
        final Shell term;
        final CompletableFuture<String> result;

        Terminal(String command) throws IOException {
            term = new Shell(processor, new PipedInputStream(keys));
            result = CompletableFuture.supplyAsync(() -> term.run(command));
            Shell.await("the bind banner", () -> term.output().contains("[bound to "));
        }

        void type(String text) throws IOException {
            type(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        void type(byte[] bytes) throws IOException {
            keys.write(bytes);
            keys.flush();
        }

        String unbound() throws Exception {
            return result.get(10, SECONDS);
        }

        @Override
        public void close() throws IOException {
            keys.close();
            term.close();
        }
    }

    @Test
    void bindSendsKeysToTheGuestShowsItsOutputAndCtrlBracketQReturns() throws Exception {
        Guest g = started("g0", 1);
        try (Terminal t = new Terminal("hv:vserial bind g0")) {
            assertTrue(t.term.output().startsWith("[bound to g0/sbi: Ctrl-] q or ESC x q returns to the shell]"),
                    t.term.output());
            assertTrue(shell.run("hv:vserial list").contains("g0/sbi   g0     RUNNING  16 B    1"));
            t.type("ping\r");
            Shell.await("the echo", () -> t.term.output().contains("ping\r"));
            t.type(new byte[] { 0x1d, 0x1d, 'x', 0x1d, 'q' });
            assertEquals("[unbound from g0/sbi]", t.unbound());
            // the guest echoes its input at its next slice
            Shell.await("Ctrl-] Ctrl-] sends one Ctrl-]", () -> g.console().outputText().endsWith("ping\r\u001dx"));
        }
        assertTrue(shell.run("hv:vserial list").contains("g0/sbi   g0     RUNNING  23 B    0"));
    }

    @Test
    void escXqReturnsTooAndOtherEscapeSequencesReachTheGuest() throws Exception {
        Guest g = started("g0", 1);
        try (Terminal t = new Terminal("hv:vserial bind g0/sbi")) {
            t.type("\u001b[A\u001bxy");
            Shell.await("the arrow key and ESC x y", () -> g.console().outputText().endsWith("\u001b[A\u001bxy"));
            t.type("\u001bxq");
            assertEquals("[unbound from g0/sbi]", t.unbound());
            assertFalse(g.console().outputText().endsWith("q"));
        }
    }

    @Test
    void bindEndsWhenTheInputEndsOrTheGuestIsDestroyed() throws Exception {
        started("g0", 1);
        assertEquals("[unbound from g0/sbi: end of input]", shell.run("hv:vserial bind g0"));
        try (Terminal t = new Terminal("hv:vserial bind g0")) {
            shell.run("hv:guest destroy g0");
            assertEquals("[unbound from g0/sbi: the guest was destroyed]", t.unbound());
        }
    }

    private static int port(String served) {
        Matcher m = Pattern.compile("serving g0/sbi on 127\\.0\\.0\\.1:(\\d+) ").matcher(served);
        assertTrue(m.find(), served);
        return Integer.parseInt(m.group(1));
    }

    private static String readUntil(InputStream in, String expected) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.ISO_8859_1).contains(expected)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            got.write(b);
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void serveGivesTheConsoleToSeveralTcpClientsOnLoopbackAndUnserveClosesThem() throws Exception {
        Guest g = started("g0", 1);
        int port = port(shell.run("hv:vserial serve g0 0"));
        try (Socket a = new Socket(LOOPBACK, port);
             Socket b = new Socket(LOOPBACK, port)) {
            a.setSoTimeout(10_000);
            b.setSoTimeout(10_000);
            Shell.await("two clients", () -> shell.run("hv:vserial list").contains("127.0.0.1:" + port + " (2 clients)"));
            a.getOutputStream().write("from a\r".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readUntil(a.getInputStream(), "from a\r").endsWith("from a\r"));
            assertTrue(readUntil(b.getInputStream(), "from a\r").endsWith("from a\r"));
            assertTrue(g.console().outputText().endsWith("from a\r"));
            assertEquals("g0/sbi is served on port " + port + " already (hv:vserial unserve g0/sbi first)",
                    shell.error("hv:vserial serve g0 0"));

            assertEquals("stopped serving g0/sbi (port " + port + ")", shell.run("hv:vserial unserve g0"));
            assertEquals(-1, a.getInputStream().read());
            assertEquals(-1, b.getInputStream().read());
        }
        assertTrue(shell.run("hv:vserial list").contains("g0/sbi   g0     RUNNING"));
        assertEquals("'g0' is not served: no console is served", shell.error("hv:vserial unserve g0"));
    }

    @Test
    void aServedConsoleClosesWhenItsGuestIsDestroyed() throws Exception {
        started("g0", 1);
        int port = port(shell.run("hv:vserial serve g0/sbi " + 0));
        try (Socket a = new Socket(LOOPBACK, port)) {
            a.setSoTimeout(10_000);
            Shell.await("the client", () -> shell.run("hv:vserial list").contains("(1 client)"));
            shell.run("hv:guest destroy g0");
            assertEquals(-1, a.getInputStream().read());
        }
        Shell.await("the port closed", () -> {
            try (Socket s = new Socket(LOOPBACK, port)) {
                return false;
            } catch (IOException e) {
                return true;
            }
        });
    }

    @Test
    void aBadOrBusyPortGivesOneLine() throws Exception {
        started("g0", 1);
        assertEquals("PORT '99999' is not a TCP port: expected 1..65535, or 0 for any free port",
                shell.error("hv:vserial serve g0 99999"));
        assertEquals("PORT 'telnet' is not a TCP port: expected 1..65535, or 0 for any free port",
                shell.error("hv:vserial serve g0 telnet"));
        try (ServerSocket busy = new ServerSocket(0, 1, LOOPBACK)) {
            String e = shell.error("hv:vserial serve g0 " + busy.getLocalPort());
            assertTrue(e.startsWith("cannot serve g0/sbi on 127.0.0.1:" + busy.getLocalPort() + ": "), e);
            assertFalse(e.contains("\n"), e);
        }
        assertEquals("missing PORT: usage: hv:vserial serve GUEST[/CONSOLE] PORT", shell.error("hv:vserial serve g0"));
    }
}
