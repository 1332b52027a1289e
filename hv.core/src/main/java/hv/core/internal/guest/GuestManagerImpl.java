package hv.core.internal.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import hv.core.config.GuestConfig;
import hv.core.config.GuestConfigException;
import hv.core.guest.Guest;
import hv.core.guest.GuestEvent;
import hv.core.guest.GuestManager;
import hv.core.internal.config.DtPatches;
import hv.core.internal.config.GuestConfigParser;
import hv.dt.DeviceTree;
import hv.dt.DtException;

/** Creates guests from guest DTs and keeps the live ones by name. Thread safe. */
public final class GuestManagerImpl implements GuestManager {

    private final Kernel kernel;
    private final Map<String, GuestImpl> guests = new LinkedHashMap<>();
    private final List<String> reserved = new ArrayList<>();
    private int counter;

    GuestManagerImpl(Kernel kernel) {
        this.kernel = kernel;
    }

    private GuestConfigParser parser() {
        return new GuestConfigParser(kernel.host().hostCpus());
    }

    /** Reads a DTS or DTB file (told apart by the DTB magic). */
    public static DeviceTree readTree(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            boolean dtb = raw.length >= 4 && (raw[0] & 0xff) == 0xd0 && (raw[1] & 0xff) == 0x0d
                    && (raw[2] & 0xff) == 0xfe && (raw[3] & 0xff) == 0xed;
            return dtb ? DeviceTree.readDtb(raw) : DeviceTree.parseDts(file);
        } catch (IOException e) {
            throw new GuestConfigException(null, null, "cannot read " + file + ": " + e).inFile(file.toString());
        } catch (DtException e) {
            throw new GuestConfigException(e.nodePath(), e.propertyName(), e.getMessage(), e);
        }
    }

    @Override
    public GuestConfig parse(Path file, String name) {
        return parse(file, name, List.of());
    }

    private GuestConfig parse(Path file, String name, List<String> patches) {
        DeviceTree tree = readTree(file);
        try {
            DtPatches.apply(tree, patches);
        } catch (GuestConfigException e) {
            throw e.inFile(file.toString());
        }
        String base = file.getFileName().toString().replaceFirst("\\.(dts|dtb)$", "").replaceAll("[^A-Za-z0-9_.+-]", "_");
        try {
            Path dir = file.toAbsolutePath().getParent();
            return parser().parse(tree, name, base, file.toString(), dir);
        } catch (GuestConfigException e) {
            throw e.inFile(file.toString());
        } catch (DtException e) {
            throw new GuestConfigException(e.nodePath(), e.propertyName(), e.getMessage(), e).inFile(file.toString());
        }
    }

    @Override
    public Guest create(Path file, String name) {
        return create(file, name, List.of());
    }

    @Override
    public Guest create(Path file, String name, List<String> patches) {
        GuestConfig c = parse(file, name, patches);
        try {
            return create(c);
        } catch (GuestConfigException e) {
            throw e.inFile(file.toString());
        }
    }

    @Override
    public Guest create(String dts, String name) {
        DeviceTree tree;
        try {
            tree = DeviceTree.parseDts(dts, "<dts>");
        } catch (DtException e) {
            throw new GuestConfigException(e.nodePath(), e.propertyName(), e.getMessage(), e);
        }
        return create(tree, name);
    }

    @Override
    public Guest create(DeviceTree tree, String name) {
        String fallback;
        synchronized (this) {
            do {
                fallback = "guest" + counter++;
            } while (guests.containsKey(fallback) || reserved.contains(fallback));
        }
        GuestConfig c;
        try {
            c = parser().parse(tree, name, fallback, "<tree>", null);
        } catch (DtException e) {
            throw new GuestConfigException(e.nodePath(), e.propertyName(), e.getMessage(), e);
        }
        return create(c);
    }

    @Override
    public Guest create(GuestConfig config) {
        String name = config.name();
        synchronized (this) {
            if (guests.containsKey(name) || reserved.contains(name)) {
                throw new IllegalStateException("a guest named " + name + " exists");
            }
            reserved.add(name);
        }
        GuestImpl g;
        try {
            g = new GuestImpl(kernel, config);
        } finally {
            synchronized (this) {
                reserved.remove(name);
            }
        }
        synchronized (this) {
            guests.put(name, g);
        }
        kernel.events().publish(new GuestEvent(GuestEvent.Type.CREATED, name, -1, g.state().name(), null,
                System.nanoTime()));
        return g;
    }

    @Override
    public synchronized List<Guest> list() {
        return List.copyOf(guests.values());
    }

    @Override
    public synchronized Optional<Guest> find(String name) {
        return Optional.ofNullable(guests.get(name));
    }

    @Override
    public boolean destroy(String name) {
        GuestImpl g;
        synchronized (this) {
            g = guests.get(name);
        }
        if (g == null) {
            return false;
        }
        g.destroy();
        return true;
    }

    synchronized void forget(GuestImpl g) {
        guests.remove(g.name(), g);
    }

    void destroyAll() {
        for (Guest g : list()) {
            g.destroy();
        }
    }
}
