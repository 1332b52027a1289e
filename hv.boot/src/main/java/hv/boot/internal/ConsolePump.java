package hv.boot.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Carries guest console output to a host stream without ever blocking the guest: console
 * listeners run on VCPU threads, so they only append to a bounded buffer; one thread writes it out.
 * When the host stream stalls and the buffer is full, output is dropped and counted.
 */
final class ConsolePump implements AutoCloseable {

    static final int CAPACITY = 4 << 20;

    private final OutputStream out;
    private final byte[] ring = new byte[CAPACITY];
    private long head; // next byte to write out
    private long tail; // next byte to fill
    private long dropped;
    private boolean closed;
    private final Thread writer;

    ConsolePump(OutputStream out) {
        this.out = out;
        this.writer = new Thread(this::drain, "hv-boot-console-out");
        writer.setDaemon(true);
        writer.start();
    }

    /** Appends one byte; never blocks. Any thread. */
    synchronized void put(int b) {
        if (tail - head >= CAPACITY) {
            dropped++;
            return;
        }
        ring[(int) (tail++ % CAPACITY)] = (byte) b;
        if (tail - head == 1) {
            notifyAll();
        }
    }

    synchronized long dropped() {
        return dropped;
    }

    private void drain() {
        byte[] chunk = new byte[8192];
        while (true) {
            int n;
            synchronized (this) {
                while (head == tail && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (head == tail) {
                    notifyAll();
                    return;
                }
                n = (int) Math.min(chunk.length, tail - head);
                for (int i = 0; i < n; i++) {
                    chunk[i] = ring[(int) ((head + i) % CAPACITY)];
                }
            }
            try {
                out.write(chunk, 0, n);
                out.flush();
            } catch (IOException e) {
                return;
            }
            synchronized (this) {
                head += n;
                notifyAll();
            }
        }
    }

    /** Writes out what is buffered (waiting at most {@code millis}), then stops the writer. */
    @Override
    public void close() {
        flush(2000);
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }

    synchronized void flush(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (head != tail && writer.isAlive()) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
