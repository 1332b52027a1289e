package hv.shell.internal;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import hv.core.sched.EntityInfo;
import hv.core.sched.HostCpuStats;
import hv.core.sched.SchedStats;
import hv.core.sched.Scheduler;

/** {@code hv:sched}: the scheduling policy (switched at run time, unlike Xvisor) and its statistics. */
@Component(service = SchedCommand.class, property = {
        "osgi.command.scope=hv",
        "osgi.command.function=sched" })
public final class SchedCommand {

    private final Scheduler scheduler;
    private final SubCommands subs;

    @Activate
    public SchedCommand(@Reference Scheduler scheduler) {
        this.scheduler = scheduler;
        this.subs = new SubCommands("hv:sched", "the scheduler: its policy and statistics")
                .add("show", "", "the active policy and the known ones", a -> show())
                .add("use", "NAME", "make NAME the active policy now (ready queues are rebuilt)", a -> use(a.get(0)))
                .add("stats", "", "statistics per VCPU (orphans included) and per host CPU", a -> stats());
    }

    @Descriptor("the scheduler: show | use NAME | stats (hv:sched help explains each)")
    public Object sched(CommandSession session,
            @Descriptor("a sub-command (show, use, stats, help) and its arguments") String... args) {
        return subs.run(session, args);
    }

    SubCommands subCommands() {
        return subs;
    }

    String show() {
        String active = scheduler.activePolicy();
        Table t = new Table("policy", "active");
        for (String p : scheduler.policies()) {
            t.row(p, p.equals(active) ? "*" : "");
        }
        return t.toString();
    }

    String use(String name) {
        List<String> known = scheduler.policies();
        if (!known.contains(name)) {
            throw new ShellException("no scheduling policy '" + name + "': known are " + String.join(", ", known));
        }
        String before = scheduler.activePolicy();
        scheduler.selectPolicy(name);
        return "scheduling policy: " + scheduler.activePolicy() + (before.equals(name) ? " (unchanged)"
                : " (was " + before + ")");
    }

    String stats() {
        Table v = new Table("entity", "kind", "prio", "state", "hcpu", "run", "ready", "switches", "preemptions");
        for (EntityInfo e : scheduler.entities()) {
            SchedStats s = e.stats();
            v.row(e.name(), e.orphan() ? "orphan" : "vcpu", e.priority(), e.state(), VcpuCommand.hcpu(s.hostCpu()),
                    Units.nanos(s.runNanos()), Units.nanos(s.readyNanos()), s.switches(), s.preemptions());
        }
        Table h = new Table("hcpu", "load", "busy", "idle", "switches", "preemptions", "running");
        for (HostCpuStats c : scheduler.hostCpus()) {
            h.row(c.id(), Units.percent(c.busyNanos(), c.busyNanos() + c.idleNanos()), Units.nanos(c.busyNanos()),
                    Units.nanos(c.idleNanos()), c.switches(), c.preemptions(), c.current() == null ? "-" : c.current());
        }
        return "policy " + scheduler.activePolicy() + "\n" + v + "\n\n" + h;
    }
}
