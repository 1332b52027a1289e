package hv.arch.riscv;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import hv.core.mem.PhysicalBus;
import hv.core.vcpu.FirmwareConsole;
import hv.core.vcpu.HartControl;
import hv.core.vcpu.VcpuContext;

/** A VCPU's platform for tests: pins, a manual clock, a recording timer and console. */
final class TestContext implements VcpuContext {

    final TestBus bus;
    final int hart;
    final TestHarts harts;
    final Map<String, String> props = new HashMap<>();
    final AtomicLong pins = new AtomicLong();
    volatile boolean yield;
    long now = 1000;
    long timerDeadline = -1;
    int timerPin = -1;
    final StringBuilder out = new StringBuilder();
    final ArrayDeque<Integer> in = new ArrayDeque<>();

    TestContext(TestBus bus, int hart, TestHarts harts) {
        this.bus = bus;
        this.hart = hart;
        this.harts = harts;
    }

    @Override
    public String guestName() {
        return "test";
    }

    @Override
    public int hartId() {
        return hart;
    }

    @Override
    public Optional<String> property(String name) {
        return Optional.ofNullable(props.get(name));
    }

    @Override
    public boolean hasProperty(String name) {
        return props.containsKey(name);
    }

    @Override
    public PhysicalBus bus() {
        return bus;
    }

    @Override
    public long pins() {
        return pins.get();
    }

    @Override
    public void setPin(int pin, boolean level) {
        if (level) {
            pins.getAndUpdate(p -> p | 1L << pin);
        } else {
            pins.getAndUpdate(p -> p & ~(1L << pin));
        }
    }

    @Override
    public boolean yieldRequested() {
        return yield;
    }

    /** When set, every time() read advances the clock by 1 us and the timer fires by itself. */
    boolean timerModel;

    @Override
    public long time() {
        if (timerModel) {
            now += 10;
            fireTimer();
        }
        return now;
    }

    /** Raises the timer pin once the clock has reached the armed deadline. */
    void fireTimer() {
        if (timerPin >= 0 && Long.compareUnsigned(now, timerDeadline) >= 0) {
            setPin(timerPin, true);
        }
    }

    /** Sleeps (for a WAIT slice end): jumps the clock to the armed deadline. */
    void sleepToDeadline() {
        if (timerPin >= 0 && timerDeadline != -1 && Long.compareUnsigned(now, timerDeadline) < 0) {
            now = timerDeadline;
        }
        fireTimer();
    }

    @Override
    public long timebaseHz() {
        return 10_000_000;
    }

    @Override
    public void setTimer(long deadline, int pin) {
        timerDeadline = deadline;
        timerPin = pin;
        setPin(pin, false);
        if (timerModel) {
            fireTimer();
        }
    }

    @Override
    public FirmwareConsole console() {
        return new FirmwareConsole() {
            @Override
            public void write(int b) {
                out.append((char) b);
            }

            @Override
            public int read() {
                Integer c = in.poll();
                return c == null ? -1 : c;
            }
        };
    }

    @Override
    public HartControl harts() {
        return harts;
    }
}
