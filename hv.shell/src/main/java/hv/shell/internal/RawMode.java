package hv.shell.internal;

import java.lang.reflect.Method;
import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the JLine terminal of a Gogo session in raw mode while a guest console is bound: every key
 * (Ctrl-C included) goes to the guest as typed, unechoed, without line editing; output processing
 * stays on. JLine is reached by reflection (method and enum names of {@code org.jline.terminal}):
 * hv.shell does not depend on it, and without a terminal (scripts, tests) nothing happens.
 */
final class RawMode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RawMode.class);

    private final Object terminal;
    private final Object saved;

    private RawMode(Object terminal, Object saved) {
        this.terminal = terminal;
        this.saved = saved;
    }

    /** Raw mode on {@code terminal} (the session's {@code .terminal}), or a no-op when it is not a JLine terminal. */
    static RawMode enter(Object terminal) {
        if (terminal == null) {
            return new RawMode(null, null);
        }
        try {
            Method get = method(terminal, "getAttributes");
            Object saved = get.invoke(terminal);
            Class<?> attrs = saved.getClass();
            Object raw = attrs.getConstructor(attrs).newInstance(saved);
            flags(raw, "setLocalFlags", "LocalFlag", "ICANON", "ECHO", "IEXTEN", "ISIG");
            flags(raw, "setInputFlags", "InputFlag", "IXON", "ICRNL", "INLCR", "IGNCR");
            Class<?> cc = nested(attrs, "ControlChar");
            Method setCc = attrs.getMethod("setControlChar", cc, int.class);
            setCc.invoke(raw, constant(cc, "VMIN"), 1);
            setCc.invoke(raw, constant(cc, "VTIME"), 0);
            method(terminal, "setAttributes", attrs).invoke(terminal, raw);
            return new RawMode(terminal, saved);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("no raw mode on {}", terminal.getClass().getName(), e);
            return new RawMode(null, null);
        }
    }

    /**
     * A public method of {@code target} as declared by a public type (the terminal interface), so that
     * it can be called even when the terminal's class is not public.
     */
    static Method method(Object target, String name, Class<?>... params) throws NoSuchMethodException {
        java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>();
        todo.add(target.getClass());
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
                try {
                    return c.getMethod(name, params);
                } catch (NoSuchMethodException e) {
                    // look further up
                }
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(java.util.List.of(c.getInterfaces()));
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }

    /** True when the terminal is in raw mode until {@link #close()}. */
    boolean active() {
        return terminal != null;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static void flags(Object attrs, String setter, String enumName, String... names)
            throws ReflectiveOperationException {
        Class e = nested(attrs.getClass(), enumName);
        EnumSet set = EnumSet.noneOf(e);
        for (String n : names) {
            set.add(constant(e, n));
        }
        attrs.getClass().getMethod(setter, EnumSet.class, boolean.class).invoke(attrs, set, false);
    }

    private static Class<?> nested(Class<?> outer, String simpleName) throws ClassNotFoundException {
        for (Class<?> c : outer.getClasses()) {
            if (c.getSimpleName().equals(simpleName)) {
                return c;
            }
        }
        throw new ClassNotFoundException(outer.getName() + "$" + simpleName);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Enum<?> constant(Class e, String name) {
        return Enum.valueOf(e, name);
    }

    @Override
    public void close() {
        if (terminal == null) {
            return;
        }
        try {
            method(terminal, "setAttributes", saved.getClass()).invoke(terminal, saved);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("could not restore the terminal's mode", e);
        }
    }
}
