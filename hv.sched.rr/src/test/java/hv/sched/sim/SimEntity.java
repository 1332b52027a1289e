package hv.sched.sim;

import java.util.ArrayDeque;
import java.util.BitSet;

import hv.core.sched.SchedEntity;

/**
 * A simulated VCPU (or orphan): its scheduling parameters, its workload (work arriving at given
 * virtual times; it blocks when it has none) and the statistics the core would keep for it.
 */
public final class SimEntity implements SchedEntity {

    /** Work to add at a virtual time. */
    record Release(long at, long work) {
    }

    enum Where { IDLE, QUEUED, RUNNING }

    private static long ids;

    private final String name;
    private final long id = ++ids;
    private final int priority;
    private final long timeSlice;
    private final long deadline;
    private final long periodicity;
    private final boolean orphan;
    BitSet affinity;
    private Object policyData;

    // the workload
    final ArrayDeque<Release> script = new ArrayDeque<>();
    long periodicWork;
    long periodicEvery;
    long nextPeriodicRelease = -1;
    long work;

    // the core's view
    Where where = Where.IDLE;
    int cpu = -1;
    boolean wakePending;
    boolean preemptRequested;
    long readySince;
    long sliceStart;
    long sliceGen;
    long sliceEndPlanned;

    // statistics
    long runNanos;
    long readyNanos;
    long switches;
    long preemptions;
    long budgetOverruns;
    long deadlineMisses;
    long workDone;
    long[] runOn;

    SimEntity(String name, int priority, long timeSlice, long deadline, long periodicity, BitSet affinity,
            boolean orphan) {
        this.name = name;
        this.priority = priority;
        this.timeSlice = timeSlice;
        this.deadline = deadline;
        this.periodicity = periodicity;
        this.affinity = affinity == null || affinity.isEmpty() ? null : (BitSet) affinity.clone();
        this.orphan = orphan;
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
    public boolean allowedOn(int hostCpu) {
        return affinity == null || affinity.get(hostCpu);
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
        budgetOverruns++;
    }

    @Override
    public void countDeadlineMiss() {
        deadlineMisses++;
    }

    public long runNanos() {
        return runNanos;
    }

    public long readyNanos() {
        return readyNanos;
    }

    public long switches() {
        return switches;
    }

    public long preemptions() {
        return preemptions;
    }

    public long budgetOverruns() {
        return budgetOverruns;
    }

    public long deadlineMisses() {
        return deadlineMisses;
    }

    /** CPU time spent on its work (equals run time). */
    public long workDone() {
        return workDone;
    }

    /** Run time on host CPU {@code c}. */
    public long runOn(int c) {
        return runOn[c];
    }

    /** Work not done yet. */
    public long backlog() {
        return work;
    }

    @Override
    public String toString() {
        return name;
    }
}
