package hv.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import hv.core.config.RegionConfig;
import hv.core.config.RegionKind;
import hv.core.guest.Guest;
import hv.core.guest.GuestManager;
import hv.core.guest.RegionInfo;
import hv.core.mem.GuestMemory;

/** {@code hv:guest}: Xvisor's {@code guest} command. */
@Component(service = GuestCommand.class, property = {
        "osgi.command.scope=hv",
        "osgi.command.function=guest" })
public final class GuestCommand {

    /** Largest {@code dumpmem} length: a dump is for reading, not for copying memory out. */
    static final long MAX_DUMP = 1 << 20;

    private final GuestManager manager;
    private final SubCommands subs;

    @Activate
    public GuestCommand(@Reference GuestManager manager) {
        this.manager = manager;
        this.subs = new SubCommands("hv:guest", "create, control and inspect guests")
                .add("list", "", "list the guests with their state, VCPUs and memory", a -> list())
                .add("create", "FILE [NAME] [PATCH...]", "create a guest (in RESET) from a guest DT file, DTS or"
                        + " DTB; PATCH: alias,property,type,value as Xvisor's loader", a -> create(a.session(), a.rest(0)))
                .add("destroy", "GUEST", "halt the guest and release its memory and devices", a -> destroy(a.get(0)))
                .add("kick", "GUEST", "start a guest in RESET: its VCPUs run from start_pc", a -> kick(a.get(0)))
                .add("pause", "GUEST", "stop every VCPU of a running guest where it is", a -> pause(a.get(0)))
                .add("resume", "GUEST", "continue a paused guest", a -> resume(a.get(0)))
                .add("reset", "GUEST", "reset devices, clear RAM, reload images; kick to start again",
                        a -> reset(a.get(0)))
                .add("halt", "GUEST", "stop the guest for good (reset or destroy leave HALTED)", a -> halt(a.get(0)))
                .add("dumpmem", "GUEST GPA LENGTH", "show guest RAM/ROM like hexdump -C (LENGTH: 256, 0x100, 4K)",
                        a -> dumpmem(a.get(0), a.get(1), a.get(2)))
                .add("region_list", "GUEST", "list the regions of the guest's address space",
                        a -> regionList(a.get(0)))
                .note("GUEST is a guest name (see hv:guest list); GPA is a guest physical address, hex or decimal.");
    }

    @Descriptor("create, control and inspect guests: list | create FILE [NAME] [PATCH...] | destroy GUEST | kick GUEST"
            + " | pause GUEST | resume GUEST | reset GUEST | halt GUEST | dumpmem GUEST GPA LENGTH"
            + " | region_list GUEST (hv:guest help explains each)")
    public Object guest(CommandSession session,
            @Descriptor("a sub-command (list, create, destroy, kick, pause, resume, reset, halt, dumpmem,"
                    + " region_list, help) and its arguments") String... args) {
        return subs.run(session, args);
    }

    /** For tests and the help: the sub-command table. */
    SubCommands subCommands() {
        return subs;
    }

    String list() {
        Table t = new Table("name", "state", "exit", "vcpus", "memory", "regions", "source");
        for (Guest g : manager.list()) {
            t.row(g.name(), g.state(), exit(g), g.vcpus().size(), Units.bytes(memorySize(g)), g.config().regions().size(),
                    g.config().source());
        }
        return t.size() == 0 ? t + "\n(no guests: create one with hv:guest create FILE)" : t.toString();
    }

    /** How the guest last stopped on its own: {@code power_off}, {@code failure 3}, or {@code -}. */
    static String exit(Guest g) {
        return g.exit().map(e -> e.kind().name().toLowerCase(java.util.Locale.ROOT) + (e.code() == 0 ? "" : " " + e.code()))
                .orElse("-");
    }

    /** Bytes of host memory a guest maps: its RAM and ROM regions, shared ones included. */
    static long memorySize(Guest g) {
        long sum = 0;
        for (RegionConfig r : g.config().regions()) {
            if (r.kind().memory()) {
                sum += r.size();
            }
        }
        return sum;
    }

    /** {@code FILE [NAME] [PATCH...]}: a patch has commas, a name cannot. */
    String create(CommandSession session, List<String> args) {
        String file = args.get(0);
        String name = null;
        List<String> patches = new java.util.ArrayList<>();
        for (String a : args.subList(1, args.size())) {
            if (a.indexOf(',') >= 0) {
                if (a.split(",", -1).length != 4) {
                    throw new ShellException("PATCH '" + a + "' is malformed: expected alias,property,type,value"
                            + " (e.g. mem0,physical_size,physsize,0x10000000)");
                }
                patches.add(a);
            } else if (name == null) {
                name = a;
            } else {
                throw new ShellException("two names given ('" + name + "', '" + a + "'): usage: hv:guest create FILE"
                        + " [NAME] [PATCH...]");
            }
        }
        Path p = Path.of(file);
        if (!p.isAbsolute() && session != null) {
            Path cwd = session.currentDir();
            if (cwd != null) {
                p = cwd.resolve(p);
            }
        }
        if (!Files.isRegularFile(p)) {
            throw new ShellException("no such file: " + p + " (expected a guest DT, .dts or .dtb)");
        }
        if (name != null && !name.matches("[A-Za-z0-9_.+-]{1,64}")) {
            throw new ShellException("guest name '" + name + "' must be 1-64 characters of A-Z a-z 0-9 _ . + -");
        }
        if (name != null && manager.find(name).isPresent()) {
            throw new ShellException("a guest named '" + name + "' exists already: choose another NAME");
        }
        Guest g = patches.isEmpty() ? manager.create(p, name) : manager.create(p, name, patches);
        return "created " + g.name() + " from " + p.getFileName()
                + (patches.isEmpty() ? "" : " with " + patches.size() + " patch" + (patches.size() == 1 ? "" : "es"))
                + ": " + g.vcpus().size() + " VCPU(s), "
                + Units.bytes(memorySize(g)) + " memory, state " + g.state() + " (start it with hv:guest kick "
                + g.name() + ")";
    }

    String destroy(String name) {
        Guest g = Targets.guest(manager, name);
        if (!manager.destroy(g.name())) {
            throw new ShellException("no guest '" + name + "': it was destroyed meanwhile");
        }
        return "destroyed " + g.name();
    }

    String kick(String name) {
        Guest g = Targets.guest(manager, name);
        g.kick();
        return g.name() + ": " + g.state();
    }

    String pause(String name) {
        Guest g = Targets.guest(manager, name);
        g.pause();
        return g.name() + ": " + g.state();
    }

    String resume(String name) {
        Guest g = Targets.guest(manager, name);
        g.resume();
        return g.name() + ": " + g.state();
    }

    String reset(String name) {
        Guest g = Targets.guest(manager, name);
        g.reset();
        return g.name() + ": " + g.state();
    }

    String halt(String name) {
        Guest g = Targets.guest(manager, name);
        g.halt();
        return g.name() + ": " + g.state();
    }

    String dumpmem(String name, String gpaText, String lengthText) {
        Guest g = Targets.guest(manager, name);
        long gpa = Units.number(gpaText, "GPA");
        long len = Units.size(lengthText, "LENGTH");
        if (len > MAX_DUMP) {
            throw new ShellException("LENGTH " + lengthText + " is more than " + Units.bytes(MAX_DUMP)
                    + ": dump at most 1M at a time");
        }
        if (Long.compareUnsigned(gpa + len - 1, gpa) < 0) {
            throw new ShellException("GPA " + gpaText + " + LENGTH " + lengthText + " runs past the end of the address space");
        }
        GuestMemory mem = g.memory();
        if (!mem.isRam(gpa, len)) {
            throw new ShellException(notRam(g, gpa, len));
        }
        byte[] data = new byte[(int) len];
        mem.read(gpa, data, 0, data.length);
        return HexDump.format(gpa, data);
    }

    /** Why {@code [gpa, gpa + len)} cannot be dumped, naming the region there. */
    static String notRam(Guest g, long gpa, long len) {
        String range = Units.hex(gpa) + "+" + Units.hex(len);
        for (RegionInfo r : g.regions()) {
            RegionConfig c = r.config();
            if (c.contains(gpa)) {
                if (!c.kind().memory()) {
                    return range + " is not RAM: " + Units.hex(gpa) + " is in " + c.name() + " (" + describe(c)
                            + "); dumpmem reads RAM and ROM only";
                }
                return range + " runs past the end of " + c.name() + " (" + Units.hex(c.gpa()) + ".." + Units.hex(c.end())
                        + "); dumpmem reads RAM and ROM only";
            }
        }
        List<String> ram = g.regions().stream().map(RegionInfo::config).filter(c -> c.kind().memory())
                .map(c -> c.name() + " " + Units.hex(c.gpa()) + ".." + Units.hex(c.end())).toList();
        return range + " is not mapped in guest " + g.name() + (ram.isEmpty() ? " (it has no RAM)"
                : "; its RAM/ROM: " + String.join(", ", ram));
    }

    static String describe(RegionConfig c) {
        if (c.kind() == RegionKind.DEVICE) {
            return "device " + c.deviceType() + (c.compatible().isEmpty() ? "" : " " + c.compatible().get(0));
        }
        if (c.kind() == RegionKind.ALIAS) {
            return "alias of " + Units.hex(c.aliasPhysicalAddr());
        }
        return c.deviceType();
    }

    String regionList(String name) {
        Guest g = Targets.guest(manager, name);
        Table t = new Table("region", "kind", "device_type", "start", "end", "size", "status", "backing", "irqs");
        for (RegionInfo r : g.regions()) {
            RegionConfig c = r.config();
            String backing = c.kind() == RegionKind.ALIAS ? "-> " + Units.hex(c.aliasPhysicalAddr())
                    : r.backing() == null ? "-" : r.backing();
            t.row(c.name(), kind(c.kind()), c.deviceType() == null ? "-" : c.deviceType(), Units.hex(c.gpa()),
                    Units.hex(c.end()), Units.bytes(c.size()), r.status(), backing,
                    c.interrupts().isEmpty() ? "-" : String.join(",", c.interrupts().stream().map(String::valueOf).toList()));
        }
        return t.toString();
    }

    static String kind(RegionKind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT);
    }
}
