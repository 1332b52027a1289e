package hv.sched.sim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import hv.core.sched.ReadyReason;
import hv.core.sched.SchedEntity;
import hv.core.sched.SchedulerPolicy;
import hv.core.sched.SliceOutcome;

/**
 * A discrete-event simulator of hv.core's scheduler core in virtual nanoseconds: N host CPUs drive a
 * {@link SchedulerPolicy} exactly as {@code SchedulerCore} does (enqueue with the same reasons, the
 * same dispatch to idle host CPUs and the same preemption victim choice, pickNext, timeSlice, ran,
 * remove, attach and REBUILD on a swap, nextEvent/tick served by a timer), so a policy's behaviour
 * can be checked deterministically over long runs. Entities carry workloads: work (CPU nanoseconds)
 * released at given times; an entity without work blocks, and wakes when work arrives.
 *
 * <p>It also checks what the core checks: a pick must be a ready entity allowed on that host CPU;
 * {@link #violations()} lists every breach (a test asserts it is empty).
 */
public final class SchedSim {

    /** One slice of the trace: {@code entity} ran on {@code cpu} from {@code start} to {@code end}. */
    public record Slice(int cpu, String entity, long start, long end, SliceOutcome outcome) {
    }

    private record Event(long at, long seq, int kind, Object target, long gen) {
    }

    private static final int PICK = 0;
    private static final int END = 1;
    private static final int RELEASE = 2;
    private static final int TICK = 3;
    private static final int ACTION = 4;

    private final class Cpu {
        final int id;
        boolean idle = true;
        boolean kicked;
        long idleSince;
        SimEntity current;
        long busy;
        long switches;
        long preemptions;

        Cpu(int id) {
            this.id = id;
        }
    }

    private final Cpu[] cpus;
    private final PriorityQueue<Event> events = new PriorityQueue<>(
            Comparator.comparingLong(Event::at).thenComparingLong(Event::seq));
    private final List<SimEntity> entities = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<Slice> trace = new ArrayList<>();
    private SchedulerPolicy policy;
    private long now;
    private long seq;
    private long timerArmed = Long.MAX_VALUE;
    private long timerGen;
    private long preemptLatency;
    private boolean tracing;

    public SchedSim(int hostCpus) {
        cpus = new Cpu[hostCpus];
        for (int i = 0; i < hostCpus; i++) {
            cpus[i] = new Cpu(i);
        }
    }

    /** The virtual clock, for policies that read the time. */
    public long now() {
        return now;
    }

    /** Delay between a preemption request and the victim's slice end (the next block boundary). */
    public SchedSim preemptLatency(long nanos) {
        preemptLatency = nanos;
        return this;
    }

    /** Records every slice in {@link #trace()}. */
    public SchedSim tracing(boolean on) {
        tracing = on;
        return this;
    }

    /** Makes {@code p} the active policy now, rebuilding the ready set as the core does. */
    public void policy(SchedulerPolicy p) {
        policy = p;
        p.attach(cpus.length);
        List<SimEntity> ready = new ArrayList<>();
        for (SimEntity e : entities) {
            e.policyData(null);
            if (e.where == SimEntity.Where.QUEUED) {
                ready.add(e);
            }
        }
        ready.sort(Comparator.comparingLong((SimEntity e) -> e.readySince).thenComparingLong(SimEntity::id));
        for (SimEntity e : ready) {
            p.enqueue(e, ReadyReason.REBUILD);
        }
        for (Cpu c : cpus) {
            if (c.idle && !c.kicked) {
                c.kicked = true;
                schedule(now, PICK, c, 0);
            }
        }
        timerArmed = Long.MAX_VALUE;
        rearm();
    }

    /** Adds an entity (idle until its workload releases work). */
    public SimEntity add(String name, int priority, long timeSlice, long deadline, long periodicity, BitSet affinity) {
        return add(name, priority, timeSlice, deadline, periodicity, affinity, false);
    }

    public SimEntity add(String name, int priority, long timeSlice, long deadline, long periodicity, BitSet affinity,
            boolean orphan) {
        SimEntity e = new SimEntity(name, priority, timeSlice, deadline, periodicity, affinity, orphan);
        e.runOn = new long[cpus.length];
        entities.add(e);
        return e;
    }

    /** An entity with the Xvisor defaults derived from its slice: deadline 10 x slice, period 10 x deadline. */
    public SimEntity add(String name, int priority, long timeSlice) {
        return add(name, priority, timeSlice, 10 * timeSlice, 100 * timeSlice, null);
    }

    /** Workload: always busy from {@code at} on. */
    public SimEntity busy(SimEntity e, long at) {
        schedule(at, RELEASE, new Object[] {e, Long.MAX_VALUE / 4}, 0);
        return e;
    }

    /** Workload: {@code work} nanoseconds of CPU released at {@code at}. */
    public SimEntity work(SimEntity e, long at, long work) {
        schedule(at, RELEASE, new Object[] {e, work}, 0);
        return e;
    }

    /** Workload: {@code work} nanoseconds released every {@code every} nanoseconds from {@code first} on. */
    public SimEntity periodic(SimEntity e, long first, long every, long work) {
        e.periodicEvery = every;
        e.periodicWork = work;
        schedule(first, RELEASE, new Object[] {e, -1L}, 0);
        return e;
    }

    /** Runs {@code action} at virtual time {@code at} (a policy swap, an affinity change...). */
    public void at(long at, Runnable action) {
        schedule(at, ACTION, action, 0);
    }

    /** Changes an entity's affinity now, as {@code SchedulerCore.setAffinity} does. */
    public void setAffinity(SimEntity e, BitSet cpusAllowed) {
        boolean queued = e.where == SimEntity.Where.QUEUED;
        if (queued) {
            policy.remove(e);
        }
        e.affinity = cpusAllowed == null || cpusAllowed.isEmpty() ? null : (BitSet) cpusAllowed.clone();
        if (queued) {
            policy.enqueue(e, ReadyReason.REBUILD);
            dispatch(e, false);
        } else if (e.where == SimEntity.Where.RUNNING && !e.allowedOn(e.cpu)) {
            requestEnd(e, false);
        }
        rearm();
    }

    /** Takes an entity out of the ready set (a pause), as {@code SchedulerCore.block} does. */
    public void block(SimEntity e) {
        if (e.where == SimEntity.Where.QUEUED) {
            policy.remove(e);
            e.readyNanos += now - e.readySince;
            e.where = SimEntity.Where.IDLE;
            rearm();
        }
        e.wakePending = false;
    }

    /** Runs the simulation up to virtual time {@code end}. */
    public void runUntil(long end) {
        while (!events.isEmpty() && events.peek().at() <= end) {
            Event ev = events.poll();
            now = ev.at();
            switch (ev.kind()) {
                case PICK -> pick((Cpu) ev.target());
                case END -> {
                    Cpu c = (Cpu) ev.target();
                    if (c.current != null && c.current.sliceGen == ev.gen()) {
                        end(c);
                    }
                }
                case RELEASE -> release((Object[]) ev.target());
                case TICK -> {
                    if (ev.gen() == timerGen) {
                        tick();
                    }
                }
                case ACTION -> ((Runnable) ev.target()).run();
                default -> throw new IllegalStateException();
            }
        }
        now = end;
    }

    // ---- the core's behaviour

    private void schedule(long at, int kind, Object target, long gen) {
        events.add(new Event(at, seq++, kind, target, gen));
    }

    private void release(Object[] r) {
        SimEntity e = (SimEntity) r[0];
        long w = (Long) r[1];
        if (w < 0) {
            w = e.periodicWork;
            schedule(now + e.periodicEvery, RELEASE, r, 0);
        }
        e.work += w;
        wake(e);
    }

    private void wake(SimEntity e) {
        switch (e.where) {
            case IDLE -> enqueue(e, ReadyReason.WOKEN);
            case RUNNING -> e.wakePending = true;
            case QUEUED -> { }
        }
    }

    private void enqueue(SimEntity e, ReadyReason reason) {
        e.where = SimEntity.Where.QUEUED;
        e.readySince = now;
        policy.enqueue(e, reason);
        dispatch(e, reason == ReadyReason.WOKEN);
        rearm();
    }

    private void dispatch(SimEntity e, boolean mayPreempt) {
        for (Cpu c : cpus) {
            if (c.idle && !c.kicked && e.allowedOn(c.id)) {
                c.kicked = true;
                schedule(now, PICK, c, 0);
                return;
            }
        }
        if (!mayPreempt) {
            return;
        }
        Cpu victim = null;
        for (Cpu c : cpus) {
            SimEntity cur = c.current;
            if (cur != null && e.allowedOn(c.id) && !cur.preemptRequested
                    && (victim == null || policy.preempts(victim.current, cur))) {
                victim = c;
            }
        }
        if (victim != null && policy.preempts(e, victim.current)) {
            victim.preemptions++;
            requestEnd(victim.current, true);
        }
    }

    private void requestEnd(SimEntity running, boolean preempt) {
        if (preempt) {
            running.preemptRequested = true;
        }
        Cpu c = cpus[running.cpu];
        long at = now + preemptLatency;
        if (at < running.sliceStart + sliceLength(running)) {
            running.sliceGen++;
            schedule(at, END, c, running.sliceGen);
        }
    }

    private long sliceLength(SimEntity e) {
        return e.sliceEndPlanned;
    }

    private void pick(Cpu c) {
        if (c.current != null) {
            c.kicked = false;
            return;
        }
        boolean wasIdle = c.idle;
        SimEntity e = null;
        List<SimEntity> misfits = new ArrayList<>();
        for (int tries = 0; tries <= entities.size(); tries++) {
            SchedEntity s = policy.pickNext(c.id);
            if (s == null) {
                break;
            }
            if (!(s instanceof SimEntity se) || se.where != SimEntity.Where.QUEUED) {
                violations.add(now + ": policy returned " + s + " which is not ready");
                continue;
            }
            if (!se.allowedOn(c.id)) {
                violations.add(now + ": policy picked " + se + " for host CPU " + c.id + " against its affinity");
                misfits.add(se);
                continue;
            }
            e = se;
            break;
        }
        for (SimEntity m : misfits) {
            policy.enqueue(m, ReadyReason.REBUILD);
        }
        c.kicked = false;
        if (e == null) {
            if (!wasIdle) {
                c.idle = true;
                c.idleSince = now;
            }
            rearm();
            return;
        }
        c.idle = false;
        e.where = SimEntity.Where.RUNNING;
        e.cpu = c.id;
        e.readyNanos += now - e.readySince;
        e.switches++;
        e.wakePending = false;
        e.preemptRequested = false;
        c.current = e;
        c.switches++;
        long slice = Math.max(1, policy.timeSlice(e));
        e.sliceStart = now;
        e.sliceEndPlanned = Math.min(slice, e.work);
        e.sliceGen++;
        schedule(now + e.sliceEndPlanned, END, c, e.sliceGen);
        rearm();
    }

    private void end(Cpu c) {
        SimEntity e = c.current;
        long ran = now - e.sliceStart;
        e.work -= ran;
        e.workDone += ran;
        e.runNanos += ran;
        e.runOn[c.id] += ran;
        c.busy += ran;
        c.current = null;
        e.cpu = -1;
        e.where = SimEntity.Where.IDLE;
        SliceOutcome outcome;
        if (e.work <= 0) {
            e.work = 0;
            outcome = SliceOutcome.BLOCKED;
        } else if (e.preemptRequested) {
            outcome = SliceOutcome.PREEMPTED;
            e.preemptions++;
        } else if (ran < e.sliceEndPlanned) {
            outcome = SliceOutcome.YIELDED; // ended early without preemption: an affinity move
        } else {
            outcome = SliceOutcome.SLICE_END;
        }
        if (tracing) {
            trace.add(new Slice(c.id, e.name(), e.sliceStart, now, outcome));
        }
        policy.ran(e, ran, outcome);
        switch (outcome) {
            case SLICE_END -> enqueue(e, ReadyReason.SLICE_END);
            case PREEMPTED -> enqueue(e, ReadyReason.PREEMPTED);
            case YIELDED -> enqueue(e, ReadyReason.YIELDED);
            case BLOCKED -> {
                if (e.wakePending || e.work > 0) {
                    enqueue(e, ReadyReason.WOKEN);
                }
            }
        }
        e.wakePending = false;
        e.preemptRequested = false;
        // the host CPU loops and picks at once
        pick(c);
        rearm();
    }

    private void rearm() {
        long next = policy.nextEvent();
        if (next < timerArmed) {
            timerArmed = next;
            timerGen++;
            schedule(Math.max(next, now), TICK, null, timerGen);
        }
    }

    private void tick() {
        timerArmed = Long.MAX_VALUE;
        long next = policy.nextEvent();
        if (next > now) {
            rearm();
            return;
        }
        for (SchedEntity s : policy.tick(now)) {
            if (s instanceof SimEntity e && e.where == SimEntity.Where.QUEUED) {
                dispatch(e, true);
            }
        }
        if (policy.nextEvent() <= now) {
            violations.add(now + ": nextEvent not after tick");
            return;
        }
        rearm();
    }

    // ---- results

    /** Breaches of the SPI contract seen (empty for a correct policy). */
    public List<String> violations() {
        return violations;
    }

    /** The recorded slices (with {@link #tracing(boolean)}). */
    public List<Slice> trace() {
        return trace;
    }

    public List<SimEntity> entities() {
        return entities;
    }

    /** Busy time of host CPU {@code c}. */
    public long busy(int c) {
        return cpus[c].busy;
    }

    public long cpuSwitches(int c) {
        return cpus[c].switches;
    }

    public long cpuPreemptions(int c) {
        return cpus[c].preemptions;
    }

    /** What runs on host CPU {@code c} now, or null. */
    public SimEntity running(int c) {
        return cpus[c].current;
    }

    public int hostCpus() {
        return cpus.length;
    }
}
