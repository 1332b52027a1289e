package hv.core.internal.sched;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

import hv.core.sched.SchedEntity;
import hv.core.sched.SchedStats;
import hv.core.sched.SliceOutcome;

/**
 * Something the scheduler runs in slices on host CPUs: a guest VCPU, a virtual-time guest, or an
 * orphan. Fields marked "sched" are guarded by the {@link SchedulerCore} lock.
 */
public abstract class Task implements SchedEntity {

    private static final AtomicLong IDS = new AtomicLong();

    /** Where the scheduler has the task. */
    enum Where { IDLE, QUEUED, RUNNING }

    private final String name;
    private final long id = IDS.incrementAndGet();
    private final boolean orphan;
    private final int priority;
    private final long timeSlice;
    private final long deadline;
    private final long periodicity;
    // written under the scheduler lock (set_affinity, set_hcpu), read by policies under it and by
    // anyone through affinity()
    private volatile BitSet affinity;
    private volatile int pin = -1;

    private volatile boolean yieldRequested;
    private volatile boolean preemptRequested;

    // sched
    Where where = Where.IDLE;
    boolean wakePending;
    boolean removed;
    int hostCpu = -1;
    Object policyData;
    long readySince;
    long runNanos;
    long readyNanos;
    long switches;
    long preemptions;
    long budgetOverruns;
    long deadlineMisses;
    long registeredAt = System.nanoTime();
    boolean explicitAffinity;
    HostCpu lastCpu;

    protected Task(String name, boolean orphan, int priority, long timeSlice, long deadline, long periodicity,
            BitSet affinity) {
        this.name = name;
        this.orphan = orphan;
        this.priority = priority;
        this.timeSlice = timeSlice;
        this.deadline = deadline;
        this.periodicity = periodicity;
        this.affinity = affinity == null || affinity.isEmpty() ? null : (BitSet) affinity.clone();
    }

    /**
     * Runs one slice on the calling host CPU thread, outside every scheduler lock.
     *
     * @return {@link SliceOutcome#BLOCKED} when the task cannot run on (it waits for something), any
     *         other outcome when it is ready again
     */
    protected abstract SliceOutcome runSlice(HostCpu cpu, long sliceNanos);

    /** Asks the running slice to end at its next block boundary. Any thread; never blocks. */
    public void requestYield() {
        yieldRequested = true;
    }

    /** True when the running slice should end. */
    public boolean yieldRequested() {
        return yieldRequested;
    }

    void preempt() {
        preemptRequested = true;
        yieldRequested = true;
    }

    /** True when the scheduler preempted the current slice. */
    boolean preemptRequested() {
        return preemptRequested;
    }

    /** Clears the yield flags at the start of a slice. */
    protected void clearYield() {
        yieldRequested = false;
        preemptRequested = false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public long timeSlice() {
        return timeSlice;
    }

    @Override
    public long deadline() {
        return deadline;
    }

    @Override
    public long periodicity() {
        return periodicity;
    }

    @Override
    public boolean allowedOn(int cpu) {
        int p = pin;
        if (p >= 0) {
            return p == cpu;
        }
        BitSet a = affinity;
        return a == null || a.get(cpu);
    }

    /** Sets the affinity (null: all) and drops a pin. Scheduler lock held, task not in a ready set. */
    void affinityLocked(BitSet cpus) {
        affinity = cpus == null || cpus.isEmpty() ? null : (BitSet) cpus.clone();
        pin = -1;
    }

    /** Pins the task to one host CPU (-1: none). Scheduler lock held, task not in a ready set. */
    void pinLocked(int cpu) {
        pin = cpu;
    }

    int pin() {
        return pin;
    }

    /** The allowed host CPUs, or null for all. */
    public BitSet affinity() {
        BitSet a = affinity;
        return a == null ? null : (BitSet) a.clone();
    }

    @Override
    public boolean orphan() {
        return orphan;
    }

    @Override
    public Object policyData() {
        return policyData;
    }

    @Override
    public void policyData(Object data) {
        policyData = data;
    }

    @Override
    public void countBudgetOverrun() {
        // called by the policy under the scheduler lock
        budgetOverruns++;
        HostCpu c = lastCpu;
        if (c != null) {
            c.budgetOverruns++;
        }
    }

    @Override
    public void countDeadlineMiss() {
        // called by the policy under the scheduler lock
        deadlineMisses++;
        HostCpu c = lastCpu;
        if (c != null) {
            c.deadlineMisses++;
        }
    }

    long readySinceLocked() {
        return readySince;
    }

    /** A statistics snapshot (taken under the scheduler lock by {@link SchedulerCore#stats}). */
    SchedStats statsLocked(long now) {
        long ready = readyNanos + (where == Where.QUEUED ? now - readySince : 0);
        return new SchedStats(runNanos, ready, switches, preemptions, hostCpu, budgetOverruns, deadlineMisses,
                now - registeredAt);
    }

    @Override
    public String toString() {
        return name;
    }
}
