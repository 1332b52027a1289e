package hv.emu.internal.rtc;

import hv.core.emu.IrqLine;
import hv.core.state.SavedState;
import hv.core.time.Timer;
import hv.core.time.TimerService;
import hv.emu.internal.AccessLog;
import hv.emu.internal.MmioDevice;
import hv.emu.internal.RegisterDef;
import hv.emu.internal.RegisterMap;

/**
 * The goldfish real-time clock: a 64-bit count of nanoseconds since 1970 read as two 32-bit halves, one alarm
 * with an interrupt. Time is the guest's wall clock ({@link TimerService#wallClockNanos()}, virtual in a
 * virtual-time guest) plus an offset the guest sets by writing TIME_HIGH then TIME_LOW.
 *
 * <p>Layout and semantics follow the goldfish RTC register description (Android emulator "goldfish" virtual
 * hardware, GOLDFISH-VIRTUAL-HARDWARE.TXT, "III. Goldfish real-time clock"). Guest time is unsigned.
 */
public final class GoldfishRtc extends MmioDevice {

    /** Saved state type. */
    public static final String STATE_TYPE = "hv.emu.goldfish-rtc";
    /** Saved state format version. */
    public static final int STATE_VERSION = 1;

    /** The register map: eight 32-bit registers. */
    enum Reg implements RegisterDef {
        TIME_LOW(0x00, Access.RW, "read: low 32 bits of the time, latches TIME_HIGH; write: sets the time"),
        TIME_HIGH(0x04, Access.RW, "read: the latched high half; write: high half of the next time set"),
        ALARM_LOW(0x08, Access.RW, "write: arms the alarm at (ALARM_HIGH << 32 | value)"),
        ALARM_HIGH(0x0c, Access.RW, "high half of the next alarm"),
        IRQ_ENABLED(0x10, Access.RW, "bit 0: the alarm interrupt reaches the line"),
        CLEAR_ALARM(0x14, Access.WO, "any write disarms the alarm"),
        ALARM_STATUS(0x18, Access.RO, "bit 0: the alarm is armed"),
        CLEAR_INTERRUPT(0x1c, Access.WO, "any write acknowledges the interrupt");

        private final long base;
        private final Access access;
        private final String spec;

        Reg(long base, Access access, String spec) {
            this.base = base;
            this.access = access;
            this.spec = spec;
        }

        @Override
        public long base() {
            return base;
        }

        @Override
        public int width() {
            return 4;
        }

        @Override
        public Access access() {
            return access;
        }

        @Override
        public long writableMask() {
            return this == IRQ_ENABLED ? 1 : access == Access.RO ? 0 : 0xFFFF_FFFFL;
        }

        @Override
        public String spec() {
            return spec;
        }
    }

    static final RegisterMap<Reg> MAP = new RegisterMap<>(Reg.class);

    private final Object lock = new Object();
    private final TimerService timers;
    private final IrqLine irq;

    // ---- state (guarded by lock)
    private long offset;
    private long latchedHigh;
    private long timeHighToSet;
    private long alarm;
    private long alarmHighToSet;
    private boolean armed;
    private boolean irqEnabled;
    private boolean interruptPending;
    private Timer timer;
    /** Bumped whenever the alarm is re-armed or cleared, so that a stale timer callback does nothing. */
    private long generation;

    public GoldfishRtc(TimerService timers, IrqLine irq, AccessLog log) {
        super(log);
        this.timers = timers;
        this.irq = irq; // not driven until the state changes: its level lives in the core (see restore)
    }

    @Override
    public int accessWidths() {
        return ACCESS_32;
    }

    /** The guest's current RTC time in ns (unsigned). */
    private long now() {
        return timers.wallClockNanos() + offset;
    }

    @Override
    protected long readReg(long off, int size) {
        RegisterMap.Hit<Reg> hit = size == 4 ? MAP.lookup(off) : null;
        if (hit == null || hit.byteOffset() != 0 || hit.reg().access() == RegisterDef.Access.WO) {
            accessLog.unhandledRead(off, size);
            return 0;
        }
        synchronized (lock) {
            return switch (hit.reg()) {
                case TIME_LOW -> {
                    long t = now();
                    latchedHigh = t >>> 32;
                    yield t & 0xFFFF_FFFFL;
                }
                case TIME_HIGH -> latchedHigh;
                case ALARM_LOW -> alarm & 0xFFFF_FFFFL;
                case ALARM_HIGH -> alarm >>> 32;
                case IRQ_ENABLED -> irqEnabled ? 1 : 0;
                case ALARM_STATUS -> armed ? 1 : 0;
                default -> 0;
            };
        }
    }

    @Override
    protected void writeReg(long off, int size, long value) {
        RegisterMap.Hit<Reg> hit = size == 4 ? MAP.lookup(off) : null;
        if (hit == null || hit.byteOffset() != 0 || hit.reg().access() == RegisterDef.Access.RO) {
            accessLog.unhandledWrite(off, size, value);
            return;
        }
        long v = value & hit.reg().writableMask();
        synchronized (lock) {
            switch (hit.reg()) {
                case TIME_LOW -> {
                    long t = timeHighToSet << 32 | v;
                    offset = t - timers.wallClockNanos();
                    if (armed) {
                        schedule(); // the alarm is in RTC time, which just moved
                    }
                }
                case TIME_HIGH -> timeHighToSet = v;
                case ALARM_LOW -> {
                    alarm = alarmHighToSet << 32 | v;
                    armed = true;
                    schedule();
                }
                case ALARM_HIGH -> alarmHighToSet = v;
                case IRQ_ENABLED -> irqEnabled = v != 0;
                case CLEAR_ALARM -> disarm();
                case CLEAR_INTERRUPT -> interruptPending = false;
                default -> throw new IllegalStateException("not writable: " + hit.reg());
            }
            updateIrq();
        }
    }

    /** Arms the host timer for the alarm (lock held). */
    private void schedule() {
        cancelTimer();
        long gen = ++generation;
        long now = now();
        long deadline;
        if (Long.compareUnsigned(alarm, now) <= 0) {
            deadline = timers.nanoTime();
        } else {
            long delta = alarm - now; // unsigned distance; beyond 2^63 ns it never fires in practice
            long base = timers.nanoTime();
            deadline = delta < 0 || base + delta < base ? Long.MAX_VALUE : base + delta;
        }
        timer = timers.schedule(deadline, () -> fire(gen));
    }

    private void fire(long gen) {
        synchronized (lock) {
            if (gen != generation || !armed) {
                return;
            }
            if (Long.compareUnsigned(now(), alarm) < 0) {
                schedule(); // the clock was moved back after arming: wait again
                return;
            }
            armed = false;
            timer = null;
            interruptPending = true;
            updateIrq();
        }
    }

    private void disarm() {
        cancelTimer();
        generation++;
        armed = false;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void updateIrq() {
        if (irq != null) {
            irq.set(irqEnabled && interruptPending);
        }
    }

    @Override
    public void reset() {
        synchronized (lock) {
            disarm();
            offset = 0;
            latchedHigh = 0;
            timeHighToSet = 0;
            alarm = 0;
            alarmHighToSet = 0;
            irqEnabled = false;
            interruptPending = false;
            updateIrq();
        }
    }

    @Override
    public SavedState save() {
        synchronized (lock) {
            return new SavedState(STATE_TYPE, STATE_VERSION)
                    .put("offset", offset).put("latchedHigh", latchedHigh).put("timeHighToSet", timeHighToSet)
                    .put("alarm", alarm).put("alarmHighToSet", alarmHighToSet).put("armed", armed)
                    .put("irqEnabled", irqEnabled).put("interruptPending", interruptPending)
                    .put("unhandled", accessLog.unhandled());
        }
    }

    @Override
    public void restore(SavedState s) {
        s.require(STATE_TYPE, 1, STATE_VERSION);
        long off = s.getLong("offset");
        long latched = s.getLong("latchedHigh") & 0xFFFF_FFFFL;
        long timeHigh = s.getLong("timeHighToSet") & 0xFFFF_FFFFL;
        long alarmAt = s.getLong("alarm");
        long alarmHigh = s.getLong("alarmHighToSet") & 0xFFFF_FFFFL;
        boolean wasArmed = s.getBoolean("armed");
        boolean enabled = s.getBoolean("irqEnabled");
        boolean intPending = s.getBoolean("interruptPending");
        synchronized (lock) {
            disarm();
            offset = off;
            latchedHigh = latched;
            timeHighToSet = timeHigh;
            alarm = alarmAt;
            alarmHighToSet = alarmHigh;
            irqEnabled = enabled;
            interruptPending = intPending;
            if (wasArmed) {
                armed = true;
                schedule(); // the alarm is an RTC time: re-armed from it (fires at once if it passed meanwhile)
            }
            accessLog.restoreUnhandled(s.getLong("unhandled", 0));
            updateIrq();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            disarm();
        }
    }
}
