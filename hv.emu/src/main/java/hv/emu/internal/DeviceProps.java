package hv.emu.internal;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import hv.core.emu.EmulatorContext;
import hv.dt.Node;

/**
 * The properties of a device region's DT node, as the devices read them: numbers (one or two cells) and
 * strings. Several names can be given for one setting (the DT standard name and Xvisor's, e.g.
 * {@code reg-shift} and {@code reg_shift}); the first present wins.
 */
public interface DeviceProps {

    /** The property as a number, when present and numeric. */
    OptionalLong number(String name);

    /** The property as a string, when present. */
    Optional<String> string(String name);

    /** The first of {@code names} present, as a number, else {@code dflt}. */
    default long number(long dflt, String... names) {
        for (String n : names) {
            OptionalLong v = number(n);
            if (v.isPresent()) {
                return v.getAsLong();
            }
        }
        return dflt;
    }

    /** The first of {@code names} present, as a number. */
    default OptionalLong firstNumber(String... names) {
        for (String n : names) {
            OptionalLong v = number(n);
            if (v.isPresent()) {
                return v;
            }
        }
        return OptionalLong.empty();
    }

    /** No properties. */
    static DeviceProps none() {
        return of(Map.of());
    }

    /** Properties from a map of {@link Number} and {@link String} values (tests, fallbacks). */
    static DeviceProps of(Map<String, ?> values) {
        Map<String, ?> copy = Map.copyOf(values);
        return new DeviceProps() {
            @Override
            public OptionalLong number(String name) {
                return copy.get(name) instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
            }

            @Override
            public Optional<String> string(String name) {
                return copy.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
            }
        };
    }

    /**
     * The properties of the context's region node ({@link hv.core.config.RegionConfig#node()}); none when the
     * region has no node. A malformed property (wrong size) becomes an {@link IllegalArgumentException} whose
     * message names the node and the property, as {@link hv.core.emu.EmulatorFactory#create} wants.
     */
    static DeviceProps from(EmulatorContext context) {
        Node node = context.region().node();
        return node == null ? none() : of(node);
    }

    /** The properties of a DT node. */
    static DeviceProps of(Node node) {
        return new DeviceProps() {
            @Override
            public OptionalLong number(String name) {
                try {
                    return node.optNumber(name);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }

            @Override
            public Optional<String> string(String name) {
                try {
                    return node.optString(name);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
        };
    }
}
