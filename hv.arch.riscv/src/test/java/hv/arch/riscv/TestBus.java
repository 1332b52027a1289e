package hv.arch.riscv;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import hv.core.mem.BusFault;
import hv.core.mem.GuestMemory;
import hv.core.mem.GuestMemoryException;
import hv.core.mem.PhysicalBus;
import hv.core.mem.Ram;
import hv.core.mem.RamBlock;

/**
 * A guest physical address space for engine tests: RAM at {@link #RAM_BASE}, a 4 KiB ROM at
 * {@link #ROM_BASE}, and a scratch MMIO device at {@link #MMIO_BASE} whose registers read back
 * what was written (so tests can see MMIO accesses). Everything else is unmapped.
 */
final class TestBus implements PhysicalBus {

    static final long RAM_BASE = 0x8000_0000L;
    static final long ROM_BASE = 0x1000L;
    static final long MMIO_BASE = 0x1000_0000L;
    static final long MMIO_SIZE = 0x1000;

    final byte[] ram;
    final RamBlock ramBlock;
    final byte[] rom = new byte[4096];
    final RamBlock romBlock;
    final ConcurrentHashMap<Long, Long> mmio = new ConcurrentHashMap<>();
    final AtomicLong mmioAccesses = new AtomicLong();
    final AtomicLong generation = new AtomicLong();
    /** What was written to the 16550 transmit register at MMIO_BASE (its LSR at +5 always says "empty"). */
    final StringBuffer uart = new StringBuffer();

    TestBus(int ramSize) {
        ram = new byte[ramSize];
        ramBlock = new RamBlock(RAM_BASE, ramSize, ram, 0, true);
        romBlock = new RamBlock(ROM_BASE, rom.length, rom, 0, false);
    }

    @Override
    public RamBlock ramBlock(long gpa) {
        if (ramBlock.contains(gpa, 1)) {
            return ramBlock;
        }
        if (romBlock.contains(gpa, 1)) {
            return romBlock;
        }
        return null;
    }

    @Override
    public long read(long gpa, int size) {
        RamBlock b = ramBlock(gpa);
        if (b != null && b.contains(gpa, size)) {
            return Ram.get(b.data(), b.index(gpa), size);
        }
        if (gpa - MMIO_BASE >= 0 && gpa - MMIO_BASE < MMIO_SIZE) {
            mmioAccesses.incrementAndGet();
            if (gpa == MMIO_BASE + 5 && size == 1) {
                return 0x60; // 16550 LSR: THR empty, transmitter idle
            }
            long v = mmio.getOrDefault(gpa, 0L);
            return size == 8 ? v : v & ((1L << (8 * size)) - 1);
        }
        throw new BusFault(BusFault.Kind.UNMAPPED, gpa, "nothing at 0x" + Long.toHexString(gpa));
    }

    @Override
    public void write(long gpa, int size, long value) {
        RamBlock b = ramBlock(gpa);
        if (b != null && b.contains(gpa, size)) {
            if (!b.writable()) {
                throw new BusFault(BusFault.Kind.READ_ONLY, gpa, "ROM");
            }
            Ram.put(b.data(), b.index(gpa), size, value);
            return;
        }
        if (gpa - MMIO_BASE >= 0 && gpa - MMIO_BASE < MMIO_SIZE) {
            mmioAccesses.incrementAndGet();
            if (gpa == MMIO_BASE && size == 1 && value != '\r') {
                uart.append((char) (value & 0xff));
            }
            mmio.put(gpa, size == 8 ? value : value & ((1L << (8 * size)) - 1));
            return;
        }
        throw new BusFault(BusFault.Kind.UNMAPPED, gpa, "nothing at 0x" + Long.toHexString(gpa));
    }

    @Override
    public long generation() {
        return generation.get();
    }

    @Override
    public GuestMemory memory() {
        return new GuestMemory() {
            @Override
            public boolean isRam(long gpa, long len) {
                return len >= 0 && (ramBlock.contains(gpa, len) || romBlock.contains(gpa, len));
            }

            private RamBlock check(long gpa, long len, boolean write) {
                RamBlock b = ramBlock.contains(gpa, len) ? ramBlock : romBlock.contains(gpa, len) ? romBlock : null;
                if (b == null || (write && !b.writable())) {
                    throw new GuestMemoryException(gpa, len);
                }
                return b;
            }

            @Override
            public int read8(long gpa) {
                RamBlock b = check(gpa, 1, false);
                return b.data()[b.index(gpa)] & 0xff;
            }

            @Override
            public int read16(long gpa) {
                RamBlock b = check(gpa, 2, false);
                return Ram.getShort(b.data(), b.index(gpa)) & 0xffff;
            }

            @Override
            public int read32(long gpa) {
                RamBlock b = check(gpa, 4, false);
                return Ram.getInt(b.data(), b.index(gpa));
            }

            @Override
            public long read64(long gpa) {
                RamBlock b = check(gpa, 8, false);
                return Ram.getLong(b.data(), b.index(gpa));
            }

            @Override
            public void write8(long gpa, int value) {
                RamBlock b = check(gpa, 1, true);
                b.data()[b.index(gpa)] = (byte) value;
            }

            @Override
            public void write16(long gpa, int value) {
                RamBlock b = check(gpa, 2, true);
                Ram.putShort(b.data(), b.index(gpa), (short) value);
            }

            @Override
            public void write32(long gpa, int value) {
                RamBlock b = check(gpa, 4, true);
                Ram.putInt(b.data(), b.index(gpa), value);
            }

            @Override
            public void write64(long gpa, long value) {
                RamBlock b = check(gpa, 8, true);
                Ram.putLong(b.data(), b.index(gpa), value);
            }

            @Override
            public void read(long gpa, byte[] dst, int off, int len) {
                RamBlock b = check(gpa, len, false);
                System.arraycopy(b.data(), b.index(gpa), dst, off, len);
            }

            @Override
            public void write(long gpa, byte[] src, int off, int len) {
                RamBlock b = check(gpa, len, true);
                System.arraycopy(src, off, b.data(), b.index(gpa), len);
            }
        };
    }

    void load(long gpa, byte[] code) {
        System.arraycopy(code, 0, ram, (int) (gpa - RAM_BASE), code.length);
    }

    long read64(long gpa) {
        return Ram.getLong(ram, (int) (gpa - RAM_BASE));
    }

    void write64(long gpa, long v) {
        Ram.putLong(ram, (int) (gpa - RAM_BASE), v);
    }
}
