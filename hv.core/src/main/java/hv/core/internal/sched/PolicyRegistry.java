package hv.core.internal.sched;

import java.util.ArrayList;
import java.util.List;

import hv.core.sched.Scheduler;
import hv.core.sched.SchedulerPolicy;

/**
 * Known policies and the choice among them: the preferred name when present, else the highest
 * service ranking, else the built-in priority round robin. Guarded by the scheduler lock.
 */
final class PolicyRegistry {

    private record Entry(String name, SchedulerPolicy policy, int ranking, long order) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final SchedulerPolicy builtin = new PriorityRoundRobin();
    private String preferred;
    private long order;

    PolicyRegistry(String preferred) {
        this.preferred = preferred;
    }

    void add(String name, SchedulerPolicy p, int ranking) {
        entries.add(new Entry(name, p, ranking, order++));
    }

    void remove(SchedulerPolicy p) {
        entries.removeIf(e -> e.policy == p);
    }

    void prefer(String name) {
        if (!Scheduler.BUILTIN_POLICY.equals(name) && entries.stream().noneMatch(e -> e.name.equals(name))) {
            throw new IllegalArgumentException("no scheduler policy '" + name + "'; known: " + names());
        }
        preferred = name;
    }

    SchedulerPolicy best() {
        if (Scheduler.BUILTIN_POLICY.equals(preferred)) {
            return builtin;
        }
        Entry best = null;
        for (Entry e : entries) {
            if (preferred != null && e.name.equals(preferred)) {
                return e.policy;
            }
            if (best == null || e.ranking > best.ranking || e.ranking == best.ranking && e.order < best.order) {
                best = e;
            }
        }
        return best == null ? builtin : best.policy;
    }

    String nameOf(SchedulerPolicy p) {
        if (p == builtin) {
            return Scheduler.BUILTIN_POLICY;
        }
        for (Entry e : entries) {
            if (e.policy == p) {
                return e.name;
            }
        }
        return String.valueOf(p);
    }

    List<String> names() {
        List<String> out = new ArrayList<>();
        out.add(Scheduler.BUILTIN_POLICY);
        for (Entry e : entries) {
            out.add(e.name);
        }
        return out;
    }
}
