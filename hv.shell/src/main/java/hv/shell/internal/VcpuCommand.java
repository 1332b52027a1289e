package hv.shell.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import hv.core.config.VcpuConfig;
import hv.core.guest.Guest;
import hv.core.guest.GuestManager;
import hv.core.guest.Vcpu;
import hv.core.guest.VcpuState;
import hv.core.sched.EntityInfo;
import hv.core.sched.SchedStats;
import hv.core.sched.Scheduler;

/** {@code hv:vcpu}: Xvisor's {@code vcpu} command, for guest VCPUs and orphan VCPUs alike. */
@Component(service = VcpuCommand.class, property = {
        "osgi.command.scope=hv",
        "osgi.command.function=vcpu" })
public final class VcpuCommand {

    static final String ORPHAN_PREFIX = "orphan/";

    private final GuestManager manager;
    private final Scheduler scheduler;
    private final SubCommands subs;

    @Activate
    public VcpuCommand(@Reference GuestManager manager, @Reference Scheduler scheduler) {
        this.manager = manager;
        this.scheduler = scheduler;
        this.subs = new SubCommands("hv:vcpu", "inspect and control VCPUs (guest VCPUs and orphan VCPUs)")
                .add("list", "[GUEST]", "list every VCPU (normal and orphan), or those of one guest",
                        a -> list(a.opt(0), true, true))
                .add("normal_list", "", "list the VCPUs of guests", a -> list(null, true, false))
                .add("orphan_list", "", "list the orphan VCPUs (the platform's background work)",
                        a -> list(null, false, true))
                .add("dumpreg", "GUEST VCPU", 1, "show the registers of a VCPU that is not executing (pause it first)",
                        named(this::dumpreg))
                .add("dumpstat", "GUEST VCPU", 1, "show the configuration and statistics of a VCPU"
                        + " (orphans too: dumpstat orphan/NAME)", named(this::dumpstat))
                .add("kick", "GUEST VCPU", 1, "start a VCPU in RESET", named((g, v) -> control(g, v, "kick")))
                .add("pause", "GUEST VCPU", 1, "pause one VCPU", named((g, v) -> control(g, v, "pause")))
                .add("resume", "GUEST VCPU", 1, "resume a paused VCPU", named((g, v) -> control(g, v, "resume")))
                .add("reset", "GUEST VCPU", 1, "put one VCPU back in RESET", named((g, v) -> control(g, v, "reset")))
                .add("halt", "GUEST VCPU", 1, "halt one VCPU", named((g, v) -> control(g, v, "halt")))
                .add("set_affinity", "GUEST VCPU CPUS", "restrict a VCPU to host CPUs (CPUS: 0,2 or 0-3)",
                        a -> setAffinity(a.get(0), a.get(1), a.get(2)))
                .add("set_hcpu", "GUEST VCPU CPU", "move a VCPU to one host CPU",
                        a -> setHcpu(a.get(0), a.get(1), a.get(2)))
                .note("VCPU is a VCPU node name (vcpu0) or a hart id (0); GUEST VCPU may also be written as one"
                        + " name, g0/vcpu0.")
                .note("Orphan VCPUs are named orphan/NAME (or: orphan NAME).");
    }

    @Descriptor("inspect and control VCPUs: list [GUEST] | normal_list | orphan_list | dumpreg GUEST VCPU"
            + " | dumpstat GUEST VCPU | kick|pause|resume|reset|halt GUEST VCPU | set_affinity GUEST VCPU CPUS"
            + " | set_hcpu GUEST VCPU CPU (hv:vcpu help explains each)")
    public Object vcpu(CommandSession session,
            @Descriptor("a sub-command (list, normal_list, orphan_list, dumpreg, dumpstat, kick, pause, resume,"
                    + " reset, halt, set_affinity, set_hcpu, help) and its arguments") String... args) {
        return subs.run(session, args);
    }

    /** A sub-command on one VCPU, named GUEST VCPU or GUEST/VCPU. */
    private interface OnVcpu {
        Object run(String guest, String vcpu);
    }

    private static SubCommands.Action named(OnVcpu body) {
        return a -> {
            if (a.opt(1) != null) {
                return body.run(a.get(0), a.get(1));
            }
            String name = a.get(0);
            int slash = name.indexOf('/');
            if (slash <= 0 || slash == name.length() - 1) {
                throw new ShellException("missing VCPU: " + a.usage() + " (or GUEST/VCPU as one name)");
            }
            return body.run(name.substring(0, slash), name.substring(slash + 1));
        };
    }

    SubCommands subCommands() {
        return subs;
    }

    String list(String guestName, boolean normal, boolean orphans) {
        Table t = new Table("vcpu", "kind", "state", "hcpu", "prio", "affinity", "run", "ready", "switches",
                "preempt", "retired");
        List<Guest> guests = guestName == null ? manager.list() : List.of(Targets.guest(manager, guestName));
        Set<String> seen = new HashSet<>();
        if (normal) {
            for (Guest g : guests) {
                for (Vcpu v : g.vcpus()) {
                    seen.add(v.name());
                    SchedStats s = v.stats();
                    VcpuConfig c = v.config();
                    t.row(v.name(), "normal", state(v), hcpu(s.hostCpu()), c.priority(), Units.cpus(c.affinity()),
                            Units.nanos(s.runNanos()), Units.nanos(s.readyNanos()), s.switches(), s.preemptions(),
                            v.retired());
                }
            }
        }
        if (guestName == null) {
            for (EntityInfo e : scheduler.entities()) {
                if (seen.contains(e.name()) || (e.orphan() ? !orphans : !normal)) {
                    continue;
                }
                SchedStats s = e.stats();
                // Entities that are neither orphans nor guest VCPUs are virtual-time groups (<guest>/vtime).
                t.row(e.name(), e.orphan() ? "orphan" : "group", e.state(), hcpu(s.hostCpu()), e.priority(), "all",
                        Units.nanos(s.runNanos()), Units.nanos(s.readyNanos()), s.switches(), s.preemptions(), "-");
            }
        }
        return t.toString();
    }

    static String state(Vcpu v) {
        VcpuState s = v.state();
        return s == VcpuState.READY && v.waiting() ? "READY (waiting)" : s.toString();
    }

    static String hcpu(int cpu) {
        return cpu < 0 ? "-" : Integer.toString(cpu);
    }

    private Vcpu vcpuOf(String guest, String vcpu) {
        return Targets.vcpu(Targets.guest(manager, guest), vcpu);
    }

    String dumpreg(String guest, String vcpu) {
        if (isOrphan(guest, vcpu)) {
            throw new ShellException("orphan VCPUs have no registers: they run Java code (try hv:vcpu dumpstat "
                    + ORPHAN_PREFIX + vcpu + ")");
        }
        Vcpu v = vcpuOf(guest, vcpu);
        Map<String, Long> regs;
        try {
            regs = v.registers();
        } catch (IllegalStateException e) {
            // the core refuses while the VCPU executes (or has no engine): say how to get there
            throw new ShellException(SubCommands.oneLine(e) + (v.state() == VcpuState.RUNNING ? " (pause it first: hv:vcpu"
                    + " pause " + guest + " " + vcpu + ", or hv:guest pause " + guest + ")" : ""));
        }
        final int perRow = Math.max(1, Math.min(4, regs.size()));
        String[] header = new String[perRow * 2];
        for (int i = 0; i < perRow; i++) {
            header[2 * i] = "reg";
            header[2 * i + 1] = "value";
        }
        Table t = new Table(header);
        List<Map.Entry<String, Long>> entries = new ArrayList<>(regs.entrySet());
        for (int i = 0; i < entries.size(); i += perRow) {
            Object[] row = new Object[perRow * 2];
            for (int j = 0; j < perRow; j++) {
                if (i + j < entries.size()) {
                    row[2 * j] = entries.get(i + j).getKey();
                    row[2 * j + 1] = String.format("%016x", entries.get(i + j).getValue());
                } else {
                    row[2 * j] = "";
                    row[2 * j + 1] = "";
                }
            }
            t.row(row);
        }
        return v.name() + " (" + v.state() + ", isa " + (v.isa() == null ? "none: no engine" : v.isa()) + ")\n" + t;
    }

    private static boolean isOrphan(String guest, String vcpu) {
        return guest.equals("orphan");
    }

    String dumpstat(String guest, String vcpu) {
        if (isOrphan(guest, vcpu)) {
            return orphanStat(ORPHAN_PREFIX + vcpu);
        }
        Vcpu v = vcpuOf(guest, vcpu);
        VcpuConfig c = v.config();
        SchedStats s = v.stats();
        Table t = new Table("item", "value");
        t.row("name", v.name());
        t.row("hart id", v.hartId());
        t.row("state", state(v));
        t.row("engine", String.join(", ", c.compatible()));
        t.row("isa", v.isa() == null ? "- (no engine attached)" : v.isa());
        t.row("start_pc", Units.hex(c.startPc()));
        t.row("priority", c.priority());
        t.row("time slice", Units.nanos(c.timeSlice()));
        t.row("deadline", Units.nanos(c.deadline()));
        t.row("periodicity", Units.nanos(c.periodicity()));
        t.row("affinity", Units.cpus(c.affinity()));
        t.row("poweroff", c.poweroff());
        stats(t, s);
        t.row("instructions", v.retired());
        t.row("MIPS", s.runNanos() == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f",
                v.retired() * 1e3 / s.runNanos()));
        return t.toString();
    }

    private static void stats(Table t, SchedStats s) {
        t.row("host cpu", hcpu(s.hostCpu()));
        t.row("run time", Units.nanos(s.runNanos()));
        t.row("ready time", Units.nanos(s.readyNanos()));
        t.row("switches", s.switches());
        t.row("preemptions", s.preemptions());
    }

    String orphanStat(String name) {
        Optional<EntityInfo> e = scheduler.entities().stream().filter(x -> x.orphan() && x.name().equals(name))
                .findFirst();
        if (e.isEmpty()) {
            List<String> names = scheduler.entities().stream().filter(EntityInfo::orphan).map(EntityInfo::name)
                    .toList();
            throw new ShellException("no orphan VCPU '" + name + "': " + (names.isEmpty() ? "there are none"
                    : "orphans are " + String.join(", ", names)));
        }
        Table t = new Table("item", "value");
        t.row("name", e.get().name());
        t.row("kind", "orphan");
        t.row("state", e.get().state());
        t.row("priority", e.get().priority());
        stats(t, e.get().stats());
        return t.toString();
    }

    String control(String guest, String vcpu, String op) {
        if (isOrphan(guest, vcpu)) {
            throw new ShellException("orphan VCPUs belong to the platform: the shell cannot " + op + " them");
        }
        Vcpu v = vcpuOf(guest, vcpu);
        switch (op) {
            case "kick" -> v.kick();
            case "pause" -> v.pause();
            case "resume" -> v.resume();
            case "reset" -> v.reset();
            case "halt" -> v.halt();
            default -> throw new IllegalStateException(op);
        }
        if (!op.equals("kick") && !op.equals("resume")) {
            settle(v);
        }
        return v.name() + ": " + state(v);
    }

    /** How long pause, reset and halt wait for a running VCPU to reach its next block boundary. */
    static final long SETTLE_NANOS = 1_000_000_000L;

    /** Waits (briefly) until a VCPU asked to stop has left RUNNING: the core stops it asynchronously. */
    private static void settle(Vcpu v) {
        long end = System.nanoTime() + SETTLE_NANOS;
        while (v.state() == VcpuState.RUNNING && System.nanoTime() < end) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    String setAffinity(String guest, String vcpu, String cpus) {
        Vcpu v = vcpuOf(guest, vcpu);
        List<Integer> list = Units.cpuList(cpus, scheduler.hostCpuCount());
        java.util.BitSet set = new java.util.BitSet();
        list.forEach(set::set);
        try {
            scheduler.setAffinity(v.name(), set);
        } catch (UnsupportedOperationException e) {
            throw new ShellException("set_affinity is not supported by the active scheduler; set 'affinity' in the guest DT");
        } catch (IllegalArgumentException e) {
            throw new ShellException(e.getMessage());
        }
        return v.name() + ": affinity " + Units.cpus(list);
    }

    String setHcpu(String guest, String vcpu, String cpu) {
        Vcpu v = vcpuOf(guest, vcpu);
        int n = scheduler.hostCpuCount();
        int c = Units.index(cpu, "CPU", n - 1);
        try {
            scheduler.setHostCpu(v.name(), c);
        } catch (UnsupportedOperationException e) {
            throw new ShellException("set_hcpu is not supported by the active scheduler; set 'affinity' in the guest DT");
        } catch (IllegalArgumentException e) {
            throw new ShellException(e.getMessage());
        }
        return v.name() + ": pinned to host CPU " + c;
    }
}
