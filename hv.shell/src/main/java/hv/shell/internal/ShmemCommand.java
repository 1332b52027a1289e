package hv.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import hv.core.mem.SharedMemoryInfo;
import hv.core.mem.SharedMemoryManager;

/** {@code hv:shmem}: Xvisor's {@code shmem} command: named memory that several guests map. */
@Component(service = ShmemCommand.class, property = {
        "osgi.command.scope=hv",
        "osgi.command.function=shmem" })
public final class ShmemCommand {

    private final SharedMemoryManager shmem;
    private final SubCommands subs;

    @Activate
    public ShmemCommand(@Reference SharedMemoryManager shmem) {
        this.shmem = shmem;
        this.subs = new SubCommands("hv:shmem", "shared memory: named host memory that several guests map")
                .add("list", "", "list shared-memory objects with their size and the guests mapping them", a -> list())
                .add("create", "NAME SIZE [ALIGN_ORDER]", "create a zeroed object (SIZE: 4096, 0x1000, 4K, 2M, 1G)",
                        a -> create(a.get(0), a.get(1), a.opt(2)))
                .add("destroy", "NAME", "destroy an object no guest maps", a -> destroy(a.get(0)))
                .note("Guests map an object with a region of device_type shared_ram or shared_rom and"
                        + " shared_mem = \"NAME\".");
    }

    @Descriptor("shared memory: list | create NAME SIZE [ALIGN_ORDER] | destroy NAME (hv:shmem help explains each)")
    public Object shmem(CommandSession session,
            @Descriptor("a sub-command (list, create, destroy, help) and its arguments") String... args) {
        return subs.run(session, args);
    }

    SubCommands subCommands() {
        return subs;
    }

    String list() {
        Table t = new Table("name", "size", "align_order", "guests");
        for (SharedMemoryInfo s : shmem.list()) {
            t.row(s.name(), Units.bytes(s.size()), s.alignOrder(), s.users().isEmpty() ? "-" : String.join(", ", s.users()));
        }
        return t.toString();
    }

    String create(String name, String sizeText, String alignText) {
        if (!name.matches("[A-Za-z0-9_.+-]{1,64}")) {
            throw new ShellException("shared memory name '" + name + "' must be 1-64 characters of A-Z a-z 0-9 _ . + -");
        }
        long size = Units.size(sizeText, "SIZE");
        int align = alignText == null ? 12 : Units.index(alignText, "ALIGN_ORDER", 40);
        if (shmem.find(name).isPresent()) {
            throw new ShellException("shared memory '" + name + "' exists already: choose another NAME");
        }
        SharedMemoryInfo s = shmem.create(name, size, align);
        return "created shared memory " + s.name() + ": " + Units.bytes(s.size()) + ", align_order " + s.alignOrder();
    }

    String destroy(String name) {
        if (shmem.find(name).isEmpty()) {
            throw new ShellException("no shared memory '" + name + "': "
                    + (shmem.list().isEmpty() ? "there is none" : "objects are "
                            + String.join(", ", shmem.list().stream().map(SharedMemoryInfo::name).toList())));
        }
        if (!shmem.destroy(name)) {
            throw new ShellException("no shared memory '" + name + "'");
        }
        return "destroyed shared memory " + name;
    }
}
