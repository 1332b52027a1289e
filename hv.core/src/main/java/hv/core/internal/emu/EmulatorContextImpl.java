package hv.core.internal.emu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.config.RegionConfig;
import hv.core.emu.ConsolePort;
import hv.core.emu.EmulatorContext;
import hv.core.emu.GuestIrqs;
import hv.core.emu.IrqLine;
import hv.core.emu.IrqSink;
import hv.core.emu.VcpuPins;
import hv.core.internal.time.DeadTimer;
import hv.core.mem.GuestMemory;
import hv.core.time.Timer;
import hv.core.time.TimerService;

/**
 * The context of one emulator instance. Everything it hands out goes inert when the instance is
 * closed (swapped out or destroyed): timers are cancelled, interrupt lines ignore the old
 * instance, DMA is refused, console callbacks are dropped.
 */
final class EmulatorContextImpl implements EmulatorContext {

    private final EmulatorHost host;
    private final RegionConfig region;
    private final EmulatorSlot slot;
    private final Logger log;
    private final Map<Object, Timer> timers = new ConcurrentHashMap<>();
    private final List<ConsolePort> consoles = new ArrayList<>();
    private final GuestMemory memory;
    private volatile boolean closed;
    private GuestIrqs claim;

    EmulatorContextImpl(EmulatorHost host, RegionConfig region, EmulatorSlot slot) {
        this.host = host;
        this.region = region;
        this.slot = slot;
        this.log = LoggerFactory.getLogger("hv.emu." + host.guestName() + "." + region.name());
        this.memory = new GuardedMemory(host.memory(), this::closed);
    }

    boolean closed() {
        return closed;
    }

    @Override
    public String guestName() {
        return host.guestName();
    }

    @Override
    public RegionConfig region() {
        return region;
    }

    @Override
    public int guestIrqCount() {
        return host.irqs().count();
    }

    @Override
    public IrqLine irq(int index) {
        List<Integer> irqs = region.interrupts();
        if (index < 0 || index >= irqs.size()) {
            throw new IndexOutOfBoundsException(region.path() + ": interrupts has " + irqs.size()
                    + " entries, asked for entry " + index);
        }
        return guestIrq(irqs.get(index));
    }

    @Override
    public IrqLine guestIrq(int line) {
        IrqLine real = host.irqs().handle(line);
        return new IrqLine() {
            @Override
            public int line() {
                return line;
            }

            @Override
            public void set(boolean level) {
                if (!closed) {
                    real.set(level);
                }
            }

            @Override
            public void pulse() {
                if (!closed) {
                    real.pulse();
                }
            }

            @Override
            public boolean level() {
                return real.level();
            }
        };
    }

    @Override
    public synchronized GuestIrqs claimIrqs(IrqSink sink) {
        if (closed) {
            throw new IllegalStateException(region.path() + ": emulator context is closed");
        }
        EmulatorContextImpl self = this;
        IrqRouter.Claim c = new IrqRouter.Claim() {
            @Override
            public boolean deliver(Consumer<IrqSink> action) {
                return slot.runGuarded(self, () -> action.accept(sink));
            }

            @Override
            public Object owner() {
                return slot;
            }
        };
        claim = host.irqs().claim(c, region.path());
        return claim;
    }

    /** Replays line levels to this instance's claim (after attach or restore). */
    void replayIrqs() {
        GuestIrqs c;
        synchronized (this) {
            c = claim;
        }
        if (c != null && !closed) {
            host.irqs().replay();
        }
    }

    @Override
    public List<VcpuPins> harts() {
        return host.vcpuPins();
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public TimerService timers() {
        TimerService clock = host.clock();
        return new TimerService() {
            @Override
            public long nanoTime() {
                return clock.nanoTime();
            }

            @Override
            public long wallClockNanos() {
                return clock.wallClockNanos();
            }

            @Override
            public Timer schedule(long deadline, Runnable action) {
                if (closed) {
                    return DeadTimer.at(deadline);
                }
                Object token = new Object(); // the timer may fire before schedule() returns
                Timer t = clock.schedule(deadline, () -> {
                    timers.remove(token);
                    slot.runGuarded(EmulatorContextImpl.this, action);
                });
                timers.put(token, t);
                if (closed || !t.pending()) {
                    timers.remove(token);
                    if (closed) {
                        t.cancel();
                    }
                }
                return t;
            }
        };
    }

    @Override
    public void defer(Runnable action) {
        if (!closed) {
            host.clock().defer(() -> slot.runGuarded(this, action));
        }
    }

    @Override
    public synchronized ConsolePort console(String name) {
        ConsolePort p = host.openConsole(name);
        consoles.add(p);
        return p;
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public void exit(hv.core.guest.GuestExit exit) {
        if (!closed) {
            host.exitRequested(exit);
        }
    }

    /** Makes everything inert; the instance is being swapped out or destroyed. */
    void close() {
        closed = true;
        for (Timer t : timers.values()) {
            t.cancel();
        }
        timers.clear();
        synchronized (this) {
            if (claim != null) {
                claim.release();
                claim = null;
            }
            for (ConsolePort p : consoles) {
                p.onInput(null);
            }
            consoles.clear();
        }
    }
}
