package hv.dt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import hv.dt.DeviceTree;
import hv.dt.DtException;
import hv.dt.Node;
import hv.dt.Property;

/** A mutable node; the root knows its tree, every other node finds it through its parents. */
public final class NodeImpl extends NodeSetters {
    private TreeImpl ownerTree;
    private NodeImpl parent;
    private final String name;
    private final List<String> labels = new ArrayList<>();
    private final List<PropertyImpl> props = new ArrayList<>();
    private final List<NodeImpl> kids = new ArrayList<>();

    /** A detached node; readers build trees from these and attach them. */
    public NodeImpl(String name) {
        this.name = name;
    }

    static NodeImpl root(TreeImpl tree) {
        NodeImpl r = new NodeImpl("");
        r.ownerTree = tree;
        return r;
    }

    void adopt(TreeImpl tree) {
        this.ownerTree = tree;
    }

    // ---- raw access for the readers and writers of this package

    /** The live property list. */
    public List<PropertyImpl> props() {
        return props;
    }

    /** The live child list. */
    public List<NodeImpl> kids() {
        return kids;
    }

    /** The live label list. */
    public List<String> labelList() {
        return labels;
    }

    /** Appends a child without checks (the caller checked). */
    public void attach(NodeImpl child) {
        child.parent = this;
        kids.add(child);
    }

    /** Nesting below the top of this node's tree. */
    public int depth() {
        int d = 0;
        for (NodeImpl n = parent; n != null; n = n.parent) {
            d++;
        }
        return d;
    }

    @Override
    TreeImpl treeOrNull() {
        NodeImpl n = this;
        while (n.parent != null) {
            n = n.parent;
        }
        return n.ownerTree;
    }

    // ---- identity

    @Override
    public DeviceTree tree() {
        TreeImpl t = treeOrNull();
        if (t == null) {
            throw DtException.node(path(), "the node was removed from its tree");
        }
        return t;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String baseName() {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    @Override
    public Optional<String> unitAddress() {
        int at = name.indexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(name.substring(at + 1));
    }

    @Override
    public String path() {
        if (parent == null) {
            return ownerTree != null ? "/" : "(removed)/" + name;
        }
        String up = parent.path();
        return (up.endsWith("/") ? up : up + "/") + name;
    }

    @Override
    public Optional<Node> parent() {
        return Optional.ofNullable(parent);
    }

    @Override
    public boolean isRoot() {
        return parent == null && ownerTree != null;
    }

    @Override
    public List<String> labels() {
        return List.copyOf(labels);
    }

    @Override
    public OptionalInt phandle() {
        for (String p : List.of("phandle", "linux,phandle")) {
            PropertyImpl prop = prop(p);
            if (prop != null && prop.length() == 4) {
                return OptionalInt.of(Bytes.be32(prop.raw(), 0));
            }
        }
        return OptionalInt.empty();
    }

    // ---- children and properties

    @Override
    public List<Node> children() {
        return List.copyOf(kids);
    }

    @Override
    public Node child(String childName) {
        return optChild(childName).orElseThrow(
                () -> DtException.node(path(), "required child node '" + childName + "' is missing"));
    }

    @Override
    public Optional<Node> optChild(String childName) {
        return Optional.ofNullable(findChild(childName));
    }

    /** Exact name first, then the first {@code name@unit} when {@code name} has no unit. */
    public NodeImpl findChild(String childName) {
        for (NodeImpl k : kids) {
            if (k.name.equals(childName)) {
                return k;
            }
        }
        if (childName.indexOf('@') < 0) {
            for (NodeImpl k : kids) {
                if (k.baseName().equals(childName)) {
                    return k;
                }
            }
        }
        return null;
    }

    NodeImpl exactChild(String childName) {
        for (NodeImpl k : kids) {
            if (k.name.equals(childName)) {
                return k;
            }
        }
        return null;
    }

    @Override
    public Optional<Node> find(String relativePath) {
        NodeImpl n = this;
        for (String part : relativePath.split("/")) {
            if (!part.isEmpty()) {
                n = n.findChild(part);
                if (n == null) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(n);
    }

    @Override
    public List<Property> properties() {
        return List.copyOf(props);
    }

    @Override
    public Optional<Property> property(String propName) {
        return Optional.ofNullable(prop(propName));
    }

    /** The property of this name, or null. */
    public PropertyImpl prop(String propName) {
        for (PropertyImpl p : props) {
            if (p.name().equals(propName)) {
                return p;
            }
        }
        return null;
    }

    // ---- editing

    /** Replaces a property of the same name in place, or appends it. */
    @Override
    public void put(PropertyImpl p) {
        for (int i = 0; i < props.size(); i++) {
            if (props.get(i).name().equals(p.name())) {
                props.set(i, p);
                return;
            }
        }
        props.add(p);
    }

    @Override
    public Node addChild(String childName) {
        Names.checkNode(path(), childName);
        if (exactChild(childName) != null) {
            throw DtException.node(path(), "child node '" + childName + "' already exists");
        }
        if (depth() + 1 > Limits.MAX_DEPTH) {
            throw DtException.node(path(), "nodes nest deeper than " + Limits.MAX_DEPTH + " levels");
        }
        NodeImpl child = new NodeImpl(childName);
        attach(child);
        return child;
    }

    @Override
    public Node getOrAddChild(String childName) {
        NodeImpl k = exactChild(childName);
        return k != null ? k : addChild(childName);
    }

    @Override
    public boolean removeChild(String childName) {
        NodeImpl k = exactChild(childName);
        if (k == null) {
            return false;
        }
        kids.remove(k);
        k.parent = null;
        return true;
    }

    @Override
    public void remove() {
        if (parent == null) {
            throw DtException.node(path(), "the root node cannot be removed");
        }
        parent.kids.remove(this);
        parent = null;
    }

    @Override
    public Node addCopy(Node source) {
        return addCopy(source, source.name());
    }

    @Override
    public Node addCopy(Node source, String newName) {
        Names.checkNode(path(), newName);
        if (exactChild(newName) != null) {
            throw DtException.node(path(), "child node '" + newName + "' already exists");
        }
        NodeImpl copy = Copies.deepCopy((NodeImpl) source, newName);
        if (depth() + 1 + Copies.height(copy) > Limits.MAX_DEPTH) {
            throw DtException.node(path(), "the copy would nest deeper than " + Limits.MAX_DEPTH
                    + " levels");
        }
        TreeImpl t = (TreeImpl) tree();
        Copies.checkPhandlesFree(copy, t, source.path());
        Copies.dropLabels(copy, t.allLabels());
        attach(copy);
        return copy;
    }

    @Override
    public Node addLabel(String label) {
        Names.checkLabel(path(), label);
        if (labels.contains(label)) {
            return this;
        }
        TreeImpl t = treeOrNull();
        if (t != null && t.allLabels().contains(label)) {
            throw DtException.node(path(), "label '" + label + "' is already used in the tree");
        }
        labels.add(label);
        return this;
    }

    @Override
    public int ensurePhandle() {
        OptionalInt ph = phandle();
        if (ph.isPresent()) {
            return ph.getAsInt();
        }
        int next = ((TreeImpl) tree()).freePhandle();
        put(PropertyImpl.typed(this, "phandle", Bytes.cell(next), Marker.Kind.U32));
        return next;
    }

    @Override
    NodeImpl self() {
        return this;
    }

    @Override
    public String toDts() {
        return DtsWriter.node(this);
    }

    @Override
    public String toString() {
        return path();
    }

}
