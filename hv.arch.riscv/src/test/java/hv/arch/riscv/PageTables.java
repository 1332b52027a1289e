package hv.arch.riscv;

/** Builds Sv39/Sv48 page tables in a test machine's RAM, allocating table pages from a pool. */
final class PageTables {

    static final long V = 1, R = 2, W = 4, X = 8, U = 16, G = 32, A = 64, D = 128;

    final Machine m;
    final int levels;
    final long root;
    private long next;

    PageTables(Machine m, int levels) {
        this.m = m;
        this.levels = levels;
        this.next = TestBus.RAM_BASE + 0x80_0000;
        this.root = alloc();
    }

    private long alloc() {
        long p = next;
        next += 4096;
        for (int i = 0; i < 4096; i += 8) {
            m.bus.write64(p + i, 0);
        }
        return p;
    }

    long satp() {
        return (levels == 3 ? 8L : 9L) << 60 | root >>> 12;
    }

    /** Address of the PTE for {@code va} at {@code level} (0 = 4 KiB leaf level), creating tables above it. */
    long slot(long va, int level) {
        long table = root;
        for (int l = levels - 1; l > level; l--) {
            long e = table + ((va >>> (12 + 9 * l)) & 511) * 8;
            long pte = m.bus.read64(e);
            if ((pte & V) == 0) {
                long t = alloc();
                m.bus.write64(e, (t >>> 12) << 10 | V);
                table = t;
            } else {
                table = (pte >>> 10) << 12;
            }
        }
        return table + ((va >>> (12 + 9 * level)) & 511) * 8;
    }

    /** Maps {@code va} to {@code pa} with a leaf at {@code level} (0: 4 KiB, 1: 2 MiB, 2: 1 GiB, 3: 512 GiB). */
    PageTables map(long va, long pa, int level, long flags) {
        m.bus.write64(slot(va, level), (pa >>> 12) << 10 | flags | V);
        return this;
    }

    long pte(long va, int level) {
        return m.bus.read64(slot(va, level));
    }

    /** Identity-maps the 1 GiB of RAM (code, data, tables) with a gigapage, RWX A D. */
    PageTables identity() {
        return map(TestBus.RAM_BASE, TestBus.RAM_BASE, 2, R | W | X | A | D);
    }
}
