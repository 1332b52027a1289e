package hv.core.internal.vcpu;

import java.util.List;
import java.util.function.BooleanSupplier;

import hv.core.guest.VcpuState;
import hv.core.internal.sched.HostCpu;
import hv.core.internal.sched.SchedulerCore;
import hv.core.internal.sched.Task;
import hv.core.internal.time.VirtualClock;
import hv.core.sched.SchedStats;
import hv.core.sched.SliceOutcome;
import hv.core.vcpu.SliceEnd;
import hv.core.vcpu.VcpuEngine;

/**
 * A virtual-time guest as ONE scheduler task: its VCPUs run in turn on the host CPU that runs this
 * task, each for a fixed quantum of instructions, in hart order. Guest time is counted in
 * instructions: a round advances it by its longest member run (at least the quantum); when every
 * VCPU waits, time jumps to the next timer. Timers, deferred device work and console input are
 * served only at quantum boundaries, on this thread, in a fixed order: the same guest with the same
 * inputs produces the same outputs, run after run.
 *
 * <p>Time does not advance while no VCPU of the guest is READY (paused, halted, reset).
 */
public final class VirtualGroup extends Task implements Runner {

    private final List<VcpuImpl> members;
    private final VirtualClock clock;
    private final long quantum;
    private final SchedulerCore core;
    private final Runnable boundary;
    private final BooleanSupplier inputWaiting;

    private final java.util.concurrent.atomic.AtomicInteger holds = new java.util.concurrent.atomic.AtomicInteger();
    private final Object sliceMonitor = new Object();
    private boolean inSlice;
    private volatile long vnow;
    private volatile Thread runnerThread;
    private VcpuImpl current;
    private long quantumBase;
    private long quantumStartRetired;

    /**
     * @param boundary work done at every quantum boundary after timers (console input delivery)
     * @param inputWaiting true when boundary work waits (input staged)
     */
    public VirtualGroup(String guestName, List<VcpuImpl> members, VirtualClock clock, SchedulerCore core,
            Runnable boundary, BooleanSupplier inputWaiting) {
        super(guestName + "/vtime", false, members.get(0).priority(), members.get(0).timeSlice(),
                members.get(0).deadline(), members.get(0).periodicity(), members.get(0).affinity());
        this.members = List.copyOf(members);
        this.clock = clock;
        this.quantum = clock.config().quantum();
        this.core = core;
        this.boundary = boundary;
        this.inputWaiting = inputWaiting;
        clock.bind(this::now, () -> core.wake(this));
    }

    /** Guest time in instructions: exact for the VCPU running its quantum, else the round's start. */
    long now() {
        VcpuImpl c = current;
        if (c != null && Thread.currentThread() == runnerThread) {
            return quantumBase + (c.engine().retired() - quantumStartRetired);
        }
        return vnow;
    }

    @Override
    protected SliceOutcome runSlice(HostCpu cpu, long sliceNanos) {
        synchronized (sliceMonitor) {
            inSlice = true;
        }
        runnerThread = Thread.currentThread();
        long start = System.nanoTime();
        try {
            while (true) {
                if (holds.get() > 0 || !anyLive()) {
                    return SliceOutcome.BLOCKED;
                }
                boolean ran = false;
                long round = quantum;
                for (VcpuImpl v : members) {
                    if (!v.beginRun(true)) {
                        continue;
                    }
                    ran = true;
                    round = Math.max(round, runQuantum(v));
                }
                if (ran) {
                    vnow += round;
                } else {
                    long next = clock.nextDeadline();
                    if (next < 0 && !clock.hasDeferred() && !inputWaiting.getAsBoolean()) {
                        return SliceOutcome.BLOCKED;
                    }
                    if (next > vnow) {
                        vnow = next;
                    }
                }
                clock.serve(vnow);
                boundary.run();
                if (yieldRequested() || System.nanoTime() - start >= sliceNanos) {
                    return anyLive() ? SliceOutcome.SLICE_END : SliceOutcome.BLOCKED;
                }
            }
        } finally {
            runnerThread = null;
            synchronized (sliceMonitor) {
                inSlice = false;
                sliceMonitor.notifyAll();
            }
        }
    }

    /**
     * Waits until the group is between slices (so guest time no longer moves when no VCPU is READY).
     *
     * @return false on timeout
     */
    public boolean awaitOutOfSlice(long timeoutNanos) {
        long end = System.nanoTime() + timeoutNanos;
        synchronized (sliceMonitor) {
            while (inSlice) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    sliceMonitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private long runQuantum(VcpuImpl v) {
        long t0 = System.nanoTime();
        SliceEnd end = SliceEnd.YIELD;
        long executed = 0;
        try {
            v.applyReset();
            VcpuEngine e = v.engine();
            quantumBase = vnow;
            quantumStartRetired = e.retired();
            current = v;
            do {
                end = e.run(quantum - executed);
                executed = e.retired() - quantumStartRetired;
            } while (end == SliceEnd.BUDGET && executed < quantum && !v.yieldRequested());
        } catch (RuntimeException | Error t) {
            v.engineFailed(t);
        } finally {
            current = null;
        }
        v.endRun(end);
        v.accountLocal(System.nanoTime() - t0);
        return executed;
    }

    /** True when some member is READY (possibly waiting): the guest is live and its time may advance. */
    private boolean anyLive() {
        for (VcpuImpl v : members) {
            if (v.state() == VcpuState.READY || v.state() == VcpuState.RUNNING) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops the group at its next round boundary until {@link #release()}: a lifecycle change that
     * touches several VCPUs (kick, resume) then takes effect for all of them at the same guest time.
     */
    public void hold() {
        holds.incrementAndGet();
    }

    /** Ends a {@link #hold()}. */
    public void release() {
        if (holds.decrementAndGet() == 0) {
            core.wake(this);
        }
    }

    /** Guest time in instructions at the last boundary. */
    public long instructions() {
        return vnow;
    }

    // ---- Runner for the members

    @Override
    public void wake(VcpuImpl vcpu) {
        core.wake(this);
    }

    @Override
    public void block(VcpuImpl vcpu) {
        // the group re-checks its members every round
    }

    @Override
    public SchedStats stats(VcpuImpl vcpu) {
        return vcpu.localStats();
    }
}
