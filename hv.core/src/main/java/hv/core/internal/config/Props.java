package hv.core.internal.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import hv.core.config.GuestConfigException;
import hv.dt.DtException;
import hv.dt.Node;
import hv.dt.Property;

/**
 * Typed reads of one DT node for configuration: every failure is a {@link GuestConfigException}
 * naming the node path and the property. Numbers are read the way Xvisor reads them: one or two
 * cells, whatever {@code #address-cells} says.
 */
final class Props {

    private final Node node;

    Props(Node node) {
        this.node = node;
    }

    String path() {
        return node.path();
    }

    Node node() {
        return node;
    }

    GuestConfigException error(String property, String problem) {
        return new GuestConfigException(node.path(), property, problem);
    }

    boolean has(String name) {
        return node.has(name);
    }

    Optional<String> string(String name) {
        try {
            return node.optString(name);
        } catch (DtException e) {
            throw error(name, "expected a string (" + e.detail() + ")");
        }
    }

    String requiredString(String name) {
        return string(name).orElseThrow(() -> error(name, "missing (required)"));
    }

    List<String> strings(String name) {
        try {
            return node.optStrings(name).orElse(List.of());
        } catch (DtException e) {
            throw error(name, "expected a string list (" + e.detail() + ")");
        }
    }

    OptionalLong number(String name) {
        Optional<Property> p = node.property(name);
        if (p.isEmpty()) {
            return OptionalLong.empty();
        }
        int len = p.get().length();
        if (len != 4 && len != 8) {
            throw error(name, "expected a number of one or two cells, found " + len + " bytes");
        }
        long v = p.get().number();
        return OptionalLong.of(len == 4 ? v & 0xffff_ffffL : v);
    }

    long number(String name, long dflt) {
        OptionalLong v = number(name);
        return v.isPresent() ? v.getAsLong() : dflt;
    }

    long requiredNumber(String name) {
        OptionalLong v = number(name);
        if (v.isEmpty()) {
            throw error(name, "missing (required)");
        }
        return v.getAsLong();
    }

    /** A non-negative number that fits an int, within {@code [min, max]}. */
    int smallInt(String name, int dflt, int min, int max) {
        OptionalLong v = number(name);
        if (v.isEmpty()) {
            return dflt;
        }
        long x = v.getAsLong();
        if (x < min || x > max) {
            throw error(name, x + " is outside " + min + ".." + max);
        }
        return (int) x;
    }

    List<Integer> cellList(String name) {
        Optional<Property> p = node.property(name);
        if (p.isEmpty()) {
            return List.of();
        }
        if (p.get().length() % 4 != 0) {
            throw error(name, "expected 32-bit cells, found " + p.get().length() + " bytes");
        }
        int[] c = p.get().cells();
        return java.util.Arrays.stream(c).boxed().toList();
    }

    /** One of {@code choices} (lower case), or {@code dflt} when absent. */
    String choice(String name, String dflt, String... choices) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return dflt;
        }
        for (String c : choices) {
            if (c.equals(v.get())) {
                return c;
            }
        }
        throw error(name, "\"" + v.get() + "\" is not one of " + String.join(", ", choices));
    }
}
