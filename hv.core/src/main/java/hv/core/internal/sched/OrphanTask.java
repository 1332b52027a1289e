package hv.core.internal.sched;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.sched.Orphan;
import hv.core.sched.OrphanBody;
import hv.core.sched.SchedStats;
import hv.core.sched.SliceOutcome;

/** An orphan VCPU: platform background work run in slices like a guest VCPU. */
final class OrphanTask extends Task implements Orphan {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanTask.class);

    private final OrphanBody body;
    private final SchedulerCore core;
    private volatile boolean done;

    OrphanTask(String name, int priority, long timeSlice, OrphanBody body, SchedulerCore core) {
        super("orphan/" + name, true, priority, timeSlice, timeSlice * 10, timeSlice * 100, null);
        this.body = body;
        this.core = core;
    }

    @Override
    protected SliceOutcome runSlice(HostCpu cpu, long sliceNanos) {
        clearYield();
        if (done) {
            return SliceOutcome.BLOCKED;
        }
        long start = System.nanoTime();
        OrphanBody.Result r;
        try {
            r = body.run(start + sliceNanos);
        } catch (RuntimeException | Error e) {
            LOG.error("{} failed and is removed", name(), e);
            r = OrphanBody.Result.DONE;
        }
        return switch (r) {
            case MORE -> System.nanoTime() - start >= sliceNanos ? SliceOutcome.SLICE_END : SliceOutcome.YIELDED;
            case IDLE -> SliceOutcome.BLOCKED;
            case DONE -> {
                destroy();
                yield SliceOutcome.BLOCKED;
            }
        };
    }

    @Override
    public void wake() {
        if (!done) {
            core.wake(this);
        }
    }

    @Override
    public void destroy() {
        done = true;
        core.unregister(this);
    }

    @Override
    public SchedStats stats() {
        return core.stats(this);
    }
}
