package hv.dt.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A node while a DTS file is parsed. Like dtc, deletion only marks nodes and properties, so
 * that a node defined again later comes back at its old place; merging follows dtc's
 * {@code merge_nodes}.
 */
final class SrcNode {
    /** A property while parsing. */
    static final class Prop {
        final String name;
        final SrcLabels labels = new SrcLabels();
        ValueBuf value;
        boolean deleted;
        final SourceLoc loc;

        Prop(String name, ValueBuf value, SourceLoc loc) {
            this.name = name;
            this.value = value;
            this.loc = loc;
        }
    }

    String name;
    final SrcLabels labels = new SrcLabels();
    final List<Prop> props = new ArrayList<>();
    final List<SrcNode> kids = new ArrayList<>();
    SrcNode parent;
    boolean deleted;
    boolean omitIfNoRef;
    boolean referenced;
    int phandle;
    final SourceLoc loc;

    SrcNode(String name, SourceLoc loc) {
        this.name = name;
        this.loc = loc;
    }

    void addKid(SrcNode k) {
        k.parent = this;
        kids.add(k);
    }

    int depth() {
        int d = 0;
        for (SrcNode n = parent; n != null; n = n.parent) {
            d++;
        }
        return d;
    }

    String path() {
        if (parent == null) {
            return "/";
        }
        String up = parent.path();
        return (up.equals("/") ? "/" : up + "/") + name;
    }

    Prop liveProp(String propName) {
        for (Prop p : props) {
            if (!p.deleted && p.name.equals(propName)) {
                return p;
            }
        }
        return null;
    }

    SrcNode liveKid(String kidName) {
        for (SrcNode k : kids) {
            if (!k.deleted && k.name.equals(kidName)) {
                return k;
            }
        }
        return null;
    }

    void delete() {
        deleted = true;
        for (SrcNode k : kids) {
            if (!k.deleted) {
                k.delete();
            }
        }
        for (Prop p : props) {
            p.deleted = true;
            p.labels.deleteAll();
        }
        labels.deleteAll();
    }

    /** dtc's merge_nodes: {@code other} (a later definition) is folded into this node. */
    void merge(SrcNode other) {
        deleted = false;
        labels.merge(other.labels);
        // like dtc, /omit-if-no-ref/ on a later definition does not mark the merged node
        for (Prop np : other.props) {
            if (np.deleted) {
                Prop old = liveProp(np.name);
                if (old != null) {
                    old.deleted = true;
                    old.labels.deleteAll();
                }
                continue;
            }
            Prop old = null;
            for (Prop p : props) {
                if (p.name.equals(np.name)) {
                    old = p;
                    break;
                }
            }
            if (old != null) {
                old.labels.merge(np.labels);
                old.value = np.value;
                old.deleted = false;
            } else {
                props.add(np);
            }
        }
        for (SrcNode nk : other.kids) {
            if (nk.deleted) {
                SrcNode old = liveKid(nk.name);
                if (old != null) {
                    old.delete();
                }
                continue;
            }
            SrcNode old = null;
            for (SrcNode k : kids) {
                if (k.name.equals(nk.name)) {
                    old = k;
                    break;
                }
            }
            if (old != null) {
                old.merge(nk);
            } else {
                addKid(nk);
            }
        }
    }
}
