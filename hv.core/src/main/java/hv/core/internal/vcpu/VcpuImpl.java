package hv.core.internal.vcpu;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import hv.core.config.VcpuConfig;
import hv.core.emu.VcpuPins;
import hv.core.guest.Vcpu;
import hv.core.guest.VcpuState;
import hv.core.internal.sched.HostCpu;
import hv.core.internal.sched.Task;
import hv.core.sched.SchedStats;
import hv.core.sched.SliceOutcome;
import hv.core.state.SavedState;
import hv.core.time.Timer;
import hv.core.vcpu.SliceEnd;
import hv.core.vcpu.VcpuEngine;

/**
 * One guest VCPU: Xvisor's state machine (RESET, READY, RUNNING, PAUSED, HALTED) guarded by one
 * small lock, its pins, its engine, and its slices.
 *
 * <p>Transitions requested while the VCPU is RUNNING (pause, halt, reset) are recorded as
 * {@code pending} and applied by the host thread when the slice ends; the engine sees
 * {@code yieldRequested()} and stops at its next block boundary. A WAIT slice end parks the VCPU
 * ({@code waiting}) until a pin rises, a timer fires, or 100 ms pass (Xvisor's re-check). The
 * lost-wake-up race is closed by the wake epoch: the host thread publishes {@code waiting} and then
 * re-reads the epoch; a waker bumps the epoch and then reads {@code waiting}.
 *
 * <p>Lock order: guest lock, then this lock, then the scheduler lock.
 */
public final class VcpuImpl extends Task implements Vcpu, VcpuPins {

    /** Xvisor's WFI re-check timeout. */
    static final long WFI_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MIN_BUDGET = 1_000;
    private static final long MAX_BUDGET = 50_000_000;
    /**
     * A slice runs the engine in chunks of at most this much estimated time, so that a wrong rate
     * estimate (cold code after a hot loop) overshoots the slice by about one chunk, not by a
     * multiple of the slice.
     */
    private static final long CHUNK_NANOS = 1_000_000;

    private final VcpuHost host;
    private final VcpuConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong pins = new AtomicLong();
    private final AtomicLong wakeEpoch = new AtomicLong();
    private final VcpuContextImpl context;
    private Runner runner;

    // guarded by lock
    private VcpuState state = VcpuState.RESET;
    private VcpuState pending;
    private long[] resetArgs;
    private long epochAtStart;
    private volatile VcpuEngine engine; // volatile: requestFlush reads it from any thread
    private volatile String isa;
    private Timer wfiTimeout;

    private volatile boolean waiting;
    private volatile long retired;
    private double instructionsPerNano = 0.002; // starts low (cold JIT); the slice loop runs again until its end
    private long localRunNanos;
    private long localSwitches;

    public VcpuImpl(VcpuHost host, VcpuConfig config, String guestName, BitSet affinity) {
        super(guestName + "/" + config.name(), false, config.priority(), config.timeSlice(), config.deadline(),
                config.periodicity(), affinity);
        this.host = host;
        this.config = config;
        this.context = new VcpuContextImpl(host, this);
    }

    /** Sets who runs this VCPU (once, while building the guest). */
    public void runner(Runner r) {
        this.runner = r;
    }

    public VcpuContextImpl context() {
        return context;
    }

    /** Attaches an engine (creation or engine swap); a READY VCPU becomes runnable. */
    public void attachEngine(VcpuEngine e) {
        lock.lock();
        try {
            engine = e;
            isa = e.isa();
            if (state == VcpuState.READY && !waiting) {
                runner.wake(this);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Detaches the engine at a slice boundary (waits for a running slice to end) and saves its state.
     *
     * @return the saved state, or null when there was no engine
     */
    public SavedState detachEngine() {
        lock.lock();
        try {
            while (state == VcpuState.RUNNING) {
                requestYield();
                changed.awaitUninterruptibly();
            }
            VcpuEngine e = engine;
            engine = null;
            return e == null ? null : e.save();
        } finally {
            lock.unlock();
        }
    }

    VcpuEngine engine() {
        return engine;
    }

    // ---- Vcpu

    @Override
    public int hartId() {
        return config.hartId();
    }

    @Override
    public VcpuConfig config() {
        return config;
    }

    @Override
    public VcpuState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean waiting() {
        return waiting;
    }

    @Override
    public String isa() {
        return engine == null ? null : isa;
    }

    @Override
    public SchedStats stats() {
        return runner.stats(this);
    }

    /** Statistics kept by a virtual-time group for its members. */
    synchronized SchedStats localStats() {
        return new SchedStats(localRunNanos, 0, localSwitches, 0, -1);
    }

    synchronized void accountLocal(long ns) {
        localRunNanos += ns;
        localSwitches++;
    }

    @Override
    public long retired() {
        return retired;
    }

    private IllegalStateException refuse(String op) {
        return new IllegalStateException(name() + " is " + state + ": cannot " + op);
    }

    private void enter(VcpuState s) {
        VcpuState before = state;
        state = s;
        changed.signalAll();
        if (s != VcpuState.RUNNING && !(s == VcpuState.READY && before == VcpuState.RUNNING) && s != before) {
            host.vcpuStateChanged(this, s);
        }
    }

    @Override
    public void kick() {
        lock.lock();
        try {
            if (state != VcpuState.RESET) {
                throw refuse("kick");
            }
            resetArgs = new long[] {config.startPc(), config.hartId(), host.bootArgument()};
            waiting = false;
            enter(VcpuState.READY);
            runner.wake(this);
        } finally {
            lock.unlock();
        }
    }

    /** SBI HSM hart_start: a RESET hart starts at {@code pc} with {@code (hartid, arg1)}. */
    boolean start(long pc, long arg1) {
        lock.lock();
        try {
            if (state != VcpuState.RESET || !host.startsAllowed()) {
                return false;
            }
            resetArgs = new long[] {pc, config.hartId(), arg1};
            waiting = false;
            enter(VcpuState.READY);
            runner.wake(this);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void pause() {
        lock.lock();
        try {
            switch (state) {
                case READY -> {
                    cancelWfiTimeout();
                    enter(VcpuState.PAUSED);
                    runner.block(this);
                }
                case RUNNING -> {
                    if (pending == null) {
                        pending = VcpuState.PAUSED;
                    }
                    requestYield();
                }
                case PAUSED -> { }
                default -> throw refuse("pause");
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resume() {
        lock.lock();
        try {
            switch (state) {
                case PAUSED -> {
                    enter(VcpuState.READY);
                    if (!waiting) {
                        runner.wake(this);
                    } else {
                        armWfiTimeout();
                    }
                }
                case RUNNING -> {
                    if (pending == VcpuState.PAUSED) {
                        pending = null;
                    }
                }
                case READY -> { }
                default -> throw refuse("resume");
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void halt() {
        lock.lock();
        try {
            switch (state) {
                case HALTED -> { }
                case RUNNING -> {
                    pending = VcpuState.HALTED;
                    requestYield();
                }
                default -> {
                    cancelWfiTimeout();
                    enter(VcpuState.HALTED);
                    runner.block(this);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void reset() {
        lock.lock();
        try {
            if (state == VcpuState.RUNNING) {
                pending = VcpuState.RESET;
                requestYield();
                return;
            }
            toReset();
            runner.block(this);
        } finally {
            lock.unlock();
        }
    }

    private void toReset() {
        cancelWfiTimeout();
        context.disarmTimer();
        pins.set(0);
        waiting = false;
        resetArgs = null;
        enter(VcpuState.RESET);
    }

    /**
     * Waits until the VCPU is not RUNNING.
     *
     * @return false on timeout
     */
    public boolean awaitNotRunning(long timeoutNanos) {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (state == VcpuState.RUNNING) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, Long> registers() {
        lock.lock();
        try {
            if (state == VcpuState.RUNNING || engine == null) {
                throw refuse("dump registers" + (engine == null ? " (no engine)" : ""));
            }
            return engine.registers();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SavedState saveEngine() {
        lock.lock();
        try {
            requireStopped("save its engine");
            return engine.save();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void restoreEngine(SavedState s) {
        lock.lock();
        try {
            requireStopped("restore its engine");
            engine.restore(s);
            retired = engine.retired();
        } finally {
            lock.unlock();
        }
    }

    private void requireStopped(String op) {
        if (state == VcpuState.READY || state == VcpuState.RUNNING || engine == null) {
            throw refuse(op + (engine == null ? " (no engine)" : ""));
        }
    }

    // ---- pins and wake-ups

    @Override
    public void setPin(int pin, boolean level) {
        if (pin < 0 || pin > 63) {
            throw new IllegalArgumentException("pin " + pin + " outside 0..63");
        }
        long bit = 1L << pin;
        if (level) {
            long old = pins.getAndUpdate(p -> p | bit);
            if ((old & bit) == 0) {
                wake();
            }
        } else {
            pins.getAndUpdate(p -> p & ~bit);
        }
    }

    @Override
    public long pins() {
        return pins.get();
    }

    /** Ends a wait for an interrupt, if the VCPU waits. Any thread; never blocks for long. */
    public void wake() {
        wakeEpoch.incrementAndGet();
        if (waiting) {
            lock.lock();
            try {
                if (waiting) {
                    waiting = false;
                    cancelWfiTimeout();
                    if (state == VcpuState.READY) {
                        runner.wake(this);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void armWfiTimeout() {
        cancelWfiTimeout();
        if (!host.clock().virtual()) {
            wfiTimeout = host.clock().scheduleAfter(WFI_TIMEOUT_NANOS, this::wake);
        }
    }

    private void cancelWfiTimeout() {
        if (wfiTimeout != null) {
            wfiTimeout.cancel();
            wfiTimeout = null;
        }
    }

    /** Flush request from another hart. */
    void requestFlush(int kinds) {
        VcpuEngine e = engine;
        if (e != null) {
            e.requestFlush(kinds);
        }
    }

    // ---- slices

    /**
     * READY and not waiting, with an engine: enters RUNNING and returns true. Host thread.
     *
     * @param clearYield true for virtual-time members (the scheduler clears flags of its own tasks)
     */
    boolean beginRun(boolean clearYield) {
        lock.lock();
        try {
            if (state != VcpuState.READY || waiting || engine == null) {
                return false;
            }
            if (clearYield) {
                clearYield();
            }
            epochAtStart = wakeEpoch.get();
            enter(VcpuState.RUNNING);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Applies a pending engine reset (kick, HSM start) before the engine runs. Host thread, RUNNING. */
    void applyReset() {
        long[] args;
        lock.lock();
        try {
            args = resetArgs;
            resetArgs = null;
        } finally {
            lock.unlock();
        }
        if (args != null) {
            engine.reset(args[0], args[1], args[2]);
        }
    }

    /**
     * Leaves RUNNING after {@code end}; applies a pending transition. Host thread.
     *
     * @return true when the VCPU is READY and not waiting (it may run on)
     */
    boolean endRun(SliceEnd end) {
        lock.lock();
        try {
            VcpuEngine e = engine;
            if (e != null) {
                retired = e.retired();
            }
            VcpuState next = pending != null ? pending : end == SliceEnd.STOPPED ? VcpuState.RESET : VcpuState.READY;
            pending = null;
            switch (next) {
                case RESET -> toReset();
                case READY -> {
                    enter(VcpuState.READY);
                    if (end == SliceEnd.WAIT) {
                        waiting = true;
                        if (wakeEpoch.get() != epochAtStart) {
                            waiting = false;
                        } else {
                            armWfiTimeout();
                        }
                    }
                }
                default -> enter(next);
            }
            return state == VcpuState.READY && !waiting;
        } finally {
            lock.unlock();
        }
    }

    /** The engine threw: halt, report. Host thread, RUNNING. */
    void engineFailed(Throwable t) {
        lock.lock();
        try {
            pending = VcpuState.HALTED;
        } finally {
            lock.unlock();
        }
        host.vcpuFailed(this, t);
    }

    @Override
    protected SliceOutcome runSlice(HostCpu cpu, long sliceNanos) {
        if (!beginRun(false)) {
            return SliceOutcome.BLOCKED;
        }
        SliceEnd end = SliceEnd.YIELD;
        long start = System.nanoTime();
        long deadline = start + sliceNanos;
        try {
            applyReset();
            VcpuEngine e = engine;
            while (true) {
                long now = System.nanoTime();
                long left = Math.min(deadline - now, CHUNK_NANOS);
                long budget = (long) Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, instructionsPerNano * left));
                long r0 = e.retired();
                end = e.run(budget);
                long t1 = System.nanoTime();
                long done = e.retired() - r0;
                if (done > 0 && t1 > now) {
                    instructionsPerNano = 0.7 * instructionsPerNano + 0.3 * ((double) done / (t1 - now));
                }
                if (end != SliceEnd.BUDGET || yieldRequested() || t1 - deadline >= 0) {
                    break;
                }
            }
        } catch (RuntimeException | Error t) {
            engineFailed(t);
        }
        boolean ready = endRun(end);
        if (!ready) {
            return SliceOutcome.BLOCKED;
        }
        return end == SliceEnd.BUDGET ? SliceOutcome.SLICE_END : SliceOutcome.YIELDED;
    }
}
