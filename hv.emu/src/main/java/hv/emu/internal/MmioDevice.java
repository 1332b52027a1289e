package hv.emu.internal;

import hv.core.emu.Emulator;
import hv.core.mem.BusFault;

/**
 * Base of the hv.emu devices: turns any exception a device bug could throw into a counted, rate-limited
 * log entry so that nothing but a {@link BusFault} ever escapes to the VCPU (a guest must not be able to
 * crash its VCPU loop through a device). Subclasses serve {@link #readReg} and {@link #writeReg}.
 */
public abstract class MmioDevice implements Emulator {

    protected final AccessLog accessLog;

    protected MmioDevice(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @Override
    public final long read(long offset, int size) {
        try {
            return readReg(offset, size) & sizeMask(size);
        } catch (BusFault f) {
            throw f;
        } catch (RuntimeException e) {
            accessLog.internalError("read at 0x" + Long.toHexString(offset), e);
            return 0;
        }
    }

    @Override
    public final void write(long offset, int size, long value) {
        try {
            writeReg(offset, size, value & sizeMask(size));
        } catch (BusFault f) {
            throw f;
        } catch (RuntimeException e) {
            accessLog.internalError("write at 0x" + Long.toHexString(offset), e);
        }
    }

    /** Reads {@code size} bytes at {@code offset}; the result is masked to the size by the caller. */
    protected abstract long readReg(long offset, int size);

    /** Writes the (already masked) value. */
    protected abstract void writeReg(long offset, int size, long value);

    /** Accesses the device did not serve. */
    public final long unhandledAccesses() {
        return accessLog.unhandled();
    }

    /** Exceptions caught inside the device (0 unless it has a bug). */
    public final long internalErrors() {
        return accessLog.internalErrors();
    }

    /** The mask of the low {@code size} bytes (size 1, 2, 4 or 8; anything else counts as 8). */
    public static long sizeMask(int size) {
        return switch (size) {
            case 1 -> 0xFFL;
            case 2 -> 0xFFFFL;
            case 4 -> 0xFFFF_FFFFL;
            default -> -1L;
        };
    }
}
