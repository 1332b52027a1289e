package hv.shell.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import hv.core.config.RegionConfig;
import hv.core.guest.Guest;
import hv.core.guest.GuestManager;
import hv.core.mem.SharedMemoryInfo;
import hv.core.mem.SharedMemoryManager;
import hv.core.sched.HostCpuStats;
import hv.core.sched.Scheduler;

/** {@code hv:host}: the host as hv uses it: host CPUs and their load, guest memory, the JVM. */
@Component(service = HostCommand.class, property = {
        "osgi.command.scope=hv",
        "osgi.command.function=host" })
public final class HostCommand {

    private final GuestManager manager;
    private final Scheduler scheduler;
    private final SharedMemoryManager shmem;
    private final SubCommands subs;

    @Activate
    public HostCommand(@Reference GuestManager manager, @Reference Scheduler scheduler,
            @Reference SharedMemoryManager shmem) {
        this.manager = manager;
        this.scheduler = scheduler;
        this.shmem = shmem;
        this.subs = new SubCommands("hv:host", "the host: CPUs and their load, guest memory, the JVM")
                .add("info", "", "everything below, one table after the other", a -> info())
                .add("cpu", "", "host CPUs: load since start, switches, what runs now", a -> cpus())
                .add("ram", "", "memory of each guest (RAM, ROM, shared) and of shared-memory objects", a -> ram())
                .add("jvm", "", "the Java runtime: version, heap, threads, uptime", a -> jvm());
    }

    @Descriptor("the host: info | cpu | ram | jvm (hv:host help explains each)")
    public Object host(CommandSession session,
            @Descriptor("a sub-command (info, cpu, ram, jvm, help)") String... args) {
        return subs.run(session, args);
    }

    SubCommands subCommands() {
        return subs;
    }

    String info() {
        return "host CPUs (scheduler policy " + scheduler.activePolicy() + ")\n" + cpus() + "\n\nguest memory\n" + ram()
                + "\n\nJVM\n" + jvm();
    }

    String cpus() {
        Table t = new Table("hcpu", "load", "busy", "idle", "switches", "preemptions", "running");
        for (HostCpuStats c : scheduler.hostCpus()) {
            t.row(c.id(), Units.percent(c.busyNanos(), c.busyNanos() + c.idleNanos()), Units.nanos(c.busyNanos()),
                    Units.nanos(c.idleNanos()), c.switches(), c.preemptions(), c.current() == null ? "-" : c.current());
        }
        return t.toString();
    }

    String ram() {
        Table t = new Table("owner", "state", "ram", "rom", "shared", "total");
        long all = 0;
        for (Guest g : manager.list()) {
            long ram = 0;
            long rom = 0;
            long shared = 0;
            for (RegionConfig r : g.config().regions()) {
                switch (r.kind()) {
                    case RAM, ALLOCED_RAM -> ram += r.size();
                    case ROM, ALLOCED_ROM -> rom += r.size();
                    case SHARED_RAM, SHARED_ROM -> shared += r.size();
                    default -> { }
                }
            }
            // shared memory is counted once, below, not per guest
            all += ram + rom;
            t.row(g.name(), g.state(), Units.bytes(ram), Units.bytes(rom), Units.bytes(shared), Units.bytes(ram + rom));
        }
        long sharedTotal = 0;
        for (SharedMemoryInfo s : shmem.list()) {
            sharedTotal += s.size();
        }
        all += sharedTotal;
        t.row("shmem (" + shmem.list().size() + ")", "-", "-", "-", Units.bytes(sharedTotal), Units.bytes(sharedTotal));
        t.row("all", "-", "-", "-", "-", Units.bytes(all));
        return t.toString();
    }

    String jvm() {
        Runtime rt = Runtime.getRuntime();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        Table t = new Table("item", "value");
        t.row("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")");
        t.row("processors", rt.availableProcessors() + " available, " + scheduler.hostCpuCount() + " host CPUs for guests");
        t.row("heap used", Units.bytes(heap.getUsed()) + " (" + Units.percent(heap.getUsed(), heap.getMax()) + " of max)");
        t.row("heap committed", Units.bytes(heap.getCommitted()));
        t.row("heap max", heap.getMax() < 0 ? "unlimited" : Units.bytes(heap.getMax()));
        t.row("threads", threads.getThreadCount() + " (" + threads.getDaemonThreadCount() + " daemon, peak "
                + threads.getPeakThreadCount() + ")");
        t.row("uptime", Units.nanos(Duration.ofMillis(runtime.getUptime()).toNanos()));
        return t.toString();
    }
}
