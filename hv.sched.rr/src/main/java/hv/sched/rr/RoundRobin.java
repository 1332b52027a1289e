package hv.sched.rr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import hv.core.sched.ReadyReason;
import hv.core.sched.SchedEntity;
import hv.core.sched.SchedulerPolicy;

/**
 * Xvisor's fixed-priority round robin, registered as the {@value #NAME_VALUE} policy (service ranking
 * 10, so it is chosen over the "rms" policy when {@code hv.sched.policy} names none). Plain Java
 * otherwise: tests construct it directly.
 *
 * <p>Semantics: priorities 0..7, a higher value wins; within a level FIFO order; an entity that used
 * its time slice (its own {@code time_slice}), yielded, woke up or was re-queued goes to the tail of
 * its level; a preempted one goes back to the head (it resumes its turn); a newly ready entity
 * preempts a running one only when its priority is strictly higher.
 *
 * <p>Structure: ONE global ready set honouring affinity. Entities with the same affinity mask share an
 * affinity class; a class has one intrusive FIFO per level and a bit mask of non-empty levels. Every
 * enqueue takes a sequence number (tail: increasing, head: decreasing), so the FIFOs of one level in
 * different classes merge into one global FIFO: host CPU {@code c} takes, at the highest level that
 * any class allowed on {@code c} has, the head with the smallest sequence number. Enqueue and remove
 * are O(1) (plus one affinity probe per host CPU on enqueue); a pick is O(k) for k distinct affinity
 * masks among the ready entities (1 when no VCPU has an affinity), independent of the number of
 * entities. Nothing blocks; the core calls everything under its lock.
 */
@Component(service = SchedulerPolicy.class, property = {
        SchedulerPolicy.NAME + "=" + RoundRobin.NAME_VALUE,
        "service.ranking:Integer=10" })
public final class RoundRobin implements SchedulerPolicy {

    /** The policy's name ({@code hv.sched.name}). */
    public static final String NAME_VALUE = "rr";

    private static final int LEVELS = SchedEntity.MAX_PRIORITY + 1;
    /** Beyond this many classes, empty ones are dropped when a class empties. */
    private static final int CLASS_PRUNE = 32;

    /** Per-entity data, kept in {@link SchedEntity#policyData()}. */
    static final class Node {
        final SchedEntity entity;
        AffinityClass cls;
        int level;
        long seq;
        Node prev;
        Node next;
        boolean queued;

        Node(SchedEntity entity) {
            this.entity = entity;
        }
    }

    /** Entities with one affinity mask: one FIFO per level. */
    static final class AffinityClass {
        final long[] mask;
        final Node[] heads = new Node[LEVELS];
        final Node[] tails = new Node[LEVELS];
        int nonEmpty;
        int size;

        AffinityClass(long[] mask) {
            this.mask = mask;
        }

        boolean allows(int cpu) {
            return (mask[cpu >>> 6] & (1L << cpu)) != 0;
        }
    }

    private int hostCpus = 1;
    private long[] scratch = new long[1];
    private final List<AffinityClass> classes = new ArrayList<>();
    /** Per host CPU: the classes whose mask allows it. */
    private AffinityClass[][] classesOf = new AffinityClass[][] {new AffinityClass[0]};
    private long tailSeq;
    private long headSeq;
    private int size;

    public RoundRobin() {
        attach(1);
    }

    @Override
    public void attach(int hostCpuCount) {
        hostCpus = Math.max(1, hostCpuCount);
        scratch = new long[(hostCpus + 63) >>> 6];
        classes.clear();
        classesOf = new AffinityClass[hostCpus][];
        Arrays.fill(classesOf, new AffinityClass[0]);
        tailSeq = 0;
        headSeq = 0;
        size = 0;
    }

    /** Number of ready entities. */
    public int size() {
        return size;
    }

    @Override
    public void enqueue(SchedEntity e, ReadyReason reason) {
        Node n = node(e);
        if (n.queued) {
            return; // the core never does this; be robust anyway
        }
        n.level = level(e);
        n.cls = classFor(e, n.cls);
        AffinityClass c = n.cls;
        int l = n.level;
        if (reason == ReadyReason.PREEMPTED) {
            n.seq = --headSeq;
            n.prev = null;
            n.next = c.heads[l];
            if (c.heads[l] != null) {
                c.heads[l].prev = n;
            } else {
                c.tails[l] = n;
            }
            c.heads[l] = n;
        } else {
            n.seq = ++tailSeq;
            n.next = null;
            n.prev = c.tails[l];
            if (c.tails[l] != null) {
                c.tails[l].next = n;
            } else {
                c.heads[l] = n;
            }
            c.tails[l] = n;
        }
        c.nonEmpty |= 1 << l;
        c.size++;
        size++;
        n.queued = true;
    }

    @Override
    public void remove(SchedEntity e) {
        if (e.policyData() instanceof Node n && n.queued) {
            unlink(n);
        }
    }

    @Override
    public SchedEntity pickNext(int hostCpu) {
        if (size == 0 || hostCpu < 0 || hostCpu >= hostCpus) {
            return null;
        }
        AffinityClass[] mine = classesOf[hostCpu];
        int levels = 0;
        for (AffinityClass c : mine) {
            levels |= c.nonEmpty;
        }
        if (levels == 0) {
            return null;
        }
        int l = 31 - Integer.numberOfLeadingZeros(levels);
        Node best = null;
        for (AffinityClass c : mine) {
            Node h = c.heads[l];
            if (h != null && (best == null || h.seq < best.seq)) {
                best = h;
            }
        }
        unlink(best);
        return best.entity;
    }

    @Override
    public boolean preempts(SchedEntity woken, SchedEntity running) {
        return woken.priority() > running.priority();
    }

    private void unlink(Node n) {
        AffinityClass c = n.cls;
        int l = n.level;
        if (n.prev != null) {
            n.prev.next = n.next;
        } else {
            c.heads[l] = n.next;
        }
        if (n.next != null) {
            n.next.prev = n.prev;
        } else {
            c.tails[l] = n.prev;
        }
        n.prev = null;
        n.next = null;
        n.queued = false;
        if (c.heads[l] == null) {
            c.nonEmpty &= ~(1 << l);
        }
        c.size--;
        size--;
        if (c.size == 0 && classes.size() > CLASS_PRUNE) {
            pruneEmptyClasses();
        }
    }

    private static int level(SchedEntity e) {
        return Math.max(SchedEntity.MIN_PRIORITY, Math.min(SchedEntity.MAX_PRIORITY, e.priority()));
    }

    private Node node(SchedEntity e) {
        if (e.policyData() instanceof Node n && n.entity == e) {
            return n;
        }
        Node n = new Node(e);
        e.policyData(n);
        return n;
    }

    /** The class of {@code e}'s current affinity (probed now: affinity may change between enqueues). */
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

    private void pruneEmptyClasses() {
        classes.removeIf(c -> c.size == 0);
        for (int cpu = 0; cpu < hostCpus; cpu++) {
            classesOf[cpu] = Arrays.stream(classesOf[cpu]).filter(c -> c.size > 0).toArray(AffinityClass[]::new);
        }
    }

    /** Distinct affinity classes known (for tests). */
    int classCount() {
        return classes.size();
    }
}
