package hv.core.internal.sched;

import java.util.concurrent.locks.Condition;

/** One host CPU: a platform worker thread that runs tasks in slices. Fields guarded by the scheduler lock. */
public final class HostCpu {

    private static final ThreadLocal<HostCpu> CURRENT = new ThreadLocal<>();

    final int id;
    final Condition wakeup;
    Thread thread;
    Task current;
    boolean idle;
    boolean kicked;
    long idleSince;
    long busyNanos;
    long idleNanos;
    long switches;
    long preemptions;
    long budgetOverruns;
    long deadlineMisses;

    HostCpu(int id, Condition wakeup) {
        this.id = id;
        this.wakeup = wakeup;
    }

    /** Host CPU number. */
    public int id() {
        return id;
    }

    /** The host CPU the calling thread is, or null when it is not a host CPU thread. */
    public static HostCpu current() {
        return CURRENT.get();
    }

    /** True on a host CPU thread: such threads never wait for guests to stop. */
    public static boolean onHostCpu() {
        return CURRENT.get() != null;
    }

    void bindCurrentThread() {
        CURRENT.set(this);
    }
}
