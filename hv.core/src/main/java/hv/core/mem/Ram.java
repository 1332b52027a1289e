package hv.core.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian loads and stores on RAM block arrays. HotSpot compiles these to plain
 * (bounds-checked) machine loads and stores.
 */
public final class Ram {

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Ram() {
    }

    public static short getShort(byte[] a, int i) {
        return (short) I16.get(a, i);
    }

    public static int getInt(byte[] a, int i) {
        return (int) I32.get(a, i);
    }

    public static long getLong(byte[] a, int i) {
        return (long) I64.get(a, i);
    }

    public static void putShort(byte[] a, int i, short v) {
        I16.set(a, i, v);
    }

    public static void putInt(byte[] a, int i, int v) {
        I32.set(a, i, v);
    }

    public static void putLong(byte[] a, int i, long v) {
        I64.set(a, i, v);
    }

    /** Reads {@code size} (1, 2, 4 or 8) bytes, zero-extended. */
    public static long get(byte[] a, int i, int size) {
        return switch (size) {
            case 1 -> a[i] & 0xffL;
            case 2 -> getShort(a, i) & 0xffffL;
            case 4 -> getInt(a, i) & 0xffff_ffffL;
            case 8 -> getLong(a, i);
            default -> throw new IllegalArgumentException("access size " + size);
        };
    }

    /** Writes the low {@code size} (1, 2, 4 or 8) bytes of {@code v}. */
    public static void put(byte[] a, int i, int size, long v) {
        switch (size) {
            case 1 -> a[i] = (byte) v;
            case 2 -> putShort(a, i, (short) v);
            case 4 -> putInt(a, i, (int) v);
            case 8 -> putLong(a, i, v);
            default -> throw new IllegalArgumentException("access size " + size);
        }
    }
}
