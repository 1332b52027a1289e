package hv.sched.rms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import hv.core.sched.ReadyReason;
import hv.core.sched.SchedEntity;
import hv.core.sched.SchedulerPolicy;
import hv.core.sched.SliceOutcome;

/**
 * Priority rate monotonic with budgets and deadlines, registered as the {@value #NAME_VALUE} policy
 * (service ranking 0: the "rr" policy, ranked 10, is the default; choose this one with
 * {@code hv.sched.policy=rms} or {@code Scheduler.selectPolicy("rms")}).
 *
 * <p><b>Order.</b> Priorities 0..7, a higher value wins; within a level the shortest
 * {@code periodicity} runs first (Xvisor's rate monotonic); equal periods take turns (FIFO: a used
 * slice goes to the tail, a preempted entity back to the head). A newly ready or replenished entity
 * preempts a running one of lower priority, or of the same priority and a longer period.
 *
 * <p><b>Budgets (beyond Xvisor).</b> Each entity has periods of {@code periodicity} nanoseconds,
 * aligned to the moment this policy first saw it ready; its budget is {@code time_slice} nanoseconds
 * of run time per period. A slice is never longer than what is left of the budget. An entity that
 * wants to run after using its budget stays in the ready set but is not eligible ("throttled") until
 * its next period begins; {@link #nextEvent()} tells the core when, and {@link #tick} hands it back
 * for placement (idle host CPU or preemption). Each throttled period counts one budget overrun.
 * Orphans (platform background work) are ordered the same way but not throttled unless
 * {@value #ORPHAN_BUDGETS_PROPERTY}{@code =on}; {@value #BUDGETS_PROPERTY}{@code =off} turns
 * enforcement off for everyone (pure Xvisor rate monotonic).
 *
 * <p><b>Deadlines (beyond Xvisor).</b> At {@code period start + deadline} of every period in which
 * an entity is active (ready, throttled or running), it is checked: if it is still ready or running
 * and has used less than its budget, its work was not done in time and one deadline miss is counted.
 * An entity that blocked (WFI, no work) before its deadline misses nothing.
 *
 * <p><b>Structure.</b> One global ready set honouring affinity: per affinity mask a tree ordered by
 * (priority, period, turn); host CPU {@code c} compares the first entry of each tree allowed on it.
 * Throttled entities and pending deadline checks are trees ordered by time. Enqueue, remove and
 * tick are O(log n); a pick is O(k log n) for k distinct affinity masks among ready entities.
 */
@Component(service = SchedulerPolicy.class, property = {
        SchedulerPolicy.NAME + "=" + RateMonotonic.NAME_VALUE,
        "service.ranking:Integer=0" })
public final class RateMonotonic implements SchedulerPolicy {

    /** The policy's name ({@code hv.sched.name}). */
    public static final String NAME_VALUE = "rms";
    /** Framework property: {@code off} disables budget enforcement (default {@code on}). */
    public static final String BUDGETS_PROPERTY = "hv.sched.rms.budgets";
    /** Framework property: {@code on} enforces budgets of orphan VCPUs too (default {@code off}). */
    public static final String ORPHAN_BUDGETS_PROPERTY = "hv.sched.rms.orphan-budgets";

    private static final long NONE = Long.MIN_VALUE;
    /** Beyond this many affinity classes, classes without ready entities are dropped. */
    private static final int CLASS_PRUNE = 32;

    enum State { IDLE, READY, THROTTLED, RUNNING }

    /** Per-entity data, kept in {@link SchedEntity#policyData()}. */
    static final class Node {
        final SchedEntity entity;
        final long uid;
        State state = State.IDLE;
        int priority;
        long period;
        long budget;
        long deadline;
        AffinityClass cls;
        long seq;
        // the period grid and the budget used in the current period
        long anchor = NONE;
        long periodIndex;
        long used;
        boolean overrunCounted;
        long pickedAt;
        long replenishAt;
        long deadlineAt = NONE;

        Node(SchedEntity entity, long uid) {
            this.entity = entity;
            this.uid = uid;
        }

        long periodStart(long k) {
            return anchor + k * period;
        }
    }

    private static final Comparator<Node> READY_ORDER = (a, b) -> {
        if (a.priority != b.priority) {
            return Integer.compare(b.priority, a.priority);
        }
        if (a.period != b.period) {
            return Long.compare(a.period, b.period);
        }
        if (a.seq != b.seq) {
            return Long.compare(a.seq, b.seq);
        }
        return Long.compare(a.uid, b.uid);
    };

    /** Entities with one affinity mask. */
    static final class AffinityClass {
        final long[] mask;
        final TreeSet<Node> ready = new TreeSet<>(READY_ORDER);

        AffinityClass(long[] mask) {
            this.mask = mask;
        }

        boolean allows(int cpu) {
            return (mask[cpu >>> 6] & (1L << cpu)) != 0;
        }
    }

    private final LongSupplier clock;
    private boolean enforce;
    private boolean enforceOrphans;

    private int hostCpus = 1;
    private long[] scratch = new long[1];
    private final List<AffinityClass> classes = new ArrayList<>();
    private AffinityClass[][] classesOf = new AffinityClass[][] {new AffinityClass[0]};
    private final TreeSet<Node> throttled = new TreeSet<>(
            Comparator.comparingLong((Node n) -> n.replenishAt).thenComparingLong(n -> n.uid));
    private final TreeSet<Node> deadlines = new TreeSet<>(
            Comparator.comparingLong((Node n) -> n.deadlineAt).thenComparingLong(n -> n.uid));
    private long tailSeq;
    private long headSeq;
    private long uids;

    /** The DS constructor: the core's clock, enforcement from framework properties. */
    @Activate
    public RateMonotonic(BundleContext context) {
        this(System::nanoTime, !"off".equalsIgnoreCase(String.valueOf(context.getProperty(BUDGETS_PROPERTY)).trim()),
                "on".equalsIgnoreCase(String.valueOf(context.getProperty(ORPHAN_BUDGETS_PROPERTY)).trim()));
    }

    /**
     * @param clock nanoseconds on the scale of {@link System#nanoTime()} (tests: a virtual clock)
     * @param enforceBudgets throttle entities that used their budget
     * @param enforceOrphanBudgets throttle orphans too
     */
    public RateMonotonic(LongSupplier clock, boolean enforceBudgets, boolean enforceOrphanBudgets) {
        this.clock = clock;
        this.enforce = enforceBudgets;
        this.enforceOrphans = enforceOrphanBudgets;
        attach(1);
    }

    @Override
    public void attach(int hostCpuCount) {
        hostCpus = Math.max(1, hostCpuCount);
        scratch = new long[(hostCpus + 63) >>> 6];
        classes.clear();
        classesOf = new AffinityClass[hostCpus][];
        Arrays.fill(classesOf, new AffinityClass[0]);
        throttled.clear();
        deadlines.clear();
        tailSeq = 0;
        headSeq = 0;
    }

    @Override
    public void enqueue(SchedEntity e, ReadyReason reason) {
        Node n = node(e);
        if (n.state == State.READY || n.state == State.THROTTLED) {
            return; // the core never does this; be robust anyway
        }
        n.priority = Math.max(SchedEntity.MIN_PRIORITY, Math.min(SchedEntity.MAX_PRIORITY, e.priority()));
        n.budget = Math.max(1, e.timeSlice());
        n.period = Math.max(n.budget, e.periodicity());
        n.deadline = Math.max(1, Math.min(n.period, e.deadline()));
        n.cls = classFor(e, n.cls);
        long now = clock.getAsLong();
        roll(n, now);
        if (enforced(n) && n.used >= n.budget) {
            throttle(n);
        } else {
            n.state = State.READY;
            n.seq = reason == ReadyReason.PREEMPTED ? --headSeq : ++tailSeq;
            n.cls.ready.add(n);
        }
        armDeadline(n, now);
    }

    @Override
    public void remove(SchedEntity e) {
        if (!(e.policyData() instanceof Node n) || n.entity != e) {
            return;
        }
        switch (n.state) {
            case READY -> {
                n.cls.ready.remove(n);
                pruneIfEmpty(n.cls);
            }
            case THROTTLED -> throttled.remove(n);
            default -> { }
        }
        n.state = State.IDLE;
        cancelDeadline(n);
    }

    @Override
    public SchedEntity pickNext(int hostCpu) {
        if (hostCpu < 0 || hostCpu >= hostCpus) {
            return null;
        }
        Node best = null;
        for (AffinityClass c : classesOf[hostCpu]) {
            if (!c.ready.isEmpty()) {
                Node h = c.ready.first();
                if (best == null || READY_ORDER.compare(h, best) < 0) {
                    best = h;
                }
            }
        }
        if (best == null) {
            return null;
        }
        best.cls.ready.remove(best);
        pruneIfEmpty(best.cls);
        best.state = State.RUNNING;
        best.pickedAt = clock.getAsLong();
        roll(best, best.pickedAt);
        return best.entity;
    }

    @Override
    public long timeSlice(SchedEntity e) {
        if (!(e.policyData() instanceof Node n) || n.entity != e || !enforced(n)) {
            return e.timeSlice();
        }
        roll(n, clock.getAsLong());
        return Math.max(1, Math.min(e.timeSlice(), n.budget - n.used));
    }

    @Override
    public boolean preempts(SchedEntity woken, SchedEntity running) {
        if (woken.policyData() instanceof Node n && n.entity == woken && n.state == State.THROTTLED) {
            return false;
        }
        if (woken.priority() != running.priority()) {
            return woken.priority() > running.priority();
        }
        return woken.periodicity() < running.periodicity();
    }

    @Override
    public void ran(SchedEntity e, long nanos, SliceOutcome outcome) {
        Node n = node(e);
        long now = clock.getAsLong();
        if (n.anchor == NONE) {
            // picked by another policy before a swap: start the grid where its slice started
            n.priority = e.priority();
            n.budget = Math.max(1, e.timeSlice());
            n.period = Math.max(n.budget, e.periodicity());
            n.deadline = Math.max(1, Math.min(n.period, e.deadline()));
            n.anchor = now - nanos;
        }
        roll(n, now);
        n.used += Math.max(0, Math.min(nanos, now - n.periodStart(n.periodIndex)));
        if (n.state == State.RUNNING) {
            n.state = State.IDLE;
        }
        if (outcome == SliceOutcome.BLOCKED) {
            cancelDeadline(n); // it waits: its work is done
        }
    }

    @Override
    public long nextEvent() {
        long next = Long.MAX_VALUE;
        if (!throttled.isEmpty()) {
            next = throttled.first().replenishAt;
        }
        if (!deadlines.isEmpty()) {
            next = Math.min(next, deadlines.first().deadlineAt);
        }
        return next;
    }

    @Override
    public List<SchedEntity> tick(long now) {
        // deadlines first: a deadline is never later than the next period's start
        while (!deadlines.isEmpty() && deadlines.first().deadlineAt <= now) {
            Node n = deadlines.pollFirst();
            long at = n.deadlineAt;
            long k = Math.floorDiv(at - n.deadline - n.anchor, n.period);
            boolean active = n.state != State.IDLE;
            if (active && usedIn(n, k, at) < n.budget) {
                n.entity.countDeadlineMiss();
            }
            n.deadlineAt = NONE;
            if (active) {
                n.deadlineAt = n.periodStart(k + 1) + n.deadline;
                deadlines.add(n);
            }
        }
        List<SchedEntity> eligible = new ArrayList<>();
        while (!throttled.isEmpty() && throttled.first().replenishAt <= now) {
            Node n = throttled.pollFirst();
            roll(n, now);
            n.cls = classFor(n.entity, n.cls); // its class may have been dropped meanwhile
            n.state = State.READY;
            n.seq = ++tailSeq;
            n.cls.ready.add(n);
            eligible.add(n.entity);
        }
        return eligible;
    }

    // ---- budgets and deadlines

    private boolean enforced(Node n) {
        return enforce && (enforceOrphans || !n.entity.orphan());
    }

    /** Starts the period grid, or moves to the period that contains {@code now} (budget renewed). */
    private static void roll(Node n, long now) {
        if (n.anchor == NONE) {
            n.anchor = now;
            n.periodIndex = 0;
            n.used = 0;
            n.overrunCounted = false;
            return;
        }
        long k = Math.floorDiv(now - n.anchor, n.period);
        if (k > n.periodIndex) {
            n.periodIndex = k;
            n.used = 0;
            n.overrunCounted = false;
        }
    }

    private void throttle(Node n) {
        n.state = State.THROTTLED;
        n.replenishAt = n.periodStart(n.periodIndex + 1);
        throttled.add(n);
        if (!n.overrunCounted) {
            n.overrunCounted = true;
            n.entity.countBudgetOverrun();
        }
    }

    /** Budget used in period {@code k} up to {@code at}, the running slice included. */
    private static long usedIn(Node n, long k, long at) {
        long running = n.state == State.RUNNING ? Math.max(0, at - Math.max(n.pickedAt, n.periodStart(k))) : 0;
        if (n.periodIndex == k) {
            return n.used + running;
        }
        if (n.periodIndex < k) {
            return running;
        }
        return Long.MAX_VALUE; // a later period already began: that one was accounted, no miss known
    }

    /** Arms the deadline check of the current period, or of the next one when this one's is past or met. */
    private void armDeadline(Node n, long now) {
        if (n.deadlineAt != NONE) {
            return;
        }
        long at = n.periodStart(n.periodIndex) + n.deadline;
        if (now >= at || n.used >= n.budget) {
            at = n.periodStart(n.periodIndex + 1) + n.deadline;
        }
        n.deadlineAt = at;
        deadlines.add(n);
    }

    private void cancelDeadline(Node n) {
        if (n.deadlineAt != NONE) {
            deadlines.remove(n);
            n.deadlineAt = NONE;
        }
    }

    // ---- entities and affinity classes

    private Node node(SchedEntity e) {
        if (e.policyData() instanceof Node n && n.entity == e) {
            return n;
        }
        Node n = new Node(e, ++uids);
        e.policyData(n);
        return n;
    }

    private void pruneIfEmpty(AffinityClass c) {
        if (!c.ready.isEmpty() || classes.size() <= CLASS_PRUNE) {
            return;
        }
        classes.removeIf(x -> x.ready.isEmpty());
        for (int cpu = 0; cpu < hostCpus; cpu++) {
            classesOf[cpu] = Arrays.stream(classesOf[cpu]).filter(x -> !x.ready.isEmpty()).toArray(AffinityClass[]::new);
        }
    }

    /** Distinct affinity classes known (for tests). */
    int classCount() {
        return classes.size();
    }

    private AffinityClass classFor(SchedEntity e, AffinityClass cached) {
        long[] m = scratch;
        Arrays.fill(m, 0);
        for (int cpu = 0; cpu < hostCpus; cpu++) {
            if (e.allowedOn(cpu)) {
                m[cpu >>> 6] |= 1L << cpu;
            }
        }
        if (cached != null && Arrays.equals(cached.mask, m) && classes.contains(cached)) {
            return cached;
        }
        for (AffinityClass c : classes) {
            if (Arrays.equals(c.mask, m)) {
                return c;
            }
        }
        AffinityClass c = new AffinityClass(m.clone());
        classes.add(c);
        for (int cpu = 0; cpu < hostCpus; cpu++) {
            if (c.allows(cpu)) {
                AffinityClass[] old = classesOf[cpu];
                AffinityClass[] grown = Arrays.copyOf(old, old.length + 1);
                grown[old.length] = c;
                classesOf[cpu] = grown;
            }
        }
        return c;
    }
}
