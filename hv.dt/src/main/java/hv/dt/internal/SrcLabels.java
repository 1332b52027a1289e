package hv.dt.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Labels as dtc keeps them while parsing: a new label goes in front, an existing one (even a
 * deleted one) is revived in place, deletion only marks them. The resulting order is what
 * dtc prints.
 */
final class SrcLabels {
    private static final class Label {
        final String name;
        boolean deleted;

        Label(String name) {
            this.name = name;
        }
    }

    private final List<Label> list = new ArrayList<>();

    void add(String name) {
        for (Label l : list) {
            if (l.name.equals(name)) {
                l.deleted = false;
                return;
            }
        }
        list.add(0, new Label(name));
    }

    /** Adds labels written {@code a: b: x} so that they end up in source order. */
    void addAll(List<String> sourceOrder) {
        for (int i = sourceOrder.size() - 1; i >= 0; i--) {
            add(sourceOrder.get(i));
        }
    }

    /** Adds the live labels of another list in its order (what a merge does). */
    void merge(SrcLabels other) {
        for (Label l : other.list) {
            add(l.name);
        }
    }

    void deleteAll() {
        for (Label l : list) {
            l.deleted = true;
        }
    }

    List<String> live() {
        List<String> out = new ArrayList<>();
        for (Label l : list) {
            if (!l.deleted) {
                out.add(l.name);
            }
        }
        return out;
    }

    boolean contains(String name) {
        for (Label l : list) {
            if (!l.deleted && l.name.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
