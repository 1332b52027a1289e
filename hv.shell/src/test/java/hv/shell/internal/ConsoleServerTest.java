package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

class ConsoleServerTest {

    private final Fakes.FakeConsole console = new Fakes.FakeConsole("g0/uart0");

    private static void await(BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(5);
        }
    }

    private static String read(InputStream in, int n) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (b.size() < n) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
        }
        return Fakes.text(b.toByteArray());
    }

    @Test
    void clientsShareTheConsoleAndAreClosedWithTheServer() throws Exception {
        try (ConsoleServer s = new ConsoleServer(console, 0, () -> true);
             Socket a = new Socket(ConsoleServer.LOOPBACK, s.port());
             Socket b = new Socket(ConsoleServer.LOOPBACK, s.port())) {
            a.setSoTimeout(10_000);
            b.setSoTimeout(10_000);
            await(() -> s.clients() == 2);
            a.getOutputStream().write(Fakes.bytes("hi\r"));
            await(() -> console.input().equals("hi\r"));
            console.write("out\n");
            assertEquals("out\n", read(a.getInputStream(), 4));
            assertEquals("out\n", read(b.getInputStream(), 4));
            b.close();
            await(() -> s.clients() == 1);
            s.close();
            assertEquals(-1, a.getInputStream().read());
            assertTrue(s.closed());
            assertThrows(IOException.class, () -> new Socket(ConsoleServer.LOOPBACK, s.port()).close());
        }
    }

    @Test
    void theServerClosesItselfWhenItsGuestIsGone() throws Exception {
        AtomicBoolean alive = new AtomicBoolean(true);
        try (ConsoleServer s = new ConsoleServer(console, 0, alive::get)) {
            alive.set(false);
            await(s::closed);
        }
    }

    @Test
    void aBusyPortIsRefused() throws Exception {
        try (ConsoleServer s = new ConsoleServer(console, 0, () -> true)) {
            assertThrows(BindException.class, () -> new ConsoleServer(console, s.port(), () -> true));
            assertEquals("127.0.0.1", ConsoleServer.LOOPBACK.getHostAddress());
        }
    }
}
