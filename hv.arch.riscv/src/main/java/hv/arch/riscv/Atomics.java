package hv.arch.riscv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Atomic memory operations on guest RAM arrays, shared by all harts of all guests in this JVM.
 *
 * <p><b>Memory model.</b> AMOs are single atomic read-modify-write operations on the backing
 * {@code byte[]} (VarHandle views, sequentially consistent, so they satisfy aq/rl). They are
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

    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle VERSIONS = MethodHandles.arrayElementVarHandle(long[].class);

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
        return size == 8 ? (long) I64.getVolatile(mem, idx) : (long) (int) I32.getVolatile(mem, idx);
    }

    /** Store-conditional; the caller has checked that (mem, idx, size) is the reserved location. */
    static boolean storeConditional(byte[] mem, int idx, int size, long version, long expected, long value) {
        int s = stripe(mem, idx);
        synchronized (LOCKS[s & (LOCKS.length - 1)]) {
            if ((long) VERSIONS.getVolatile(VERSION, s) != version) {
                return false;
            }
            boolean ok = size == 8 ? I64.compareAndSet(mem, idx, expected, value)
                    : I32.compareAndSet(mem, idx, (int) expected, (int) value);
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
            case SWAP -> old = (long) I64.getAndSet(mem, idx, v);
            case ADD -> old = (long) I64.getAndAdd(mem, idx, v);
            case XOR -> old = (long) I64.getAndBitwiseXor(mem, idx, v);
            case AND -> old = (long) I64.getAndBitwiseAnd(mem, idx, v);
            case OR -> old = (long) I64.getAndBitwiseOr(mem, idx, v);
            default -> {
                do {
                    old = (long) I64.getVolatile(mem, idx);
                } while (!I64.compareAndSet(mem, idx, old, minMax(kind, old, v)));
            }
        }
        bump(mem, idx);
        return old;
    }

    /** 32-bit AMO; returns the old value sign-extended. */
    static long amo32(int kind, byte[] mem, int idx, int v) {
        int old;
        switch (kind) {
            case SWAP -> old = (int) I32.getAndSet(mem, idx, v);
            case ADD -> old = (int) I32.getAndAdd(mem, idx, v);
            case XOR -> old = (int) I32.getAndBitwiseXor(mem, idx, v);
            case AND -> old = (int) I32.getAndBitwiseAnd(mem, idx, v);
            case OR -> old = (int) I32.getAndBitwiseOr(mem, idx, v);
            default -> {
                do {
                    old = (int) I32.getVolatile(mem, idx);
                } while (!I32.compareAndSet(mem, idx, old, minMax32(kind, old, v)));
            }
        }
        bump(mem, idx);
        return old;
    }

    static long minMax(int kind, long a, long b) {
        return switch (kind) {
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case MINU -> Long.compareUnsigned(a, b) <= 0 ? a : b;
            default -> Long.compareUnsigned(a, b) >= 0 ? a : b;
        };
    }

    static int minMax32(int kind, int a, int b) {
        return switch (kind) {
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
        return I64.compareAndSet(mem, idx, expected, value);
    }
}
