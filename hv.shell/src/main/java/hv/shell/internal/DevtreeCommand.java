package hv.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import hv.core.guest.Guest;
import hv.core.guest.GuestManager;
import hv.dt.DeviceTree;
import hv.dt.Node;
import hv.dt.Property;

/** {@code hv:devtree}: a guest's device tree (its guest DT) and the host DT, whole or one node or property. */
@Component(service = DevtreeCommand.class, property = {
        "osgi.command.scope=hv",
        "osgi.command.function=devtree" })
public final class DevtreeCommand {

    /** Framework property naming the host DT file (read by hv.core). */
    static final String HOST_DT_PROPERTY = "hv.host.dt";

    private final GuestManager manager;
    private final String hostDt;
    private final SubCommands subs;

    @Activate
    public DevtreeCommand(@Reference GuestManager manager, BundleContext context) {
        this(manager, context.getProperty(HOST_DT_PROPERTY));
    }

    /** @param hostDt the host DT file, or null when the host runs on defaults */
    DevtreeCommand(GuestManager manager, String hostDt) {
        this.manager = manager;
        this.hostDt = hostDt == null || hostDt.isBlank() ? null : hostDt.strip();
        this.subs = new SubCommands("hv:devtree", "device trees as DTS: a guest's guest DT, and the host DT")
                .add("show", "GUEST [PATH [PROPERTY]]", "a guest's DT, one node (/aspace/uart0) or one property",
                        a -> show(a.get(0), a.opt(1), a.opt(2)))
                .add("host", "[PATH [PROPERTY]]", "the host DT (framework property hv.host.dt), a node or a property",
                        a -> host(a.opt(0), a.opt(1)))
                .note("PATH is absolute (/vcpus/vcpu0) or starts with an alias; a name without @unit matches the"
                        + " first node of that name.");
    }

    @Descriptor("device trees as DTS: show GUEST [PATH [PROPERTY]] | host [PATH [PROPERTY]]"
            + " (hv:devtree help explains each)")
    public Object devtree(CommandSession session,
            @Descriptor("a sub-command (show, host, help) and its arguments") String... args) {
        return subs.run(session, args);
    }

    SubCommands subCommands() {
        return subs;
    }

    String show(String guestName, String path, String property) {
        Guest g = Targets.guest(manager, guestName);
        return render(g.config().tree(), "the guest DT of " + g.name(), path, property);
    }

    String host(String path, String property) {
        if (hostDt == null) {
            if (path != null) {
                throw new ShellException("there is no host DT: hv runs on defaults (set the framework property "
                        + HOST_DT_PROPERTY + " to a host DT file)");
            }
            return "(no host DT: hv runs on its defaults; set the framework property " + HOST_DT_PROPERTY
                    + " to a host DT file, DTS or DTB)";
        }
        return render(readHost(), "the host DT " + hostDt, path, property);
    }

    private DeviceTree readHost() {
        Path p = Path.of(hostDt);
        try {
            byte[] head = new byte[4];
            try (var in = Files.newInputStream(p)) {
                int n = in.readNBytes(head, 0, 4);
                boolean dtb = n == 4 && (head[0] & 0xff) == 0xd0 && (head[1] & 0xff) == 0x0d
                        && (head[2] & 0xff) == 0xfe && (head[3] & 0xff) == 0xed;
                return dtb ? DeviceTree.readDtb(p) : DeviceTree.parseDts(p);
            }
        } catch (IOException e) {
            throw new ShellException("cannot read the host DT " + hostDt + ": " + e.getMessage());
        }
    }

    static String render(DeviceTree tree, String what, String path, String property) {
        if (path == null) {
            return tree.toDts().strip();
        }
        Optional<Node> node = tree.findNode(path);
        if (node.isEmpty()) {
            throw new ShellException("no node " + path + " in " + what + " (see its nodes with hv:devtree "
                    + (what.startsWith("the host") ? "host" : "show " + what.substring(what.lastIndexOf(' ') + 1)) + ")");
        }
        if (property == null) {
            return node.get().toDts().strip();
        }
        Optional<Property> p = node.get().property(property);
        if (p.isEmpty()) {
            throw new ShellException("node " + node.get().path() + " of " + what + " has no property '" + property
                    + "': " + (node.get().properties().isEmpty() ? "it has none" : "it has "
                    + String.join(", ", node.get().properties().stream().map(Property::name).toList())));
        }
        return node.get().path() + ": " + p.get().toDts();
    }
}
