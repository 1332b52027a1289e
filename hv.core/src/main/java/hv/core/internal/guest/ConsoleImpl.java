package hv.core.internal.guest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.emu.ConsolePort;
import hv.core.guest.GuestConsole;
import hv.core.vcpu.FirmwareConsole;

/**
 * A guest console: the device side ({@link ConsolePort}, {@link FirmwareConsole}) and the user side
 * ({@link GuestConsole}). Output is kept in a 64 KiB ring; input is queued, and in virtual time it
 * is staged until the guest's next quantum boundary ({@link #deliverStaged()}).
 */
public final class ConsoleImpl implements GuestConsole, ConsolePort, FirmwareConsole {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleImpl.class);
    static final int KEEP = 64 * 1024;
    private static final int MAX_INPUT = 1 << 20;

    private final String guest;
    private final String name;
    private final boolean staged;
    private final Runnable onStaged;
    private final byte[] ring = new byte[KEEP];
    private long written;
    private final ArrayDeque<Byte> input = new ArrayDeque<>();
    private final ArrayDeque<Byte> pendingInput = new ArrayDeque<>();
    private final List<IntConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile Runnable inputCallback;

    /**
     * @param staged true in virtual time: input waits for {@link #deliverStaged()}
     * @param onStaged called when input is staged (wakes the guest's runner)
     */
    public ConsoleImpl(String guest, String name, boolean staged, Runnable onStaged) {
        this.guest = guest;
        this.name = name;
        this.staged = staged;
        this.onStaged = onStaged;
    }

    @Override
    public String name() {
        return guest + "/" + name;
    }

    /** Name inside the guest. */
    public String shortName() {
        return name;
    }

    // ---- device side

    @Override
    public void write(int b) {
        synchronized (ring) {
            ring[(int) (written % KEEP)] = (byte) b;
            written++;
        }
        for (IntConsumer l : listeners) {
            try {
                l.accept(b & 0xff);
            } catch (RuntimeException e) {
                LOG.warn("{}: console listener failed", name(), e);
            }
        }
    }

    @Override
    public int read() {
        synchronized (input) {
            Byte b = input.poll();
            return b == null ? -1 : b & 0xff;
        }
    }

    @Override
    public int available() {
        synchronized (input) {
            return input.size();
        }
    }

    @Override
    public void onInput(Runnable callback) {
        inputCallback = callback;
    }

    // ---- user side

    @Override
    public long outputCount() {
        synchronized (ring) {
            return written;
        }
    }

    @Override
    public byte[] output(long from) {
        synchronized (ring) {
            long first = Math.max(Math.max(0, from), written - KEEP);
            if (first >= written) {
                return new byte[0];
            }
            byte[] out = new byte[(int) (written - first)];
            for (int i = 0; i < out.length; i++) {
                out[i] = ring[(int) ((first + i) % KEEP)];
            }
            return out;
        }
    }

    @Override
    public String outputText() {
        return new String(output(0), StandardCharsets.UTF_8);
    }

    @Override
    public void input(byte[] data) {
        if (staged) {
            synchronized (input) {
                for (byte b : data) {
                    if (pendingInput.size() + input.size() < MAX_INPUT) {
                        pendingInput.add(b);
                    }
                }
            }
            onStaged.run();
            return;
        }
        synchronized (input) {
            for (byte b : data) {
                if (input.size() < MAX_INPUT) {
                    input.add(b);
                }
            }
        }
        notifyInput();
    }

    /** True when staged input waits for a quantum boundary. */
    public boolean hasStaged() {
        synchronized (input) {
            return !pendingInput.isEmpty();
        }
    }

    /** Makes staged input readable (virtual time, at a quantum boundary, on the guest's thread). */
    public void deliverStaged() {
        boolean any;
        synchronized (input) {
            any = !pendingInput.isEmpty();
            input.addAll(pendingInput);
            pendingInput.clear();
        }
        if (any) {
            notifyInput();
        }
    }

    private void notifyInput() {
        Runnable cb = inputCallback;
        if (cb != null) {
            try {
                cb.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: console input callback failed", name(), e);
            }
        }
    }

    @Override
    public AutoCloseable listen(IntConsumer output) {
        listeners.add(output);
        return () -> listeners.remove(output);
    }
}
