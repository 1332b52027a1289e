package hv.core.internal.sched;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.sched.EntityInfo;
import hv.core.sched.HostCpuStats;
import hv.core.sched.Orphan;
import hv.core.sched.OrphanBody;
import hv.core.sched.ReadyReason;
import hv.core.sched.SchedEntity;
import hv.core.sched.SchedStats;
import hv.core.sched.Scheduler;
import hv.core.sched.SchedulerPolicy;
import hv.core.sched.SliceOutcome;

/**
 * The scheduler core: host CPU threads, one lock around the active policy, task bookkeeping,
 * wake-ups and preemption, statistics. Lock order: VCPU locks before this lock; nothing is called
 * under this lock but the policy and volatile flag writes.
 *
 * <p>Besides the host CPU threads, one timer thread ({@code hv-sched-timer}) serves policies with
 * time-driven state: it sleeps until {@link SchedulerPolicy#nextEvent()}, calls
 * {@link SchedulerPolicy#tick} and places the entities that became eligible like woken ones.
 */
public final class SchedulerCore implements Scheduler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerCore.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final HostCpu[] cpus;
    private final Set<Task> tasks = new LinkedHashSet<>();
    private final PolicyRegistry registry;
    private SchedulerPolicy policy;
    private volatile boolean closed;
    private final Condition timerWakeup = lock.newCondition();
    private final Thread timerThread;
    /** The instant the timer thread sleeps until; MAX_VALUE while it waits for a signal. */
    private long timerArmed = Long.MAX_VALUE;
    private BitSet orphanAffinity;

    /**
     * Starts {@code hostCpus} host CPU threads.
     *
     * @param preferredPolicy the {@code hv.sched.policy} name, or null
     */
    public SchedulerCore(int hostCpus, String preferredPolicy) {
        this.registry = new PolicyRegistry(preferredPolicy);
        this.policy = registry.best();
        cpus = new HostCpu[hostCpus];
        for (int i = 0; i < hostCpus; i++) {
            HostCpu cpu = new HostCpu(i, lock.newCondition());
            cpus[i] = cpu;
            Thread t = new Thread(() -> loop(cpu), "hv-hcpu" + i);
            t.setDaemon(true);
            cpu.thread = t;
        }
        policy.attach(hostCpus);
        timerThread = new Thread(this::timerLoop, "hv-sched-timer");
        timerThread.setDaemon(true);
        for (HostCpu cpu : cpus) {
            cpu.thread.start();
        }
        timerThread.start();
    }

    // ---- tasks

    /** Makes the scheduler know {@code task} (idle until woken). */
    public void register(Task task) {
        lock.lock();
        try {
            task.removed = false;
            task.registeredAt = System.nanoTime();
            if (task.orphan() && !task.explicitAffinity && task.where == Task.Where.IDLE) {
                task.affinityLocked(orphanAffinity);
            }
            tasks.add(task);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code task}; a running one is dropped when its slice ends. */
    public void unregister(Task task) {
        lock.lock();
        try {
            if (!tasks.remove(task)) {
                return;
            }
            task.removed = true;
            if (task.where == Task.Where.QUEUED) {
                policy.remove(task);
                task.where = Task.Where.IDLE;
                rearmLocked();
            }
            task.requestYield();
        } finally {
            lock.unlock();
        }
    }

    /** Makes {@code task} ready (if idle) or remembers the wake-up (if running). Any thread. */
    public void wake(Task task) {
        lock.lock();
        try {
            if (task.removed || !tasks.contains(task)) {
                return;
            }
            switch (task.where) {
                case IDLE -> enqueueLocked(task, ReadyReason.WOKEN);
                case RUNNING -> task.wakePending = true;
                case QUEUED -> { }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes a ready {@code task} out of the ready set (paused, halted). Any thread. */
    public void block(Task task) {
        lock.lock();
        try {
            if (task.where == Task.Where.QUEUED) {
                policy.remove(task);
                task.readyNanos += System.nanoTime() - task.readySince;
                task.where = Task.Where.IDLE;
                rearmLocked();
            }
            task.wakePending = false;
        } finally {
            lock.unlock();
        }
    }

    private void enqueueLocked(Task t, ReadyReason reason) {
        t.where = Task.Where.QUEUED;
        t.readySince = System.nanoTime();
        policy.enqueue(t, reason);
        dispatchLocked(t, reason == ReadyReason.WOKEN);
        rearmLocked();
    }

    /**
     * Finds a host CPU for a ready task: an idle one it may use (work conservation), else, for a
     * task that just woke (or became eligible), preempts a running one if the policy says so. A task
     * re-queued after its slice never preempts: its own host CPU picks next at once. The victim is the
     * running task on an allowed host CPU that every other candidate would preempt by the policy's own
     * {@link SchedulerPolicy#preempts} order (for priorities: the lowest).
     */
    private void dispatchLocked(Task t, boolean mayPreempt) {
        for (HostCpu cpu : cpus) {
            if (cpu.idle && !cpu.kicked && t.allowedOn(cpu.id)) {
                cpu.kicked = true;
                cpu.wakeup.signal();
                return;
            }
        }
        if (!mayPreempt) {
            return;
        }
        HostCpu victim = null;
        for (HostCpu cpu : cpus) {
            Task cur = cpu.current;
            if (cur != null && t.allowedOn(cpu.id) && !cur.preemptRequested()
                    && (victim == null || policy.preempts(victim.current, cur))) {
                victim = cpu;
            }
        }
        if (victim != null && policy.preempts(t, victim.current)) {
            victim.current.preempt();
            victim.preemptions++;
        }
    }

    // ---- host CPU loop

    private void loop(HostCpu cpu) {
        cpu.bindCurrentThread();
        while (!closed) {
            Task t;
            long slice;
            lock.lock();
            try {
                t = pickLocked(cpu);
                if (t == null) {
                    if (closed) {
                        return;
                    }
                    long now = System.nanoTime();
                    cpu.idle = true;
                    cpu.idleSince = now;
                    cpu.wakeup.awaitUninterruptibly();
                    cpu.idle = false;
                    cpu.kicked = false;
                    cpu.idleNanos += System.nanoTime() - now;
                    continue;
                }
                long now = System.nanoTime();
                t.where = Task.Where.RUNNING;
                t.hostCpu = cpu.id;
                t.lastCpu = cpu;
                t.readyNanos += now - t.readySince;
                t.switches++;
                t.wakePending = false;
                t.clearYield();
                cpu.current = t;
                cpu.switches++;
                slice = Math.max(1, policy.timeSlice(t));
                rearmLocked();
            } finally {
                lock.unlock();
            }
            long start = System.nanoTime();
            SliceOutcome outcome;
            try {
                outcome = t.runSlice(cpu, slice);
            } catch (RuntimeException | Error e) {
                LOG.error("{}: slice failed; the task is blocked", t.name(), e);
                outcome = SliceOutcome.BLOCKED;
            }
            lock.lock();
            try {
                finishLocked(cpu, t, outcome, System.nanoTime() - start);
            } finally {
                lock.unlock();
            }
        }
    }

    private void finishLocked(HostCpu cpu, Task t, SliceOutcome outcome, long ran) {
        cpu.current = null;
        cpu.busyNanos += ran;
        t.runNanos += ran;
        t.hostCpu = -1;
        t.where = Task.Where.IDLE;
        if (outcome != SliceOutcome.BLOCKED && t.preemptRequested()) {
            outcome = SliceOutcome.PREEMPTED;
            t.preemptions++;
        }
        policy.ran(t, ran, outcome);
        if (t.removed) {
            return;
        }
        switch (outcome) {
            case SLICE_END -> enqueueLocked(t, ReadyReason.SLICE_END);
            case PREEMPTED -> enqueueLocked(t, ReadyReason.PREEMPTED);
            case YIELDED -> enqueueLocked(t, ReadyReason.YIELDED);
            case BLOCKED -> {
                if (t.wakePending) {
                    enqueueLocked(t, ReadyReason.WOKEN);
                }
            }
        }
        t.wakePending = false;
        rearmLocked();
    }

    // ---- the policy's timer

    /** Wakes the timer thread when the policy's next event is earlier than the one it sleeps until. */
    private void rearmLocked() {
        if (policy.nextEvent() < timerArmed) {
            timerWakeup.signal();
        }
    }

    private void timerLoop() {
        lock.lock();
        try {
            while (!closed) {
                long next = policy.nextEvent();
                if (next == Long.MAX_VALUE) {
                    timerArmed = Long.MAX_VALUE;
                    timerWakeup.awaitUninterruptibly();
                    continue;
                }
                long now = System.nanoTime();
                if (next - now > 0) {
                    timerArmed = next;
                    try {
                        timerWakeup.awaitNanos(next - now);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                timerArmed = Long.MAX_VALUE;
                List<SchedEntity> eligible;
                try {
                    eligible = policy.tick(now);
                } catch (RuntimeException e) {
                    LOG.error("policy {}: tick failed", registry.nameOf(policy), e);
                    eligible = List.of();
                }
                for (SchedEntity e : eligible) {
                    if (e instanceof Task t && t.where == Task.Where.QUEUED && !t.removed) {
                        dispatchLocked(t, true);
                    }
                }
                if (policy.nextEvent() - now <= 0) {
                    // a policy that breaks the tick contract must not make this thread spin
                    LOG.warn("policy {}: next event not after tick; waiting 1 ms", registry.nameOf(policy));
                    try {
                        timerWakeup.awaitNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("scheduler timer failed; time-driven policies lose their timer", e);
        } finally {
            lock.unlock();
        }
    }

    private Task pickLocked(HostCpu cpu) {
        List<Task> misfits = null;
        Task chosen = null;
        for (int tries = 0; tries <= tasks.size(); tries++) {
            SchedEntity e = policy.pickNext(cpu.id);
            if (e == null) {
                break;
            }
            if (!(e instanceof Task t) || t.where != Task.Where.QUEUED || t.removed) {
                LOG.warn("policy returned {} which is not ready; ignored", e.name());
                continue;
            }
            if (!t.allowedOn(cpu.id)) {
                if (misfits == null) {
                    misfits = new ArrayList<>();
                }
                misfits.add(t);
                continue;
            }
            chosen = t;
            break;
        }
        if (misfits != null) {
            LOG.warn("policy picked {} for host CPU {} against their affinity; re-queued", misfits, cpu.id);
            for (Task m : misfits) {
                policy.enqueue(m, ReadyReason.REBUILD);
            }
        }
        return chosen;
    }

    // ---- policies

    /** A policy service appeared. */
    public void addPolicy(String name, SchedulerPolicy p, int ranking) {
        lock.lock();
        try {
            registry.add(name, p, ranking);
            switchLocked(registry.best(), registry.nameOf(policy));
        } finally {
            lock.unlock();
        }
    }

    /** A policy service went away; the next best takes over at once. */
    public void removePolicy(SchedulerPolicy p) {
        lock.lock();
        try {
            String before = registry.nameOf(policy);
            registry.remove(p);
            switchLocked(registry.best(), before);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void selectPolicy(String name) {
        lock.lock();
        try {
            registry.prefer(name);
            switchLocked(registry.best(), registry.nameOf(policy));
        } finally {
            lock.unlock();
        }
    }

    /** Rebuilds the ready set in the new policy; no host CPU is inside a policy while the lock is held. */
    private void switchLocked(SchedulerPolicy next, String currentName) {
        if (next == policy) {
            return;
        }
        LOG.info("scheduler policy: {} -> {}", currentName, registry.nameOf(next));
        policy = next;
        next.attach(cpus.length);
        List<Task> ready = new ArrayList<>();
        for (Task t : tasks) {
            t.policyData = null;
            if (t.where == Task.Where.QUEUED) {
                ready.add(t);
            }
        }
        ready.sort(Comparator.comparingLong(Task::readySinceLocked).thenComparingLong(Task::id));
        for (Task t : ready) {
            next.enqueue(t, ReadyReason.REBUILD);
        }
        for (HostCpu cpu : cpus) {
            if (cpu.idle) {
                cpu.kicked = true;
                cpu.wakeup.signal();
            }
        }
        timerWakeup.signal();
    }

    @Override
    public String activePolicy() {
        lock.lock();
        try {
            return registry.nameOf(policy);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<String> policies() {
        lock.lock();
        try {
            return registry.names();
        } finally {
            lock.unlock();
        }
    }

    // ---- statistics

    @Override
    public int hostCpuCount() {
        return cpus.length;
    }

    @Override
    public List<HostCpuStats> hostCpus() {
        lock.lock();
        try {
            long now = System.nanoTime();
            List<HostCpuStats> out = new ArrayList<>();
            for (HostCpu c : cpus) {
                long idle = c.idleNanos + (c.idle ? now - c.idleSince : 0);
                out.add(new HostCpuStats(c.id, c.busyNanos, idle, c.switches, c.preemptions,
                        c.current == null ? null : c.current.name(), c.budgetOverruns, c.deadlineMisses));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Statistics of one task. */
    public SchedStats stats(Task t) {
        lock.lock();
        try {
            return t.statsLocked(System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<EntityInfo> entities() {
        lock.lock();
        try {
            long now = System.nanoTime();
            List<EntityInfo> out = new ArrayList<>();
            for (Task t : tasks) {
                String where = switch (t.where) {
                    case QUEUED -> "READY";
                    case RUNNING -> "RUNNING";
                    case IDLE -> "IDLE";
                };
                List<Integer> allowed = new ArrayList<>();
                for (HostCpu c : cpus) {
                    if (t.allowedOn(c.id)) {
                        allowed.add(c.id);
                    }
                }
                out.add(new EntityInfo(t.name(), t.orphan(), t.priority(), where, t.statsLocked(now), t.timeSlice(),
                        t.deadline(), t.periodicity(), List.copyOf(allowed)));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    // ---- affinity

    @Override
    public void setAffinity(String name, BitSet cpus) {
        lock.lock();
        try {
            Task t = findLocked(name);
            checkCpus(cpus);
            boolean all = cpus == null || cpus.isEmpty();
            if (t.orphan()) {
                t.explicitAffinity = !all;
            }
            BitSet effective = all && t.orphan() ? orphanAffinity : cpus;
            requeueLocked(t, () -> t.affinityLocked(effective));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setHostCpu(String name, int cpu) {
        lock.lock();
        try {
            Task t = findLocked(name);
            if (cpu >= cpus.length || cpu < -1) {
                throw new IllegalArgumentException("host CPU " + cpu + " does not exist: host CPUs are 0.."
                        + (cpus.length - 1));
            }
            BitSet aff = t.affinity();
            if (cpu >= 0 && aff != null && !aff.get(cpu)) {
                throw new IllegalArgumentException(name + " may not run on host CPU " + cpu + ": its affinity is "
                        + aff);
            }
            requeueLocked(t, () -> t.pinLocked(cpu));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setOrphanAffinity(BitSet cpus) {
        lock.lock();
        try {
            checkCpus(cpus);
            orphanAffinity = cpus == null || cpus.isEmpty() ? null : (BitSet) cpus.clone();
            for (Task t : tasks) {
                if (t.orphan() && !t.explicitAffinity) {
                    requeueLocked(t, () -> t.affinityLocked(orphanAffinity));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public BitSet orphanAffinity() {
        lock.lock();
        try {
            return orphanAffinity == null ? null : (BitSet) orphanAffinity.clone();
        } finally {
            lock.unlock();
        }
    }

    private Task findLocked(String name) {
        for (Task t : tasks) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no scheduled entity '" + name + "'");
    }

    private void checkCpus(BitSet set) {
        if (set != null && set.length() > cpus.length) {
            throw new IllegalArgumentException("host CPU " + (set.length() - 1) + " does not exist: host CPUs are 0.."
                    + (cpus.length - 1));
        }
    }

    /**
     * Changes a task's placement parameters: a ready task leaves the policy first and re-enters it
     * ({@link ReadyReason#REBUILD}, keeping its ready time), a running one on a host CPU it may no
     * longer use ends its slice at its next block boundary.
     */
    private void requeueLocked(Task t, Runnable change) {
        boolean queued = t.where == Task.Where.QUEUED;
        if (queued) {
            policy.remove(t);
        }
        change.run();
        if (queued) {
            policy.enqueue(t, ReadyReason.REBUILD);
            dispatchLocked(t, false);
        } else if (t.where == Task.Where.RUNNING && t.hostCpu >= 0 && !t.allowedOn(t.hostCpu)) {
            t.requestYield();
        }
        rearmLocked();
    }

    @Override
    public Orphan createOrphan(String name, int priority, long timeSlice, OrphanBody body) {
        if (priority < SchedEntity.MIN_PRIORITY || priority > SchedEntity.MAX_PRIORITY) {
            throw new IllegalArgumentException("orphan priority " + priority + " outside 0..7");
        }
        if (timeSlice <= 0) {
            throw new IllegalArgumentException("orphan time slice must be positive");
        }
        OrphanTask t = new OrphanTask(name, priority, timeSlice, body, this);
        register(t);
        wake(t);
        return t;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (HostCpu cpu : cpus) {
                cpu.wakeup.signal();
            }
            for (Task t : tasks) {
                t.requestYield();
            }
            timerWakeup.signal();
        } finally {
            lock.unlock();
        }
        for (HostCpu cpu : cpus) {
            try {
                cpu.thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
