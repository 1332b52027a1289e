package hv.arch.riscv;

import java.util.Arrays;

import hv.core.mem.BusFault;
import hv.core.mem.Ram;
import hv.core.mem.RamBlock;
import hv.core.vcpu.VcpuContext;

/**
 * Address translation (Sv39, Sv48; privileged spec "Supervisor-Level ISA", section "Virtual-Memory
 * System") and guest memory access.
 *
 * <p><b>Software TLB.</b> Three direct-mapped tables (fetch, load, store) of {@link #TLB_SIZE}
 * entries each, in three banks: U mode, S mode with SUM=0, S mode with SUM=1. Switching privilege
 * or SUM only switches the bank, so syscalls and uaccess windows flush nothing. An entry maps a
 * 4 KiB virtual page to RAM only: (backing array, index delta). The tag is the page address, so a
 * misaligned address (its low bits folded into the compared value) never hits and falls to the
 * slow path. Entries are dropped on satp writes, sfence.vma, MXR changes (load table), bus
 * generation changes and remote flush requests. MMIO is never cached.
 *
 * <p><b>A/D bits</b> are set by the walker with a compare-and-set on the PTE (re-walking if it
 * changed), as the spec permits and QEMU does; a store entry is only cached once D is set.
 */
abstract class Mmu extends HartState {

    static final int TLB_SIZE = 256;
    static final int BANKS = 3;
    static final long PAGE_MASK = ~0xfffL;
    static final long INVALID = -1L;

    static final int ACC_FETCH = 0, ACC_LOAD = 1, ACC_STORE = 2;

    // PTE bits
    static final long PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_G = 32, PTE_A = 64, PTE_D = 128;
    static final long PPN_MASK = (1L << 44) - 1;

    final long[] xTag = new long[TLB_SIZE * BANKS];
    final byte[][] xMem = new byte[TLB_SIZE * BANKS][];
    final long[] xOff = new long[TLB_SIZE * BANKS];
    /** Fetch only: physical address minus virtual address of the page. */
    final long[] xPa = new long[TLB_SIZE * BANKS];
    final long[] lTag = new long[TLB_SIZE * BANKS];
    final byte[][] lMem = new byte[TLB_SIZE * BANKS][];
    final long[] lOff = new long[TLB_SIZE * BANKS];
    final long[] sTag = new long[TLB_SIZE * BANKS];
    final byte[][] sMem = new byte[TLB_SIZE * BANKS][];
    final long[] sOff = new long[TLB_SIZE * BANKS];

    /** Base index of the current bank. */
    int bank;

    final Trap trap = new Trap();

    /** Last RAM block used by the walker and the slow paths (one-entry cache). */
    private RamBlock lastBlock;

    // results of resolveAtomic
    byte[] amoMem;
    int amoIdx;

    // LR reservation
    boolean resValid;
    byte[] resMem;
    int resIdx;
    int resSize;
    long resVersion;
    long resValue;

    /** Statistics: page walks, misaligned accesses emulated. */
    long walks;
    long misaligned;

    Mmu(VcpuContext ctx, int ext) {
        super(ctx, ext);
        flushTlb();
    }

    /** Bumped whenever cached block successor links may be stale (see {@link Block#next1}). */
    int chainEpoch;

    /**
     * Physical pages (pa &gt;&gt;&gt; 12) holding decoded blocks of this hart. The store TLB never maps
     * them, so every store of this hart to such a page takes a slow path, which calls
     * {@link #codeWritten}. Only touched on slow paths.
     */
    final java.util.HashSet<Long> codePages = new java.util.HashSet<>();

    /**
     * Bumped when code may have changed: a store by this hart to a code page, fence.i, a remote
     * fence.i (FLUSH_ICACHE). Blocks checked in an older epoch are compared with memory again
     * before they run.
     */
    int codeEpoch = 1;

    /** A slow-path store is about to change RAM at {@code pa}: if that page holds code, it no longer does. */
    final void noteStore(long pa) {
        if (!codePages.isEmpty() && codePages.remove(pa >>> 12)) {
            codeEpoch++;
        }
    }

    final void flushTlb() {
        chainEpoch++;
        Arrays.fill(xTag, INVALID);
        Arrays.fill(lTag, INVALID);
        Arrays.fill(sTag, INVALID);
        Arrays.fill(xMem, null);
        Arrays.fill(lMem, null);
        Arrays.fill(sMem, null);
        lastBlock = null;
    }

    final void flushLoadTlb() {
        Arrays.fill(lTag, INVALID);
        Arrays.fill(lMem, null);
    }

    /** Recomputes the TLB bank after a change of privilege or SUM. */
    final void updateBank() {
        int b = priv == PRV_U ? 0 : (sstatus & SSTATUS_SUM) != 0 ? 2 * TLB_SIZE : TLB_SIZE;
        if (b != bank) {
            bank = b;
            chainEpoch++;
        }
    }

    final int slot(long va) {
        return bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
    }

    // ------------------------------------------------------------------ translation

    final Trap pageFault(int acc, long va) {
        return trap.set(acc == ACC_FETCH ? CAUSE_FETCH_PAGE_FAULT : acc == ACC_LOAD ? CAUSE_LOAD_PAGE_FAULT
                : CAUSE_STORE_PAGE_FAULT, va);
    }

    final Trap accessFault(int acc, long va) {
        return trap.set(acc == ACC_FETCH ? CAUSE_FETCH_ACCESS : acc == ACC_LOAD ? CAUSE_LOAD_ACCESS
                : CAUSE_STORE_ACCESS, va);
    }

    /** The RAM block holding {@code [pa, pa + len)}, or null. */
    final RamBlock ram(long pa, int len) {
        RamBlock rb = lastBlock;
        if (rb != null && rb.contains(pa, len)) {
            return rb;
        }
        rb = bus.ramBlock(pa);
        if (rb == null || !rb.contains(pa, len)) {
            return null;
        }
        lastBlock = rb;
        return rb;
    }

    /**
     * Translates {@code va} for an access of kind {@code acc} at the current privilege.
     *
     * @throws Trap page fault or access fault (PTE not in RAM)
     */
    final long translate(long va, int acc) {
        int mode = (int) (satp >>> 60);
        if (mode == SATP_BARE) {
            return va;
        }
        walks++;
        int levels = mode == SATP_SV39 ? 3 : 4;
        int vaBits = 12 + 9 * levels;
        long top = va >> (vaBits - 1);
        if (top != 0 && top != -1) {
            throw pageFault(acc, va);
        }
        walk:
        while (true) {
            long a = (satp & PPN_MASK) << 12;
            for (int lvl = levels - 1; lvl >= 0; lvl--) {
                long pteAddr = a + (((va >>> (12 + 9 * lvl)) & 511) << 3);
                RamBlock rb = ram(pteAddr, 8);
                if (rb == null) {
                    throw accessFault(acc, va);
                }
                int pteIdx = rb.index(pteAddr);
                long pte = Ram.getLong(rb.data(), pteIdx);
                if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0) || (pte >>> 54) != 0) {
                    throw pageFault(acc, va);
                }
                if ((pte & (PTE_R | PTE_X)) == 0) {
                    if ((pte & (PTE_A | PTE_D | PTE_U)) != 0) {
                        throw pageFault(acc, va); // reserved in non-leaf PTEs
                    }
                    a = ((pte >>> 10) & PPN_MASK) << 12;
                    continue;
                }
                checkLeaf(pte, acc, va);
                long ppn = (pte >>> 10) & PPN_MASK;
                long lowMask = (1L << (9 * lvl)) - 1;
                if ((ppn & lowMask) != 0) {
                    throw pageFault(acc, va); // misaligned superpage
                }
                long need = PTE_A | (acc == ACC_STORE ? PTE_D : 0);
                if ((pte & need) != need) {
                    if (!rb.writable()) {
                        throw accessFault(acc, va);
                    }
                    if (!Atomics.casPte(rb.data(), pteIdx, pte, pte | need)) {
                        continue walk; // the PTE changed under us: walk again
                    }
                }
                long offMask = (1L << (12 + 9 * lvl)) - 1;
                return ((ppn << 12) & ~offMask) | (va & offMask);
            }
            throw pageFault(acc, va); // no leaf by level 0
        }
    }

    private void checkLeaf(long pte, int acc, long va) {
        boolean user = (pte & PTE_U) != 0;
        if (acc == ACC_FETCH) {
            if ((pte & PTE_X) == 0 || user != (priv == PRV_U)) {
                throw pageFault(acc, va);
            }
            return;
        }
        if (user) {
            if (priv == PRV_S && (sstatus & SSTATUS_SUM) == 0) {
                throw pageFault(acc, va);
            }
        } else if (priv == PRV_U) {
            throw pageFault(acc, va);
        }
        if (acc == ACC_LOAD) {
            if ((pte & PTE_R) == 0 && ((sstatus & SSTATUS_MXR) == 0 || (pte & PTE_X) == 0)) {
                throw pageFault(acc, va);
            }
        } else if ((pte & PTE_W) == 0) {
            throw pageFault(acc, va);
        }
    }

    // ------------------------------------------------------------------ slow paths

    /** Fills the fetch entry for {@code va}'s page; returns false when the page is not RAM. */
    final boolean fillFetch(long va) {
        long pa = translate(va, ACC_FETCH);
        long ppage = pa & PAGE_MASK;
        RamBlock rb = ram(ppage, 4096);
        if (rb == null) {
            return false;
        }
        int s = slot(va);
        long vpage = va & PAGE_MASK;
        xTag[s] = vpage;
        xMem[s] = rb.data();
        xOff[s] = rb.index(ppage) - vpage;
        xPa[s] = ppage - vpage;
        return true;
    }

    /** Loads {@code size} bytes at {@code va}, zero-extended; fills the load TLB. */
    final long loadSlow(long va, int size) {
        if ((va & (size - 1)) != 0) {
            misaligned++;
            if ((va & 0xfff) + size > 4096) {
                return loadMisaligned(va, size);
            }
            // inside one page: one translation, then an unaligned array read
            int s = slot(va);
            if (lTag[s] == (va & PAGE_MASK)) {
                return Ram.get(lMem[s], (int) (va + lOff[s]), size);
            }
        }
        long pa = translate(va, ACC_LOAD);
        RamBlock rb = ram(pa & PAGE_MASK, 4096);
        if (rb != null) {
            int s = slot(va);
            long vpage = va & PAGE_MASK;
            lMem[s] = rb.data();
            lOff[s] = rb.index(pa & PAGE_MASK) - vpage;
            lTag[s] = vpage;
            return Ram.get(rb.data(), rb.index(pa), size);
        }
        if ((va & (size - 1)) != 0) {
            return loadMisaligned(va, size); // MMIO: byte by byte
        }
        return physRead(pa, size, va, ACC_LOAD);
    }

    final void storeSlow(long va, int size, long v) {
        if ((va & (size - 1)) != 0) {
            misaligned++;
            if ((va & 0xfff) + size > 4096) {
                storeMisaligned(va, size, v);
                return;
            }
            int s = slot(va);
            if (sTag[s] == (va & PAGE_MASK)) {
                Ram.put(sMem[s], (int) (va + sOff[s]), size, v);
                return;
            }
        }
        long pa = translate(va, ACC_STORE);
        RamBlock rb = ram(pa & PAGE_MASK, 4096);
        if (rb != null && rb.writable()) {
            noteStore(pa);
            int s = slot(va);
            long vpage = va & PAGE_MASK;
            sMem[s] = rb.data();
            sOff[s] = rb.index(pa & PAGE_MASK) - vpage;
            sTag[s] = vpage;
            Ram.put(rb.data(), rb.index(pa), size, v);
            return;
        }
        if ((va & (size - 1)) != 0) {
            storeMisaligned(va, size, v); // MMIO or ROM: byte by byte
            return;
        }
        physWrite(pa, size, v, va);
    }

    final long physRead(long pa, int size, long va, int acc) {
        RamBlock rb = ram(pa, size);
        if (rb != null) {
            return Ram.get(rb.data(), rb.index(pa), size);
        }
        try {
            return bus.read(pa, size);
        } catch (BusFault e) {
            throw accessFault(acc, va);
        }
    }

    final void physWrite(long pa, int size, long v, long va) {
        RamBlock rb = ram(pa, size);
        if (rb != null && rb.writable()) {
            noteStore(pa);
            Ram.put(rb.data(), rb.index(pa), size, v);
            return;
        }
        try {
            bus.write(pa, size, v);
        } catch (BusFault e) {
            throw accessFault(ACC_STORE, va);
        }
    }

    /**
     * Misaligned load, emulated byte by byte as M-mode firmware would: every byte is translated
     * (so each page is checked) before anything is read.
     */
    private long loadMisaligned(long va, int size) {
        long pa0 = translate(va, ACC_LOAD);
        long va1 = (va + size - 1) & PAGE_MASK;
        long pa1 = (va1 != (va & PAGE_MASK)) ? translate(va1, ACC_LOAD) : 0;
        long v = 0;
        for (int k = 0; k < size; k++) {
            long a = va + k;
            long pa = (a & PAGE_MASK) == (va & PAGE_MASK) ? pa0 + k : pa1 + (a - va1);
            v |= (physRead(pa, 1, a, ACC_LOAD) & 0xff) << (8 * k);
        }
        return v;
    }

    private void storeMisaligned(long va, int size, long v) {
        long pa0 = translate(va, ACC_STORE);
        long va1 = (va + size - 1) & PAGE_MASK;
        long pa1 = (va1 != (va & PAGE_MASK)) ? translate(va1, ACC_STORE) : 0;
        for (int k = 0; k < size; k++) {
            long a = va + k;
            long pa = (a & PAGE_MASK) == (va & PAGE_MASK) ? pa0 + k : pa1 + (a - va1);
            physWrite(pa, 1, v >>> (8 * k), a);
        }
    }

    // ------------------------------------------------------------------ A extension

    /**
     * Resolves an LR/SC/AMO address to (amoMem, amoIdx). Misaligned atomics raise the address
     * misaligned exception (they are not emulated); atomics outside RAM raise an access fault.
     */
    private void resolveAtomic(long va, int size, boolean store) {
        if ((va & (size - 1)) != 0) {
            throw trap.set(store ? CAUSE_MISALIGNED_STORE : CAUSE_MISALIGNED_LOAD, va);
        }
        int acc = store ? ACC_STORE : ACC_LOAD;
        int s = slot(va);
        long vpage = va & PAGE_MASK;
        int idx;
        if (store ? sTag[s] == vpage : lTag[s] == vpage) {
            amoMem = store ? sMem[s] : lMem[s];
            idx = (int) (va + (store ? sOff[s] : lOff[s]));
        } else {
            long pa = translate(va, acc);
            RamBlock rb = ram(pa, size);
            if (rb == null || (store && !rb.writable())) {
                throw accessFault(acc, va);
            }
            idx = rb.index(pa);
            amoMem = rb.data();
            if (store) {
                noteStore(pa);
            }
            if (rb.contains(pa & PAGE_MASK, 4096)) {
                // cache the page like an ordinary access of the same kind would
                long off = rb.index(pa & PAGE_MASK) - vpage;
                if (store) {
                    sMem[s] = rb.data();
                    sOff[s] = off;
                    sTag[s] = vpage;
                } else {
                    lMem[s] = rb.data();
                    lOff[s] = off;
                    lTag[s] = vpage;
                }
            }
        }
        if ((idx & (size - 1)) != 0) {
            throw accessFault(acc, va); // backing array not aligned: atomics impossible
        }
        amoIdx = idx;
    }

    final long loadReserved(long va, int size) {
        resolveAtomic(va, size, false);
        resVersion = Atomics.version(amoMem, amoIdx);
        long v = Atomics.loadReserved(amoMem, amoIdx, size);
        resValid = true;
        resMem = amoMem;
        resIdx = amoIdx;
        resSize = size;
        resValue = v;
        return v;
    }

    /** @return 0 on success, 1 on failure (the rd value of sc) */
    final long storeConditional(long va, int size, long v) {
        resolveAtomic(va, size, true);
        boolean held = resValid && resMem == amoMem && resIdx == amoIdx && resSize == size;
        resValid = false;
        resMem = null;
        if (!held) {
            return 1;
        }
        return Atomics.storeConditional(amoMem, amoIdx, size, resVersion, resValue, v) ? 0 : 1;
    }

    final long amo(int kind, boolean dword, long va, long v) {
        int size = dword ? 8 : 4;
        resolveAtomic(va, size, true);
        return dword ? Atomics.amo64(kind, amoMem, amoIdx, v) : Atomics.amo32(kind, amoMem, amoIdx, (int) v);
    }

    // ------------------------------------------------------------------ generic accessors (not the hot path)

    /** Loads {@code size} bytes at {@code va}, zero-extended, through the load TLB. */
    final long load(long va, int size) {
        int s = slot(va);
        if (lTag[s] == (va & (PAGE_MASK | (size - 1)))) {
            return Ram.get(lMem[s], (int) (va + lOff[s]), size);
        }
        return loadSlow(va, size);
    }

    /** Stores the low {@code size} bytes of {@code v} at {@code va} through the store TLB. */
    final void store(long va, int size, long v) {
        int s = slot(va);
        if (sTag[s] == (va & (PAGE_MASK | (size - 1)))) {
            Ram.put(sMem[s], (int) (va + sOff[s]), size, v);
            return;
        }
        storeSlow(va, size, v);
    }

    // ------------------------------------------------------------------ fetch helpers

    /** Fetches 16 bits at {@code va} through translation (slow path; used at page boundaries). */
    final int fetch16(long va) {
        long pa = translate(va, ACC_FETCH);
        RamBlock rb = ram(pa, 2);
        if (rb == null) {
            throw accessFault(ACC_FETCH, va);
        }
        return Ram.getShort(rb.data(), rb.index(pa)) & 0xffff;
    }
}
