package hv.core.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The saved state of one engine, emulator or backend instance, in a form that holds none of the
 * saving bundle's classes: a type name, a format version, and named values that are
 * {@code long}, {@code String}, {@code byte[]}, {@code long[]} or nested {@code SavedState}.
 *
 * <p>It is how a bundle is swapped under running guests (the old instance saves, a fresh instance
 * of the new bundle restores) and how snapshots are written. A restorer MUST check
 * {@link #type()} and {@link #version()} and refuse a form it does not understand with
 * {@link StateException}, leaving the guest paused rather than corrupted.
 *
 * <p>Not thread safe; build it on one thread, then hand it over.
 */
public final class SavedState {

    private static final int MAGIC = 0x68765354; // "hvST"
    private static final int MAX_DEPTH = 32;

    private final String type;
    private final int version;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public SavedState(String type, int version) {
        this.type = type;
        this.version = version;
    }

    public String type() {
        return type;
    }

    public int version() {
        return version;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public SavedState put(String name, long v) {
        values.put(name, v);
        return this;
    }

    public SavedState put(String name, boolean v) {
        values.put(name, v ? 1L : 0L);
        return this;
    }

    public SavedState put(String name, String v) {
        values.put(name, v);
        return this;
    }

    public SavedState put(String name, byte[] v) {
        values.put(name, v.clone());
        return this;
    }

    public SavedState put(String name, long[] v) {
        values.put(name, v.clone());
        return this;
    }

    public SavedState put(String name, SavedState v) {
        values.put(name, v);
        return this;
    }

    /** Checks that this is a state of {@code expectedType} with a version in {@code [minVersion, maxVersion]}. */
    public void require(String expectedType, int minVersion, int maxVersion) {
        if (!type.equals(expectedType)) {
            throw new StateException("saved state is a '" + type + "', expected '" + expectedType + "'");
        }
        if (version < minVersion || version > maxVersion) {
            throw new StateException("saved '" + type + "' state has version " + version + ", this implementation reads "
                    + minVersion + ".." + maxVersion);
        }
    }

    public long getLong(String name) {
        return get(name, Long.class);
    }

    public long getLong(String name, long dflt) {
        return values.containsKey(name) ? getLong(name) : dflt;
    }

    public boolean getBoolean(String name) {
        return getLong(name) != 0;
    }

    public int getInt(String name) {
        long v = getLong(name);
        if (v != (int) v) {
            throw new StateException("saved '" + type + "' value '" + name + "' = " + v + " does not fit an int");
        }
        return (int) v;
    }

    public String getString(String name) {
        return get(name, String.class);
    }

    public byte[] getBytes(String name) {
        return get(name, byte[].class).clone();
    }

    public long[] getLongs(String name) {
        return get(name, long[].class).clone();
    }

    public SavedState getState(String name) {
        return get(name, SavedState.class);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    private <T> T get(String name, Class<T> kind) {
        Object v = values.get(name);
        if (v == null) {
            throw new StateException("saved '" + type + "' state has no value '" + name + "'");
        }
        if (!kind.isInstance(v)) {
            throw new StateException("saved '" + type + "' value '" + name + "' is a " + v.getClass().getSimpleName()
                    + ", expected " + kind.getSimpleName());
        }
        return kind.cast(v);
    }

    /** Serialises to bytes (stable format, readable by {@link #fromBytes}). */
    public byte[] toBytes() {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bo)) {
            out.writeInt(MAGIC);
            write(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bo.toByteArray();
    }

    private void write(DataOutputStream out) throws IOException {
        out.writeUTF(type);
        out.writeInt(version);
        out.writeInt(values.size());
        for (Map.Entry<String, Object> e : values.entrySet()) {
            out.writeUTF(e.getKey());
            Object v = e.getValue();
            if (v instanceof Long l) {
                out.writeByte('J');
                out.writeLong(l);
            } else if (v instanceof String s) {
                out.writeByte('S');
                byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            } else if (v instanceof byte[] b) {
                out.writeByte('B');
                out.writeInt(b.length);
                out.write(b);
            } else if (v instanceof long[] a) {
                out.writeByte('A');
                out.writeInt(a.length);
                for (long x : a) {
                    out.writeLong(x);
                }
            } else {
                out.writeByte('T');
                ((SavedState) v).write(out);
            }
        }
    }

    /**
     * Reads a state written by {@link #toBytes}.
     *
     * @throws StateException when the bytes are not a well-formed saved state
     */
    public static SavedState fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new StateException("not an hv saved state (bad magic)");
            }
            SavedState s = read(in, bytes.length, 0);
            if (in.available() != 0) {
                throw new StateException("saved state has " + in.available() + " trailing bytes");
            }
            return s;
        } catch (IOException e) {
            throw new StateException("saved state is truncated or malformed: " + e.getMessage());
        }
    }

    private static SavedState read(DataInputStream in, int limit, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new StateException("saved state nests deeper than " + MAX_DEPTH);
        }
        SavedState s = new SavedState(in.readUTF(), in.readInt());
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new StateException("saved state claims " + n + " values");
        }
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int tag = in.readByte();
            switch (tag) {
                case 'J' -> s.values.put(name, in.readLong());
                case 'S' -> s.values.put(name, new String(readBytes(in, limit), java.nio.charset.StandardCharsets.UTF_8));
                case 'B' -> s.values.put(name, readBytes(in, limit));
                case 'A' -> {
                    int len = in.readInt();
                    if (len < 0 || len > limit / 8) {
                        throw new StateException("saved state array '" + name + "' claims " + len + " elements");
                    }
                    long[] a = new long[len];
                    for (int k = 0; k < len; k++) {
                        a[k] = in.readLong();
                    }
                    s.values.put(name, a);
                }
                case 'T' -> s.values.put(name, read(in, limit, depth + 1));
                default -> throw new StateException("saved state value '" + name + "' has unknown tag " + tag);
            }
        }
        return s;
    }

    private static byte[] readBytes(DataInputStream in, int limit) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > limit) {
            throw new StateException("saved state byte string claims " + len + " bytes");
        }
        byte[] b = in.readNBytes(len);
        if (b.length != len) {
            throw new StateException("saved state is truncated: byte string of " + len + " bytes has " + b.length);
        }
        return b;
    }

    @Override
    public String toString() {
        return "SavedState[" + type + " v" + version + ", " + values.keySet() + "]";
    }
}
