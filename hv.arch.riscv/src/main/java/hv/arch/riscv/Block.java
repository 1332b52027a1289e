package hv.arch.riscv;

import hv.core.mem.Ram;

/**
 * A decoded run of guest instructions inside one physical page: the unit the interpreter executes
 * and a later translator would compile. Instructions are kept in pre-decoded form ({@link Op}).
 *
 * <p>A block continues past conditional branches (they are side exits) and ends at the first
 * instruction that {@link Op#endsBlock ends a block}, at the page end or after {@link #MAX}
 * instructions. It records a copy of the bytes it was decoded from; {@link #valid} compares it with
 * guest memory whenever code may have changed (see {@code Interpreter.codeEpoch}).
 */
final class Block {

    /** Most instructions per block. */
    static final int MAX = 64;

    /** Guest physical address of the first instruction. */
    long pa;
    /** Backing array of the page and index of the first instruction in it. */
    byte[] mem;
    int index;
    /**
     * For a 32-bit instruction straddling a page boundary (a block of its own): where its upper
     * half is. Null for ordinary blocks.
     */
    byte[] mem2;
    int index2;
    /** Physical address of the upper half (page-crossing blocks only). */
    long pa2;
    /** The hart's code epoch when this block was last known to match memory (see Interpreter#codeEpoch). */
    int checked;
    /** Number of instructions. */
    int n;
    /** Byte length: offset of the instruction after the last one. */
    int endOff;
    final int[] ops;
    final long[] imm;
    /** Offset of each instruction from the block start. */
    final int[] pcOff;
    /** Raw bits of each instruction (16-bit ones zero-extended), for stval on illegal instructions. */
    final int[] bits;
    /** The bytes decoded, as little-endian longs (the tail word padded with zeros). */
    final long[] raw;

    Block(int capacity) {
        ops = new int[capacity];
        imm = new long[capacity];
        pcOff = new int[capacity];
        bits = new int[capacity];
        raw = new long[capacity * 4 / 8 + 1];
    }

    /** A right-sized copy of a block decoded into a scratch block. */
    Block(Block s) {
        this(s.n);
        pa = s.pa;
        mem = s.mem;
        index = s.index;
        mem2 = s.mem2;
        index2 = s.index2;
        pa2 = s.pa2;
        n = s.n;
        endOff = s.endOff;
        System.arraycopy(s.ops, 0, ops, 0, n);
        System.arraycopy(s.imm, 0, imm, 0, n);
        System.arraycopy(s.pcOff, 0, pcOff, 0, n);
        System.arraycopy(s.bits, 0, bits, 0, n);
        System.arraycopy(s.raw, 0, raw, 0, Math.min(raw.length, s.raw.length));
    }

    /**
     * Successor links: the blocks that ran after this one, by virtual pc, valid while
     * {@link #linkEpoch} equals the hart's chain epoch (bumped whenever a virtual-to-physical
     * mapping or the fetch privilege may have changed). They save the TLB and cache lookups.
     */
    Block next1;
    Block next2;
    long next1Pc;
    long next2Pc;
    int linkEpoch;

    /** True when guest memory still holds the bytes this block was decoded from. */
    boolean valid(byte[] m, int idx) {
        if (m != mem || idx != index) {
            return false;
        }
        if (mem2 != null) {
            long r0 = raw[0];
            return Ram.getShort(m, idx) == (short) r0 && Ram.getShort(mem2, index2) == (short) (r0 >>> 16);
        }
        int len = endOff;
        int words = len >>> 3;
        long[] r = raw;
        for (int k = 0; k < words; k++) {
            if (Ram.getLong(m, idx + (k << 3)) != r[k]) {
                return false;
            }
        }
        int tail = len & 7;
        if (tail != 0) {
            return tailWord(m, idx + (words << 3), tail) == r[words];
        }
        return true;
    }

    static long tailWord(byte[] m, int i, int tail) {
        // tail is 2, 4 or 6 (instructions are 2-byte aligned)
        long v = Ram.getShort(m, i) & 0xffffL;
        if (tail >= 4) {
            v |= (Ram.getShort(m, i + 2) & 0xffffL) << 16;
        }
        if (tail == 6) {
            v |= (Ram.getShort(m, i + 4) & 0xffffL) << 32;
        }
        return v;
    }

    /** Records the bytes {@code [index, index + endOff)} after decoding. */
    void snapshot() {
        int words = endOff >>> 3;
        for (int k = 0; k < words; k++) {
            raw[k] = Ram.getLong(mem, index + (k << 3));
        }
        int tail = endOff & 7;
        raw[words] = tail != 0 ? tailWord(mem, index + (words << 3), tail) : 0;
    }
}
