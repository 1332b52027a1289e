package hv.core.internal.emu;

import java.util.function.BooleanSupplier;

import hv.core.mem.GuestMemory;

/** Guest memory that refuses every access once its emulator instance is closed. */
final class GuardedMemory implements GuestMemory {

    private final GuestMemory m;
    private final BooleanSupplier closed;

    GuardedMemory(GuestMemory m, BooleanSupplier closed) {
        this.m = m;
        this.closed = closed;
    }

    private GuestMemory m() {
        if (closed.getAsBoolean()) {
            throw new IllegalStateException("emulator instance closed: no more guest memory access");
        }
        return m;
    }

    @Override
    public boolean isRam(long gpa, long len) {
        return m().isRam(gpa, len);
    }

    @Override
    public int read8(long gpa) {
        return m().read8(gpa);
    }

    @Override
    public int read16(long gpa) {
        return m().read16(gpa);
    }

    @Override
    public int read32(long gpa) {
        return m().read32(gpa);
    }

    @Override
    public long read64(long gpa) {
        return m().read64(gpa);
    }

    @Override
    public void write8(long gpa, int value) {
        m().write8(gpa, value);
    }

    @Override
    public void write16(long gpa, int value) {
        m().write16(gpa, value);
    }

    @Override
    public void write32(long gpa, int value) {
        m().write32(gpa, value);
    }

    @Override
    public void write64(long gpa, long value) {
        m().write64(gpa, value);
    }

    @Override
    public void read(long gpa, byte[] dst, int off, int len) {
        m().read(gpa, dst, off, len);
    }

    @Override
    public void write(long gpa, byte[] src, int off, int len) {
        m().write(gpa, src, off, len);
    }
}
