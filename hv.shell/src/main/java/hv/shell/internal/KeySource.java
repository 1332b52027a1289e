package hv.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Keystrokes with a timeout, from a Gogo session's keyboard.
 *
 * <p>JLine's terminal input (a {@code NonBlockingInputStream}) has {@code read(long timeout)}: it is
 * used directly, so nothing is left reading the terminal when the binding ends. Any other stream
 * (a pipe, a test's input) is read by a daemon thread that hands the bytes over, one at a time: when
 * the binding ends that thread may still wait in {@code read()}, and then takes the next byte
 * (one, no more) from the stream before it notices.
 */
abstract class KeySource implements AutoCloseable {

    /** {@link #read(long)}: the input ended. */
    static final int EOF = -1;
    /** {@link #read(long)}: no key within the timeout. */
    static final int TIMEOUT = -2;

    /** The next byte, {@link #EOF} or {@link #TIMEOUT}. */
    abstract int read(long timeoutMillis) throws IOException, InterruptedException;

    @Override
    public abstract void close();

    static KeySource of(InputStream in, String name) {
        Method timed = timedRead(in);
        return timed != null ? new Timed(in, timed) : new Threaded(in, name);
    }

    /** {@code int read(long)} of JLine's NonBlockingInputStream, found by name (JLine is optional). */
    private static Method timedRead(InputStream in) {
        for (Class<?> c = in.getClass(); c != null && c != InputStream.class; c = c.getSuperclass()) {
            if (c.getName().equals("org.jline.utils.NonBlockingInputStream")) {
                try {
                    Method m = c.getMethod("read", long.class);
                    return m.getReturnType() == int.class ? m : null;
                } catch (NoSuchMethodException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static final class Timed extends KeySource {
        private final InputStream in;
        private final Method read;

        Timed(InputStream in, Method read) {
            this.in = in;
            this.read = read;
        }

        @Override
        int read(long timeoutMillis) throws IOException {
            try {
                int b = (Integer) read.invoke(in, timeoutMillis);
                return b < 0 && b != TIMEOUT ? EOF : b;
            } catch (ReflectiveOperationException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("reading the terminal: " + e.getCause(), e);
            }
        }

        @Override
        public void close() {
            // the terminal stays open: it belongs to the shell
        }
    }

    private static final class Threaded extends KeySource {
        private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
        private final Thread thread;
        private volatile boolean closed;

        Threaded(InputStream in, String name) {
            thread = new Thread(() -> {
                try {
                    while (!closed) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        keys.add(b);
                    }
                } catch (IOException e) {
                    // the input is gone: same as its end
                }
                keys.add(EOF);
            }, "hv-vserial-keys " + name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        int read(long timeoutMillis) throws InterruptedException {
            Integer b = keys.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (b == null) {
                return TIMEOUT;
            }
            if (b == EOF) {
                keys.add(EOF);
            }
            return b;
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
        }
    }
}
