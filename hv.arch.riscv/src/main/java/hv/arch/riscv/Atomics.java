package hv.arch.riscv;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Atomic memory operations on guest RAM arrays, shared by all harts of all guests in this JVM.
 *
 * <p><b>Memory model.</b> AMOs are single atomic read-modify-write operations on the backing
 * {@code byte[]} (sequentially consistent, so they satisfy aq/rl; see {@link #VIEWS} for how). They are
 * atomic against plain stores of other harts too. AMOs must be naturally aligned (the engine raises
 * the misaligned exception otherwise), which makes the VarHandle access aligned: array bases are
 * 8-byte aligned and RAM blocks start at page-aligned indices.
 *
 * <p><b>LR/SC.</b> The reservation set is the naturally aligned word or doubleword at the
 * physical location (array, index). A global table of {@link #STRIPES} version counters, indexed
 * by a hash of (array, index), counts successful SCs and AMOs. LR records the stripe's version and
 * the loaded value; SC succeeds only if, under the stripe's lock, the version is unchanged (no SC
 * or AMO by any hart touched the stripe since) <em>and</em> a compare-and-set from the loaded value
 * to the new value succeeds (no plain store by any hart changed the value since). A plain store
 * that writes back the value already there (or changes it and changes it back) is not noticed:
 * the only deviation from the ISA's rule, the same one QEMU's cmpxchg-based SC has; it cannot break
 * locks, counters or compare-and-swap loops. Hash collisions only make SC fail spuriously, which
 * the ISA allows.
 */
final class Atomics {

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle VERSIONS = MethodHandles.arrayElementVarHandle(long[].class);

    /**
     * Java 21 supports atomic access modes on aligned byte[] views; later JDKs (22+) removed them
     * because array element alignment is not guaranteed by the specification. There the
     * engine falls back to sun.misc.Unsafe's compare-and-swap family (looked up reflectively, called
     * through constant method handles that HotSpot inlines). Both need the 8-byte alignment of
     * byte[] bases that HotSpot provides and that {@link #check} verifies at start.
     */
    static final boolean VIEWS = I64.isAccessModeSupported(VarHandle.AccessMode.COMPARE_AND_SET);
    private static final MethodHandle U_CAS64, U_CAS32, U_ADD64, U_ADD32, U_SWAP64, U_SWAP32, U_GETV64, U_GETV32;
    private static final long BASE;

    static {
        MethodHandle c64 = null, c32 = null, a64 = null, a32 = null, s64 = null, s32 = null, g64 = null, g32 = null;
        long base = 0;
        if (!VIEWS) {
            try {
                Class<?> uc = ClassLoader.getPlatformClassLoader().loadClass("sun.misc.Unsafe");
                Field f = uc.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                Object u = f.get(null);
                MethodHandles.Lookup l = MethodHandles.lookup();
                c64 = l.unreflect(uc.getMethod("compareAndSwapLong", Object.class, long.class, long.class, long.class)).bindTo(u);
                c32 = l.unreflect(uc.getMethod("compareAndSwapInt", Object.class, long.class, int.class, int.class)).bindTo(u);
                a64 = l.unreflect(uc.getMethod("getAndAddLong", Object.class, long.class, long.class)).bindTo(u);
                a32 = l.unreflect(uc.getMethod("getAndAddInt", Object.class, long.class, int.class)).bindTo(u);
                s64 = l.unreflect(uc.getMethod("getAndSetLong", Object.class, long.class, long.class)).bindTo(u);
                s32 = l.unreflect(uc.getMethod("getAndSetInt", Object.class, long.class, int.class)).bindTo(u);
                g64 = l.unreflect(uc.getMethod("getLongVolatile", Object.class, long.class)).bindTo(u);
                g32 = l.unreflect(uc.getMethod("getIntVolatile", Object.class, long.class)).bindTo(u);
                base = (int) l.unreflect(uc.getMethod("arrayBaseOffset", Class.class)).bindTo(u).invoke(byte[].class);
            } catch (Throwable e) {
                throw new ExceptionInInitializerError("this JVM offers no atomic access to byte[] guest RAM: " + e);
            }
            if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN || (base & 7) != 0) {
                throw new ExceptionInInitializerError("atomics on guest RAM need a little-endian host with 8-byte aligned arrays");
            }
        }
        U_CAS64 = c64;
        U_CAS32 = c32;
        U_ADD64 = a64;
        U_ADD32 = a32;
        U_SWAP64 = s64;
        U_SWAP32 = s32;
        U_GETV64 = g64;
        U_GETV32 = g32;
        BASE = base;
    }

    static long getVolatile64(byte[] a, int i) {
        try {
            return VIEWS ? (long) I64.getVolatile(a, i) : (long) U_GETV64.invokeExact((Object) a, BASE + i);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getVolatile32(byte[] a, int i) {
        try {
            return VIEWS ? (int) I32.getVolatile(a, i) : (int) U_GETV32.invokeExact((Object) a, BASE + i);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static boolean cas64(byte[] a, int i, long e, long v) {
        try {
            return VIEWS ? I64.compareAndSet(a, i, e, v) : (boolean) U_CAS64.invokeExact((Object) a, BASE + i, e, v);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static boolean cas32(byte[] a, int i, int e, int v) {
        try {
            return VIEWS ? I32.compareAndSet(a, i, e, v) : (boolean) U_CAS32.invokeExact((Object) a, BASE + i, e, v);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long getAndAdd64(byte[] a, int i, long v) {
        try {
            return VIEWS ? (long) I64.getAndAdd(a, i, v) : (long) U_ADD64.invokeExact((Object) a, BASE + i, v);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getAndAdd32(byte[] a, int i, int v) {
        try {
            return VIEWS ? (int) I32.getAndAdd(a, i, v) : (int) U_ADD32.invokeExact((Object) a, BASE + i, v);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long getAndSet64(byte[] a, int i, long v) {
        try {
            return VIEWS ? (long) I64.getAndSet(a, i, v) : (long) U_SWAP64.invokeExact((Object) a, BASE + i, v);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getAndSet32(byte[] a, int i, int v) {
        try {
            return VIEWS ? (int) I32.getAndSet(a, i, v) : (int) U_SWAP32.invokeExact((Object) a, BASE + i, v);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    static final int STRIPES = 4096;
    private static final long[] VERSION = new long[STRIPES];
    private static final Object[] LOCKS = new Object[256];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    private Atomics() {
    }

    /** AMO kinds, in the order of the {@link Op} AMO ids. */
    static final int SWAP = 0, ADD = 1, XOR = 2, AND = 3, OR = 4, MIN = 5, MAX = 6, MINU = 7, MAXU = 8;

    static int stripe(byte[] mem, int idx) {
        int h = System.identityHashCode(mem) * 0x9e3779b1 + (idx >>> 3) * 0x85ebca6b;
        return (h ^ (h >>> 15)) & (STRIPES - 1);
    }

    static long version(byte[] mem, int idx) {
        return (long) VERSIONS.getVolatile(VERSION, stripe(mem, idx));
    }

    private static void bump(byte[] mem, int idx) {
        VERSIONS.getAndAdd(VERSION, stripe(mem, idx), 1L);
    }

    static long loadReserved(byte[] mem, int idx, int size) {
        return size == 8 ? getVolatile64(mem, idx) : (long) getVolatile32(mem, idx);
    }

    /** Store-conditional; the caller has checked that (mem, idx, size) is the reserved location. */
    static boolean storeConditional(byte[] mem, int idx, int size, long version, long expected, long value) {
        int s = stripe(mem, idx);
        synchronized (LOCKS[s & (LOCKS.length - 1)]) {
            if ((long) VERSIONS.getVolatile(VERSION, s) != version) {
                return false;
            }
            boolean ok = size == 8 ? cas64(mem, idx, expected, value) : cas32(mem, idx, (int) expected, (int) value);
            if (ok) {
                VERSIONS.getAndAdd(VERSION, s, 1L);
            }
            return ok;
        }
    }

    /** 64-bit AMO; returns the old value. */
    static long amo64(int kind, byte[] mem, int idx, long v) {
        long old;
        switch (kind) {
            case SWAP -> old = getAndSet64(mem, idx, v);
            case ADD -> old = getAndAdd64(mem, idx, v);
            default -> {
                do {
                    old = getVolatile64(mem, idx);
                } while (!cas64(mem, idx, old, op64(kind, old, v)));
            }
        }
        bump(mem, idx);
        return old;
    }

    /** 32-bit AMO; returns the old value sign-extended. */
    static long amo32(int kind, byte[] mem, int idx, int v) {
        int old;
        switch (kind) {
            case SWAP -> old = getAndSet32(mem, idx, v);
            case ADD -> old = getAndAdd32(mem, idx, v);
            default -> {
                do {
                    old = getVolatile32(mem, idx);
                } while (!cas32(mem, idx, old, op32(kind, old, v)));
            }
        }
        bump(mem, idx);
        return old;
    }

    static long op64(int kind, long a, long b) {
        return switch (kind) {
            case XOR -> a ^ b;
            case AND -> a & b;
            case OR -> a | b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case MINU -> Long.compareUnsigned(a, b) <= 0 ? a : b;
            default -> Long.compareUnsigned(a, b) >= 0 ? a : b;
        };
    }

    static int op32(int kind, int a, int b) {
        return switch (kind) {
            case XOR -> a ^ b;
            case AND -> a & b;
            case OR -> a | b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case MINU -> Integer.compareUnsigned(a, b) <= 0 ? a : b;
            default -> Integer.compareUnsigned(a, b) >= 0 ? a : b;
        };
    }

    /** Atomically replaces a page-table entry (A/D update); false when it changed meanwhile. */
    static boolean casPte(byte[] mem, int idx, long expected, long value) {
        if ((idx & 7) != 0) {
            synchronized (LOCKS[0]) {
                if ((long) I64.get(mem, idx) != expected) {
                    return false;
                }
                I64.set(mem, idx, value);
                return true;
            }
        }
        return cas64(mem, idx, expected, value);
    }
}
