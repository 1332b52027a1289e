package hv.emu.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

import hv.core.config.RegionConfig;
import hv.core.config.RegionKind;
import hv.core.emu.ConsolePort;
import hv.core.emu.EmulatorContext;
import hv.core.emu.GuestIrqs;
import hv.core.emu.IrqLine;
import hv.core.emu.IrqSink;
import hv.core.emu.VcpuPins;
import hv.core.mem.GuestMemory;
import hv.dt.Node;

/** An emulator context for tests: lines, pins, a manual clock, consoles and RAM ranges it records. */
public final class FakeContext implements EmulatorContext {

    private final RegionConfig region;
    private final FakeLine[] lines;
    private final List<FakePins> harts = new ArrayList<>();
    private final ManualTimers timers = new ManualTimers();
    private final Map<String, FakeConsole> consoles = new HashMap<>();
    private final FakeMemory memory = new FakeMemory();
    private volatile IrqSink sink;
    private volatile boolean released;

    public FakeContext(RegionConfig region, int hartCount, int guestIrqCount) {
        this.region = region;
        this.lines = new FakeLine[guestIrqCount];
        for (int i = 0; i < guestIrqCount; i++) {
            lines[i] = new FakeLine(i);
        }
        for (int h = 0; h < hartCount; h++) {
            harts.add(new FakePins(h));
        }
    }

    /** A context for a device region named {@code name} with the given interrupts, one hart and 32 lines. */
    public static FakeContext device(String name, long gpa, long size, Integer... interrupts) {
        return new FakeContext(region(name, gpa, size, interrupts), 1, 32);
    }

    /** A device region as the core would configure it. */
    public static RegionConfig region(String name, long gpa, long size, Integer... interrupts) {
        return region(name, gpa, size, null, interrupts);
    }

    /** A device region with its DT node. */
    public static RegionConfig region(String name, long gpa, long size, Node node, Integer... interrupts) {
        return new RegionConfig(name, "/aspace/" + name, RegionKind.DEVICE, false, "test", gpa, size, -1, -1, 12, 12,
                List.of("test"), List.of(interrupts), null, null, node);
    }

    @Override
    public String guestName() {
        return "guest0";
    }

    @Override
    public RegionConfig region() {
        return region;
    }

    @Override
    public int guestIrqCount() {
        return lines.length;
    }

    @Override
    public FakeLine irq(int index) {
        return lines[region.interrupts().get(index)];
    }

    @Override
    public FakeLine guestIrq(int line) {
        return lines[line];
    }

    @Override
    public synchronized GuestIrqs claimIrqs(IrqSink s) {
        if (sink != null) {
            throw new IllegalStateException("lines already claimed");
        }
        sink = s;
        for (FakeLine l : lines) {
            if (l.level()) {
                s.levelChanged(l.line(), true);
            }
        }
        return new GuestIrqs() {
            @Override
            public int count() {
                return lines.length;
            }

            @Override
            public boolean level(int line) {
                return lines[line].level();
            }

            @Override
            public void release() {
                released = true;
                sink = null;
            }
        };
    }

    /** Forgets the claim, as the core does when it closes a controller before restoring a fresh one. */
    public void unclaim() {
        sink = null;
    }

    public boolean released() {
        return released;
    }

    @Override
    public List<VcpuPins> harts() {
        return List.copyOf(harts);
    }

    public FakePins hart(int id) {
        return harts.get(id);
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    public FakeMemory fakeMemory() {
        return memory;
    }

    @Override
    public ManualTimers timers() {
        return timers;
    }

    @Override
    public void defer(Runnable action) {
        action.run();
    }

    @Override
    public synchronized FakeConsole console(String name) {
        return consoles.computeIfAbsent(name, FakeConsole::new);
    }

    /** Exits the guest asked for, in order. */
    public final List<hv.core.guest.GuestExit> exits = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void exit(hv.core.guest.GuestExit exit) {
        exits.add(exit);
    }

    @Override
    public Logger log() {
        return NOPLogger.NOP_LOGGER;
    }

    /** A guest interrupt line that forwards its changes to the claiming controller, like the core. */
    public final class FakeLine implements IrqLine {
        private final int line;
        private boolean level;
        private int raises;

        FakeLine(int line) {
            this.line = line;
        }

        @Override
        public int line() {
            return line;
        }

        @Override
        public void set(boolean high) {
            IrqSink s;
            synchronized (this) {
                if (high == level) {
                    return;
                }
                level = high;
                if (high) {
                    raises++;
                }
                s = sink;
                if (s != null) {
                    // Changes of one line reach the controller in order.
                    s.levelChanged(line, high);
                }
            }
        }

        @Override
        public void pulse() {
            IrqSink s = sink;
            if (s != null) {
                s.edge(line);
            }
        }

        @Override
        public synchronized boolean level() {
            return level;
        }

        /** How many times the line went high. */
        public synchronized int raises() {
            return raises;
        }
    }

    /** The pins of one VCPU. */
    public static final class FakePins implements VcpuPins {
        private final int hart;
        private long pins;

        FakePins(int hart) {
            this.hart = hart;
        }

        @Override
        public int hartId() {
            return hart;
        }

        @Override
        public synchronized void setPin(int pin, boolean level) {
            if (level) {
                pins |= 1L << pin;
            } else {
                pins &= ~(1L << pin);
            }
        }

        @Override
        public synchronized long pins() {
            return pins;
        }

        public boolean pin(int pin) {
            return (pins() & (1L << pin)) != 0;
        }
    }

    /** A console whose output is collected and whose input tests type. */
    public static final class FakeConsole implements ConsolePort {
        private final String name;
        private final StringBuilder out = new StringBuilder();
        private final java.util.ArrayDeque<Integer> in = new java.util.ArrayDeque<>();
        private volatile Runnable callback;

        FakeConsole(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized void write(int b) {
            out.append((char) (b & 0xFF));
        }

        @Override
        public synchronized int read() {
            Integer b = in.poll();
            return b == null ? -1 : b;
        }

        @Override
        public synchronized int available() {
            return in.size();
        }

        @Override
        public void onInput(Runnable cb) {
            callback = cb;
        }

        public boolean hasCallback() {
            return callback != null;
        }

        /** Input arrives (the callback runs on this thread, outside the console's lock). */
        public void type(String s) {
            synchronized (this) {
                for (char c : s.toCharArray()) {
                    in.add((int) c & 0xFF);
                }
            }
            Runnable cb = callback;
            if (cb != null) {
                cb.run();
            }
        }

        public synchronized String output() {
            return out.toString();
        }
    }

    /** Guest memory that only knows which ranges are RAM. */
    public static final class FakeMemory implements GuestMemory {
        private final List<long[]> ram = new ArrayList<>();

        public synchronized void addRam(long base, long size) {
            ram.add(new long[] {base, size});
        }

        @Override
        public synchronized boolean isRam(long gpa, long len) {
            for (long[] r : ram) {
                if (Long.compareUnsigned(gpa, r[0]) >= 0 && Long.compareUnsigned(len, r[1]) <= 0
                        && Long.compareUnsigned(gpa - r[0], r[1] - len) <= 0) {
                    return true;
                }
            }
            return false;
        }

        private static UnsupportedOperationException no() {
            return new UnsupportedOperationException("not used by these devices");
        }

        @Override
        public int read8(long gpa) {
            throw no();
        }

        @Override
        public int read16(long gpa) {
            throw no();
        }

        @Override
        public int read32(long gpa) {
            throw no();
        }

        @Override
        public long read64(long gpa) {
            throw no();
        }

        @Override
        public void write8(long gpa, int value) {
            throw no();
        }

        @Override
        public void write16(long gpa, int value) {
            throw no();
        }

        @Override
        public void write32(long gpa, int value) {
            throw no();
        }

        @Override
        public void write64(long gpa, long value) {
            throw no();
        }

        @Override
        public void read(long gpa, byte[] dst, int off, int len) {
            throw no();
        }

        @Override
        public void write(long gpa, byte[] src, int off, int len) {
            throw no();
        }
    }

}
