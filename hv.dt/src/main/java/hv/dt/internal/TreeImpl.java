package hv.dt.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import hv.dt.DeviceTree;
import hv.dt.MemoryReservation;
import hv.dt.Node;

/** The tree: root, memory reservations (with their DTS labels) and boot CPU id. */
public final class TreeImpl implements DeviceTree {

    /** A reservation with the labels it had in DTS source. */
    public record Reservation(long address, long size, List<String> labels) {
    }

    private NodeImpl root = NodeImpl.root(this);
    private final List<Reservation> reservations = new ArrayList<>();
    private int bootCpuId;

    /** Replaces the root (readers build it detached and install it here). */
    public void setRoot(NodeImpl newRoot) {
        newRoot.adopt(this);
        root = newRoot;
    }

    /** The reservations with labels. */
    public List<Reservation> reservations() {
        return reservations;
    }

    @Override
    public NodeImpl root() {
        return root;
    }

    @Override
    public Node node(String path) {
        return findNode(path).orElseThrow(
                () -> hv.dt.DtException.node(path, "no such node in the device tree"));
    }

    @Override
    public Optional<Node> findNode(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        if (path.startsWith("/")) {
            return root.find(path);
        }
        int slash = path.indexOf('/');
        String alias = slash < 0 ? path : path.substring(0, slash);
        Optional<Node> start = alias(alias);
        return slash < 0 ? start : start.flatMap(n -> n.find(path.substring(slash)));
    }

    @Override
    public Optional<Node> alias(String alias) {
        NodeImpl aliases = root.exactChild("aliases");
        PropertyImpl p = aliases == null ? null : aliases.prop(alias);
        if (p == null) {
            return Optional.empty();
        }
        String target = p.string();
        return target.startsWith("/") ? root.find(target) : Optional.empty();
    }

    @Override
    public Optional<Node> label(String label) {
        return nodes().filter(n -> n.labels().contains(label)).findFirst();
    }

    @Override
    public Optional<Node> phandle(int phandle) {
        return nodes().filter(n -> {
            OptionalInt p = n.phandle();
            return p.isPresent() && p.getAsInt() == phandle;
        }).findFirst();
    }

    @Override
    public List<Node> findCompatible(String compatible) {
        return findAll(n -> n.isCompatible(compatible));
    }

    @Override
    public List<Node> findAll(Predicate<? super Node> predicate) {
        return nodes().filter(predicate).toList();
    }

    @Override
    public Stream<Node> nodes() {
        List<Node> out = new ArrayList<>();
        collect(root, out);
        return out.stream();
    }

    private static void collect(NodeImpl n, List<Node> out) {
        out.add(n);
        for (NodeImpl k : n.kids()) {
            collect(k, out);
        }
    }

    /** Every node and property label in use. */
    Set<String> allLabels() {
        Set<String> used = new HashSet<>();
        nodes().forEach(n -> {
            used.addAll(((NodeImpl) n).labelList());
            for (PropertyImpl p : ((NodeImpl) n).props()) {
                used.addAll(p.labels());
            }
        });
        return used;
    }

    /** The lowest phandle no node uses. */
    int freePhandle() {
        Set<Integer> used = new HashSet<>();
        nodes().forEach(n -> n.phandle().ifPresent(used::add));
        int p = 1;
        while (used.contains(p)) {
            p++;
        }
        return p;
    }

    @Override
    public List<MemoryReservation> memoryReservations() {
        return reservations.stream().map(r -> new MemoryReservation(r.address(), r.size()))
                .toList();
    }

    @Override
    public void addMemoryReservation(long address, long size) {
        reservations.add(new Reservation(address, size, List.of()));
    }

    @Override
    public void clearMemoryReservations() {
        reservations.clear();
    }

    @Override
    public int bootCpuId() {
        return bootCpuId;
    }

    @Override
    public void setBootCpuId(int id) {
        bootCpuId = id;
    }

    @Override
    public byte[] toDtb() {
        return DtbWriter.write(this);
    }

    @Override
    public String toDts() {
        return DtsWriter.tree(this);
    }

    @Override
    public DeviceTree copy() {
        TreeImpl t = new TreeImpl();
        t.setRoot(Copies.deepCopy(root, ""));
        t.reservations.addAll(reservations);
        t.bootCpuId = bootCpuId;
        return t;
    }

    @Override
    public String toString() {
        return toDts();
    }
}
