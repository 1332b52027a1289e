package hv.dt.internal;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import hv.dt.DtException;

/** Deep copies of subtrees, and what a copy must respect in the tree it joins. */
final class Copies {
    private Copies() {
    }

    /** A detached copy of {@code n} and its subtree, named {@code newName}. */
    static NodeImpl deepCopy(NodeImpl n, String newName) {
        NodeImpl c = new NodeImpl(newName);
        c.labelList().addAll(n.labelList());
        for (PropertyImpl p : n.props()) {
            c.props().add(p.withOwner(c, p.labels()));
        }
        for (NodeImpl k : n.kids()) {
            c.attach(deepCopy(k, k.name()));
        }
        return c;
    }

    /** How many levels of nodes lie below {@code n}. */
    static int height(NodeImpl n) {
        int h = 0;
        for (NodeImpl k : n.kids()) {
            h = Math.max(h, 1 + height(k));
        }
        return h;
    }

    /** Throws when a phandle of the copy is already used in the target tree. */
    static void checkPhandlesFree(NodeImpl copy, TreeImpl target, String sourcePath) {
        OptionalInt ph = copy.phandle();
        if (ph.isPresent() && target.phandle(ph.getAsInt()).isPresent()) {
            throw DtException.node(sourcePath, String.format(
                    "cannot copy: phandle 0x%x is already used by %s in the target tree",
                    ph.getAsInt(), target.phandle(ph.getAsInt()).get().path()));
        }
        for (NodeImpl k : copy.kids()) {
            checkPhandlesFree(k, target, sourcePath + "/" + k.name());
        }
    }

    /** Removes from the copy the labels the target tree already uses. */
    static void dropLabels(NodeImpl copy, Set<String> used) {
        copy.labelList().removeIf(used::contains);
        List<PropertyImpl> props = copy.props();
        for (int i = 0; i < props.size(); i++) {
            PropertyImpl p = props.get(i);
            if (p.labels().stream().anyMatch(used::contains)) {
                props.set(i, p.withOwner(copy, p.labels().stream().filter(l -> !used.contains(l)).toList()));
            }
        }
        for (NodeImpl k : copy.kids()) {
            dropLabels(k, used);
        }
    }
}
