package hv.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.guest.GuestConsole;

/**
 * Serves one guest console on a TCP port of the loopback interface, telnet style with raw bytes:
 * what a client sends is the guest's input, what the guest writes goes to every client. Several
 * clients may be attached at once; each has its own threads, so a slow one delays nobody.
 * {@link #close()} closes the port and every client and waits for their threads.
 */
final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    /** How often clients look for new output. */
    static final long POLL_MILLIS = 10;
    /** How often the server checks that its guest still exists. */
    static final int ALIVE_CHECK_MILLIS = 250;

    /** The only address served: 127.0.0.1, never another interface. */
    static final InetAddress LOOPBACK = loopback();

    private final GuestConsole console;
    private final BooleanSupplier alive;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Opens {@code 127.0.0.1:port} (0: any free port) and starts accepting.
     *
     * @param alive false once the guest is gone: the server then closes itself
     * @throws IOException when the port cannot be opened
     */
    ConsoleServer(GuestConsole console, int port, BooleanSupplier alive) throws IOException {
        this.console = console;
        this.alive = alive;
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.setSoTimeout(ALIVE_CHECK_MILLIS);
            s.bind(new InetSocketAddress(LOOPBACK, port), 8);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        this.server = s;
        this.acceptor = new Thread(this::accept, "hv-vserial-serve " + console.name() + " :" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 });
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    GuestConsole console() {
        return console;
    }

    /** The port served. */
    int port() {
        return server.getLocalPort();
    }

    /** Clients attached now. */
    int clients() {
        return clients.size();
    }

    boolean closed() {
        return closed;
    }

    private void accept() {
        while (!closed) {
            try {
                if (!alive.getAsBoolean()) {
                    LOG.info("{}: the guest is gone", console.name());
                    close();
                    return;
                }
                Socket socket;
                try {
                    socket = server.accept();
                } catch (SocketTimeoutException e) {
                    continue;
                }
                socket.setTcpNoDelay(true);
                Client c = new Client(socket);
                clients.add(c);
                c.start();
                LOG.info("{}: client {} attached on port {}", console.name(), socket.getRemoteSocketAddress(), port());
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{}: port {} failed: {}", console.name(), port(), e.toString());
                    close();
                }
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        List<Client> all = List.copyOf(clients);
        for (Client c : all) {
            c.close();
        }
        if (Thread.currentThread() != acceptor) {
            join(acceptor);
        }
        for (Client c : all) {
            c.join();
        }
        LOG.info("{}: no longer served on port {}", console.name(), port());
    }

    private static void join(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One attached client: a thread sending output, a thread taking input. */
    private final class Client {
        private final Socket socket;
        /** Made before the client is counted: a client that is listed sees all output from then on. */
        private final OutputFollower follower = new OutputFollower(console);
        private final Thread output;
        private final Thread input;

        Client(Socket socket) {
            this.socket = socket;
            String who = console.name() + " <-> " + socket.getRemoteSocketAddress();
            this.output = new Thread(this::pumpOutput, "hv-vserial-out " + who);
            this.input = new Thread(this::pumpInput, "hv-vserial-in " + who);
            output.setDaemon(true);
            input.setDaemon(true);
        }

        void start() {
            output.start();
            input.start();
        }

        private void pumpOutput() {
            try (OutputStream out = socket.getOutputStream()) {
                while (!closed && !socket.isClosed()) {
                    if (!alive.getAsBoolean()) {
                        ConsoleServer.this.closeLater();
                        break;
                    }
                    byte[] b = follower.next();
                    if (b.length > 0) {
                        out.write(b);
                        out.flush();
                    } else {
                        Thread.sleep(POLL_MILLIS);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away, or the server closes
            } finally {
                close();
            }
        }

        private void pumpInput() {
            byte[] buf = new byte[1024];
            try (InputStream in = socket.getInputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        console.input(Arrays.copyOf(buf, n));
                    }
                }
            } catch (IOException e) {
                // the client went away, or the server closes
            } finally {
                close();
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            if (clients.remove(this)) {
                LOG.info("{}: client {} detached", console.name(), socket.getRemoteSocketAddress());
            }
        }

        void join() {
            if (Thread.currentThread() != output) {
                ConsoleServer.join(output);
            }
            if (Thread.currentThread() != input) {
                ConsoleServer.join(input);
            }
        }
    }

    /** Closes from one of the server's own threads without waiting for itself. */
    private void closeLater() {
        Thread t = new Thread(this::close, "hv-vserial-close " + console.name());
        t.setDaemon(true);
        t.start();
    }
}
