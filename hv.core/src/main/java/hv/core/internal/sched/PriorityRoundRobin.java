package hv.core.internal.sched;

import java.util.ArrayDeque;
import java.util.Iterator;

import hv.core.sched.ReadyReason;
import hv.core.sched.SchedEntity;
import hv.core.sched.SchedulerPolicy;

/**
 * The built-in policy, Xvisor's priority round robin: one FIFO per priority level; the highest
 * non-empty level runs first; an entity that used its slice (or yielded) goes to the tail of its
 * level, a preempted one back to the head (it resumes its turn); a newly ready entity preempts a
 * running one only when its priority is strictly higher. Affinity: the first entity of the highest
 * level that may run on the asking host CPU.
 */
public final class PriorityRoundRobin implements SchedulerPolicy {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ArrayDeque<SchedEntity>[] levels = new ArrayDeque[SchedEntity.MAX_PRIORITY + 1];

    public PriorityRoundRobin() {
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new ArrayDeque<>();
        }
    }

    private ArrayDeque<SchedEntity> level(SchedEntity e) {
        return levels[Math.max(SchedEntity.MIN_PRIORITY, Math.min(SchedEntity.MAX_PRIORITY, e.priority()))];
    }

    @Override
    public void attach(int hostCpuCount) {
        for (ArrayDeque<SchedEntity> l : levels) {
            l.clear();
        }
    }

    @Override
    public void enqueue(SchedEntity e, ReadyReason reason) {
        if (reason == ReadyReason.PREEMPTED) {
            level(e).addFirst(e);
        } else {
            level(e).addLast(e);
        }
    }

    @Override
    public void remove(SchedEntity e) {
        level(e).remove(e);
    }

    @Override
    public SchedEntity pickNext(int hostCpu) {
        for (int p = levels.length - 1; p >= 0; p--) {
            Iterator<SchedEntity> it = levels[p].iterator();
            while (it.hasNext()) {
                SchedEntity e = it.next();
                if (e.allowedOn(hostCpu)) {
                    it.remove();
                    return e;
                }
            }
        }
        return null;
    }
}
