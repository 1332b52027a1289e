package hv.dt.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import hv.dt.DtException;

/**
 * What dtc does between parsing and output, in dtc's order: duplicate names, redundant
 * {@code name} properties, duplicate labels, explicit phandles, phandle references (giving
 * referenced nodes the lowest free phandle and a {@code phandle} property), path
 * references, {@code /omit-if-no-ref/}; then the live nodes become a {@link TreeImpl}.
 */
final class SrcFixups {
    private final SrcNode root;
    private final Set<Integer> usedPhandles = new HashSet<>();
    private int nextPhandle = 1;

    private SrcFixups(SrcNode root) {
        this.root = root;
    }

    static TreeImpl run(DtsParser parsed) {
        SrcNode root = parsed.root();
        int bootCpu = guessBootCpu(root);
        SrcFixups f = new SrcFixups(root);
        List<SrcNode> nodes = live(root);
        f.names(nodes);
        f.labels(nodes);
        f.explicitPhandles(nodes);
        f.phandleRefs(nodes);
        f.pathRefs(nodes);
        for (SrcNode n : nodes) {
            if (!n.deleted && n.omitIfNoRef && !n.referenced) {
                n.delete();
            }
        }
        TreeImpl tree = new TreeImpl();
        tree.setRoot(convert(root));
        for (DtsParser.Reserve r : parsed.reserves) {
            tree.reservations().add(new TreeImpl.Reservation(r.address(), r.size(), r.labels().live()));
        }
        tree.setBootCpuId(bootCpu);
        return tree;
    }

    /** The node a reference names: {@code /path} (exact names) or a label; null if none. */
    static SrcNode byRef(SrcNode root, String ref) {
        if (ref.startsWith("/")) {
            SrcNode n = root;
            for (String part : ref.split("/")) {
                if (!part.isEmpty()) {
                    n = n.liveKid(part);
                    if (n == null) {
                        return null;
                    }
                }
            }
            return n;
        }
        for (SrcNode n : live(root)) {
            if (n.labels.contains(ref)) {
                return n;
            }
        }
        return null;
    }

    static List<SrcNode> live(SrcNode root) {
        List<SrcNode> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(SrcNode n, List<SrcNode> out) {
        if (n.deleted) {
            return;
        }
        out.add(n);
        for (SrcNode k : n.kids) {
            collect(k, out);
        }
    }

    /** dtc's guess: the {@code reg} of the first child of {@code /cpus}, when it is one cell. */
    private static int guessBootCpu(SrcNode root) {
        SrcNode cpus = byRef(root, "/cpus");
        if (cpus == null || cpus.kids.isEmpty()) {
            return 0;
        }
        SrcNode.Prop reg = cpus.kids.get(0).liveProp("reg");
        return reg != null && reg.value.length() == 4 ? Bytes.be32(reg.value.raw(), 0) : 0;
    }

    private void names(List<SrcNode> nodes) {
        for (SrcNode n : nodes) {
            Set<String> seen = new HashSet<>();
            for (SrcNode k : n.kids) {
                if (!k.deleted && !seen.add(k.name)) {
                    throw k.loc.error("duplicate node name '" + k.name + "' in " + n.path());
                }
            }
            seen.clear();
            for (SrcNode.Prop p : n.props) {
                if (!p.deleted && !seen.add(p.name)) {
                    throw p.loc.error("duplicate property '" + p.name + "' in " + n.path());
                }
            }
            SrcNode.Prop name = n.liveProp("name");
            String base = n.name.contains("@") ? n.name.substring(0, n.name.indexOf('@')) : n.name;
            if (name != null && name.value.length() == base.length() + 1
                    && new String(name.value.raw(), 0, base.length(),
                            java.nio.charset.StandardCharsets.ISO_8859_1).equals(base)) {
                name.deleted = true; // dtc drops a "name" property equal to the node name
            }
        }
    }

    private void labels(List<SrcNode> nodes) {
        Map<String, String> where = new HashMap<>();
        for (SrcNode n : nodes) {
            for (String l : n.labels.live()) {
                claim(where, l, n.path(), n.loc);
            }
            for (SrcNode.Prop p : n.props) {
                if (p.deleted) {
                    continue;
                }
                for (String l : p.labels.live()) {
                    claim(where, l, n.path() + ":" + p.name, p.loc);
                }
                for (Marker m : p.value.markers) {
                    if (m.kind() == Marker.Kind.LABEL) {
                        claim(where, m.ref(), n.path() + ":" + p.name, p.loc);
                    }
                }
            }
        }
    }

    private static void claim(Map<String, String> where, String label, String at, SourceLoc loc) {
        String before = where.putIfAbsent(label, at);
        if (before != null) {
            throw loc.error("duplicate label '" + label + "' on " + at + " and " + before);
        }
    }

    private void explicitPhandles(List<SrcNode> nodes) {
        Map<Integer, SrcNode> owners = new HashMap<>();
        for (SrcNode n : nodes) {
            for (String name : List.of("phandle", "linux,phandle")) {
                SrcNode.Prop p = n.liveProp(name);
                if (p == null) {
                    continue;
                }
                if (p.value.length() != 4) {
                    throw p.loc.error(n.path() + ": '" + name + "' must be one cell, found "
                            + p.value.length() + " bytes");
                }
                Marker ref = p.value.markers.stream()
                        .filter(m -> m.kind() == Marker.Kind.REF_PHANDLE).findFirst().orElse(null);
                if (ref != null) {
                    if (byRef(root, ref.ref()) != n) {
                        throw p.loc.error(n.path() + ": '" + name + "' is a reference to another node");
                    }
                    continue; // a node naming itself gets its phandle with the other references
                }
                int v = Bytes.be32(p.value.raw(), 0);
                if (v == 0 || v == -1) {
                    throw p.loc.error(n.path() + ": bad " + name + String.format(" value 0x%x", v));
                }
                if (n.phandle != 0 && n.phandle != v) {
                    throw p.loc.error(n.path() + ": 'phandle' and 'linux,phandle' differ");
                }
                SrcNode other = owners.putIfAbsent(v, n);
                if (other != null && other != n) {
                    throw p.loc.error(n.path() + String.format(": duplicate phandle 0x%x", v)
                            + " (also on " + other.path() + ")");
                }
                n.phandle = v;
                usedPhandles.add(v);
            }
        }
    }

    private void phandleRefs(List<SrcNode> nodes) {
        for (SrcNode n : nodes) {
            for (SrcNode.Prop p : new ArrayList<>(n.props)) {
                if (p.deleted) {
                    continue;
                }
                for (Marker m : p.value.markers) {
                    if (m.kind() == Marker.Kind.REF_PHANDLE) {
                        SrcNode target = target(m, n, p);
                        p.value.put32(m.offset(), phandleOf(target));
                        target.referenced = true;
                    }
                }
            }
        }
    }

    private void pathRefs(List<SrcNode> nodes) {
        for (SrcNode n : nodes) {
            for (SrcNode.Prop p : n.props) {
                if (p.deleted) {
                    continue;
                }
                for (int i = 0; i < p.value.markers.size(); i++) {
                    Marker m = p.value.markers.get(i);
                    if (m.kind() == Marker.Kind.REF_PATH) {
                        SrcNode target = target(m, n, p);
                        byte[] path = (target.path() + "\0").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                        p.value.insertAt(i, path, m.loc());
                        target.referenced = true;
                    }
                }
            }
        }
    }

    private SrcNode target(Marker m, SrcNode n, SrcNode.Prop p) {
        SrcNode target = byRef(root, m.ref());
        if (target == null) {
            DtException e = DtException.property(n.path(), p.name, m.ref().startsWith("/")
                    ? "reference to a node that does not exist: &{" + m.ref() + "}"
                    : "reference to a label that does not exist: &" + m.ref());
            throw m.loc() != null ? m.loc().locate(e) : e;
        }
        return target;
    }

    /** dtc's get_node_phandle: the node's phandle, or the lowest free one from a moving start. */
    private int phandleOf(SrcNode n) {
        if (n.phandle != 0 && n.phandle != -1) {
            return n.phandle;
        }
        while (usedPhandles.contains(nextPhandle)) {
            nextPhandle++;
        }
        n.phandle = nextPhandle;
        usedPhandles.add(nextPhandle);
        if (n.liveProp("phandle") == null) {
            ValueBuf v = new ValueBuf();
            v.mark(Marker.Kind.U32, null, null);
            v.appendInt(nextPhandle, 32, n.loc);
            n.props.add(new SrcNode.Prop("phandle", v, n.loc));
        }
        return n.phandle;
    }

    private static NodeImpl convert(SrcNode s) {
        NodeImpl n = new NodeImpl(s.name);
        n.labelList().addAll(s.labels.live());
        for (SrcNode.Prop p : s.props) {
            if (!p.deleted) {
                List<Marker> markers = new ArrayList<>();
                for (Marker m : p.value.markers) {
                    markers.add(new Marker(m.kind(), m.offset(), m.ref(), null));
                }
                n.props().add(new PropertyImpl(n, p.name, p.value.toArray(), markers, p.labels.live()));
            }
        }
        for (SrcNode k : s.kids) {
            if (!k.deleted) {
                n.attach(convert(k));
            }
        }
        return n;
    }
}
