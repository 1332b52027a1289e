package hv.arch.riscv;

import static hv.arch.riscv.Op.*;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

import hv.core.mem.Ram;
import hv.core.vcpu.VcpuContext;

/**
 * Executes decoded blocks. {@link #execute} holds the hot cases (integer ALU, branches, loads and
 * stores with the TLB fast path inline); everything rarer is in small methods it calls, so that
 * HotSpot compiles the hot loop as one unit and no per-instruction virtual call exists.
 */
abstract class Interpreter extends Mmu {

    // exit codes of execute / step
    static final int EXIT_NEXT = 0, EXIT_CHECK = 1, EXIT_WAIT = 2, EXIT_STOP = 3, EXIT_END = 4;

    static final int CACHE_SIZE = 1 << 15;

    // tag masks: page address plus the alignment bits of the access size
    private static final long M1 = PAGE_MASK, M2 = PAGE_MASK | 1, M4 = PAGE_MASK | 3, M8 = PAGE_MASK | 7;

    final Block[] cache = new Block[CACHE_SIZE];
    private final Block scratch = new Block(Block.MAX);
    final Decoder decoder;
    /** 0 with C (2-byte alignment), 2 without (jump targets must be 4-byte aligned). */
    final int ialignMask;

    /** Accumulates the exception flags of one FP instruction. */
    final hv.arch.riscv.fp.FpFlags fpFlags = new hv.arch.riscv.fp.FpFlags();

    /** Set by WFI / suspend: the hart sleeps until (sip &amp; sie) != 0. */
    boolean waiting;

    /** Traps taken since reset (they count against a slice's budget like instructions). */
    long traps;
    long decodedBlocks;
    long invalidatedBlocks;

    Interpreter(VcpuContext ctx, int ext) {
        super(ctx, ext);
        this.decoder = new Decoder(ext);
        this.ialignMask = (ext & Isa.C) != 0 ? 0 : 2;
    }

    final void flushBlocks() {
        Arrays.fill(cache, null);
        Arrays.fill(crossCache, null);
        codePages.clear();
        codeEpoch++;
        chainEpoch++;
        prev = null;
    }

    /** The block executed last (its successor links are tried first). */
    private Block prev;

    // ------------------------------------------------------------------ block fetch

    /** Runs the block at pc. */
    final int step() {
        long pc = this.pc;
        Block p = prev;
        if (p != null && p.linkEpoch == chainEpoch) {
            Block b = p.next1Pc == pc ? p.next1 : p.next2Pc == pc ? p.next2 : null;
            if (b != null && (b.checked == codeEpoch || recheck(b))) {
                prev = b;
                return execute(b, pc);
            }
        }
        Block b = lookup(pc);
        if (b == null) {
            prev = null;
            return EXIT_NEXT; // fetch fault raised
        }
        if (p != null) {
            if (p.linkEpoch != chainEpoch) {
                p.linkEpoch = chainEpoch;
                p.next1 = null;
                p.next2 = null;
                p.next1Pc = 1;
                p.next2Pc = 1;
            }
            // keep the most recent successor in next1, the one before in next2
            p.next2 = p.next1;
            p.next2Pc = p.next1Pc;
            p.next1 = b;
            p.next1Pc = pc;
        }
        prev = b;
        return execute(b, pc);
    }

    /** Finds or decodes the block at pc through the fetch TLB; null after raising a fetch fault. */
    private Block lookup(long pc) {
        int s = bank | ((int) (pc >>> 12) & (TLB_SIZE - 1));
        if (xTag[s] != (pc & PAGE_MASK)) {
            try {
                if (!fillFetch(pc)) {
                    throw accessFault(ACC_FETCH, pc);
                }
            } catch (Trap t) {
                exception(t.cause, t.tval);
                return null;
            }
        }
        byte[] mem = xMem[s];
        int idx = (int) (pc + xOff[s]);
        long pa = pc + xPa[s];
        if ((pc & 0xffe) == 0xffe && (mem[idx] & 3) == 3) {
            return crossing(pc, pa, mem, idx);
        }
        int h = (int) ((pa >>> 1) ^ (pa >>> 15)) & (CACHE_SIZE - 1);
        Block b = cache[h];
        if (b == null || b.pa != pa || b.mem != mem || b.index != idx || (b.checked != codeEpoch && !recheck(b))) {
            if (b != null && b.pa == pa) {
                invalidatedBlocks++;
            }
            b = decodeBlock(pa, mem, idx, pc);
            if (b == null) {
                return null; // fetch fault raised
            }
            cache[h] = b;
        }
        return b;
    }

    /** Decodes the block at (pa, mem[idx]); null after raising a fetch fault for a page-crossing instruction. */
    private Block decodeBlock(long pa, byte[] mem, int idx, long pc) {
        decodedBlocks++;
        Block b = scratch;
        b.pa = pa;
        b.mem = mem;
        b.index = idx;
        int room = 4096 - (int) (pa & 0xfff);
        int off = 0;
        int n = 0;
        while (n < Block.MAX && off < room) {
            int lo = Ram.getShort(mem, idx + off) & 0xffff;
            int inst;
            if ((lo & 3) == 3) {
                if (off + 4 > room) {
                    if (n > 0) {
                        break; // the page-crossing instruction starts the next block
                    }
                    return crossing(pc, pa, mem, idx);
                }
                inst = Ram.getInt(mem, idx + off);
            } else {
                inst = lo;
            }
            int len = decoder.decode(inst, b, n, off);
            int op = b.ops[n] & 0x1ff;
            n++;
            off += len;
            if (Op.endsBlock(op)) {
                break;
            }
        }
        b.n = n;
        b.endOff = off;
        b.snapshot();
        Block nb = new Block(b);
        markCode(nb);
        return nb;
    }

    /** Compares a block checked in an older code epoch with memory again; true (and re-protected) when unchanged. */
    private boolean recheck(Block b) {
        if (!b.valid(b.mem, b.index)) {
            return false;
        }
        markCode(b);
        return true;
    }

    /**
     * Records that {@code b}'s page(s) hold code in the current epoch: they join {@link #codePages}
     * and leave the store TLB, so that this hart's next store there is seen.
     */
    private void markCode(Block b) {
        b.checked = codeEpoch;
        if (codePages.add(b.pa >>> 12)) {
            purgeStoreTlb(b.mem, b.index - (int) (b.pa & 0xfff));
        }
        if (b.mem2 != null && codePages.add(b.pa2 >>> 12)) {
            purgeStoreTlb(b.mem2, b.index2 - (int) (b.pa2 & 0xfff));
        }
    }

    /** Drops every store TLB entry (any bank, any virtual alias) that maps the page starting at {@code mem[pageIdx]}. */
    private void purgeStoreTlb(byte[] mem, int pageIdx) {
        final long[] tag = sTag;
        for (int s = 0; s < tag.length; s++) {
            if (sMem[s] == mem && tag[s] + sOff[s] == pageIdx) {
                tag[s] = INVALID;
                sMem[s] = null;
            }
        }
    }

    /**
     * A 32-bit instruction whose upper half lies on the next page: a block of its own, cached in a
     * small separate table and checked against both halves (the upper half's location is
     * translated again on every lookup, so a remapped next page is noticed). Null after raising a
     * fetch fault (sepc = the instruction, stval = its upper half).
     */
    private Block crossing(long pc, long pa, byte[] mem, int idx) {
        long pc2 = pc + 2;
        int s = bank | ((int) (pc2 >>> 12) & (TLB_SIZE - 1));
        if (xTag[s] != (pc2 & PAGE_MASK)) {
            try {
                if (!fillFetch(pc2)) {
                    throw accessFault(ACC_FETCH, pc2);
                }
            } catch (Trap t) {
                exception(t.cause, t.tval);
                return null;
            }
        }
        byte[] mem2 = xMem[s];
        int idx2 = (int) (pc2 + xOff[s]);
        int h = (int) (pa >>> 12) & (crossCache.length - 1);
        Block b = crossCache[h];
        if (b != null && b.pa == pa && b.mem == mem && b.index == idx && b.mem2 == mem2 && b.index2 == idx2
                && (b.checked == codeEpoch || recheck(b))) {
            return b;
        }
        decodedBlocks++;
        int inst = (Ram.getShort(mem, idx) & 0xffff) | (Ram.getShort(mem2, idx2) << 16);
        Block t = scratch;
        decoder.decode(inst, t, 0, 0);
        t.n = 1;
        t.endOff = 4;
        t.pa = pa;
        t.mem = mem;
        t.index = idx;
        t.mem2 = mem2;
        t.index2 = idx2;
        t.pa2 = pc2 + xPa[s];
        t.raw[0] = inst & 0xffff_ffffL;
        b = new Block(t);
        t.mem2 = null;
        markCode(b);
        crossCache[h] = b;
        return b;
    }

    /** Page-crossing instructions, by physical page. */
    private final Block[] crossCache = new Block[64];

    // ------------------------------------------------------------------ execution

    /** Executes block {@code b} located at virtual address {@code base}. */
    final int execute(Block b, long base) {
        final long[] x = this.x;
        final int[] ops = b.ops;
        final long[] imm = b.imm;
        final int n = ops.length; // blocks are right-sized: lets HotSpot drop the ops[i] range checks
        final long[] lTag = this.lTag;
        final byte[][] lMem = this.lMem;
        final long[] lOff = this.lOff;
        final long[] sTag = this.sTag;
        final byte[][] sMem = this.sMem;
        final long[] sOff = this.sOff;
        final int bank = this.bank;
        int i = 0;
        try {
            for (; i < n; i++) {
                final int w = ops[i];
                switch (w & 0x1ff) {
                    case LUI -> x[(w >>> 9) & 63] = imm[i];
                    case AUIPC -> x[(w >>> 9) & 63] = base + imm[i];
                    case ADDI -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] + imm[i];
                    case SLTI -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] < imm[i] ? 1 : 0;
                    case SLTIU -> x[(w >>> 9) & 63] = Alu.sltu(x[(w >>> 15) & 31], imm[i]);
                    case XORI -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] ^ imm[i];
                    case ORI -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] | imm[i];
                    case ANDI -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] & imm[i];
                    case SLLI -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] << imm[i];
                    case SRLI -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] >>> imm[i];
                    case SRAI -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] >> imm[i];
                    case ADD -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] + x[(w >>> 20) & 31];
                    case SUB -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] - x[(w >>> 20) & 31];
                    case SLL -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] << x[(w >>> 20) & 31];
                    case SLT -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] < x[(w >>> 20) & 31] ? 1 : 0;
                    case SLTU -> x[(w >>> 9) & 63] = Alu.sltu(x[(w >>> 15) & 31], x[(w >>> 20) & 31]);
                    case XOR -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] ^ x[(w >>> 20) & 31];
                    case SRL -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] >>> x[(w >>> 20) & 31];
                    case SRA -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] >> x[(w >>> 20) & 31];
                    case OR -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] | x[(w >>> 20) & 31];
                    case AND -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] & x[(w >>> 20) & 31];
                    case ADDIW -> x[(w >>> 9) & 63] = (int) (x[(w >>> 15) & 31] + imm[i]);
                    case SLLIW -> x[(w >>> 9) & 63] = (int) x[(w >>> 15) & 31] << imm[i];
                    case SRLIW -> x[(w >>> 9) & 63] = (int) x[(w >>> 15) & 31] >>> imm[i];
                    case SRAIW -> x[(w >>> 9) & 63] = (int) x[(w >>> 15) & 31] >> imm[i];
                    case ADDW -> x[(w >>> 9) & 63] = (int) (x[(w >>> 15) & 31] + x[(w >>> 20) & 31]);
                    case SUBW -> x[(w >>> 9) & 63] = (int) (x[(w >>> 15) & 31] - x[(w >>> 20) & 31]);
                    case SLLW -> x[(w >>> 9) & 63] = (int) x[(w >>> 15) & 31] << (x[(w >>> 20) & 31] & 31);
                    case SRLW -> x[(w >>> 9) & 63] = (int) x[(w >>> 15) & 31] >>> (x[(w >>> 20) & 31] & 31);
                    case SRAW -> x[(w >>> 9) & 63] = (int) x[(w >>> 15) & 31] >> (x[(w >>> 20) & 31] & 31);
                    case MUL -> x[(w >>> 9) & 63] = x[(w >>> 15) & 31] * x[(w >>> 20) & 31];
                    case MULW -> x[(w >>> 9) & 63] = (int) x[(w >>> 15) & 31] * (int) x[(w >>> 20) & 31];
                    case DIV -> x[(w >>> 9) & 63] = Alu.div(x[(w >>> 15) & 31], x[(w >>> 20) & 31]);
                    case BEQ -> {
                        if (x[(w >>> 15) & 31] == x[(w >>> 20) & 31]) {
                            return taken(b, base, i, imm[i]);
                        }
                    }
                    case BNE -> {
                        if (x[(w >>> 15) & 31] != x[(w >>> 20) & 31]) {
                            return taken(b, base, i, imm[i]);
                        }
                    }
                    case BLT -> {
                        if (x[(w >>> 15) & 31] < x[(w >>> 20) & 31]) {
                            return taken(b, base, i, imm[i]);
                        }
                    }
                    case BGE -> {
                        if (x[(w >>> 15) & 31] >= x[(w >>> 20) & 31]) {
                            return taken(b, base, i, imm[i]);
                        }
                    }
                    case BLTU -> {
                        if (x[(w >>> 15) & 31] + Long.MIN_VALUE < x[(w >>> 20) & 31] + Long.MIN_VALUE) {
                            return taken(b, base, i, imm[i]);
                        }
                    }
                    case BGEU -> {
                        if (x[(w >>> 15) & 31] + Long.MIN_VALUE >= x[(w >>> 20) & 31] + Long.MIN_VALUE) {
                            return taken(b, base, i, imm[i]);
                        }
                    }
                    case LB -> {
                        long va = x[(w >>> 15) & 31] + imm[i];
                        int s = bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
                        x[(w >>> 9) & 63] = lTag[s] == (va & M1) ? lMem[s][(int) (va + lOff[s])] : (byte) loadSlow(va, 1);
                    }
                    case LBU -> {
                        long va = x[(w >>> 15) & 31] + imm[i];
                        int s = bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
                        x[(w >>> 9) & 63] = lTag[s] == (va & M1) ? lMem[s][(int) (va + lOff[s])] & 0xff : loadSlow(va, 1);
                    }
                    case LH -> {
                        long va = x[(w >>> 15) & 31] + imm[i];
                        int s = bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
                        x[(w >>> 9) & 63] = lTag[s] == (va & M2) ? Ram.getShort(lMem[s], (int) (va + lOff[s]))
                                : (short) loadSlow(va, 2);
                    }
                    case LHU -> {
                        long va = x[(w >>> 15) & 31] + imm[i];
                        int s = bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
                        x[(w >>> 9) & 63] = lTag[s] == (va & M2) ? Ram.getShort(lMem[s], (int) (va + lOff[s])) & 0xffff
                                : loadSlow(va, 2);
                    }
                    case LW -> {
                        long va = x[(w >>> 15) & 31] + imm[i];
                        int s = bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
                        x[(w >>> 9) & 63] = lTag[s] == (va & M4) ? Ram.getInt(lMem[s], (int) (va + lOff[s]))
                                : (int) loadSlow(va, 4);
                    }
                    case LWU -> {
                        long va = x[(w >>> 15) & 31] + imm[i];
                        int s = bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
                        x[(w >>> 9) & 63] = lTag[s] == (va & M4)
                                ? Ram.getInt(lMem[s], (int) (va + lOff[s])) & 0xffff_ffffL : loadSlow(va, 4);
                    }
                    case LD -> {
                        long va = x[(w >>> 15) & 31] + imm[i];
                        int s = bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
                        x[(w >>> 9) & 63] = lTag[s] == (va & M8) ? Ram.getLong(lMem[s], (int) (va + lOff[s]))
                                : loadSlow(va, 8);
                    }
                    case SB -> {
                        long va = x[(w >>> 15) & 31] + imm[i];
                        int s = bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
                        if (sTag[s] == (va & M1)) {
                            sMem[s][(int) (va + sOff[s])] = (byte) x[(w >>> 20) & 31];
                        } else {
                            storeSlow(va, 1, x[(w >>> 20) & 31]);
                        }
                    }
                    case SH -> {
                        long va = x[(w >>> 15) & 31] + imm[i];
                        int s = bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
                        if (sTag[s] == (va & M2)) {
                            Ram.putShort(sMem[s], (int) (va + sOff[s]), (short) x[(w >>> 20) & 31]);
                        } else {
                            storeSlow(va, 2, x[(w >>> 20) & 31]);
                        }
                    }
                    case SW -> {
                        long va = x[(w >>> 15) & 31] + imm[i];
                        int s = bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
                        if (sTag[s] == (va & M4)) {
                            Ram.putInt(sMem[s], (int) (va + sOff[s]), (int) x[(w >>> 20) & 31]);
                        } else {
                            storeSlow(va, 4, x[(w >>> 20) & 31]);
                        }
                    }
                    case SD -> {
                        long va = x[(w >>> 15) & 31] + imm[i];
                        int s = bank | ((int) (va >>> 12) & (TLB_SIZE - 1));
                        if (sTag[s] == (va & M8)) {
                            Ram.putLong(sMem[s], (int) (va + sOff[s]), x[(w >>> 20) & 31]);
                        } else {
                            storeSlow(va, 8, x[(w >>> 20) & 31]);
                        }
                    }
                    default -> {
                        int op = w & 0x1ff;
                        if (op >= FIRST_FP) {
                            fp(w, imm[i], b.bits[i]);
                        } else if (op >= FIRST_SYSTEM) {
                            // always the last instruction of its block
                            retired += i;
                            this.pc = base + b.pcOff[i];
                            return terminator(w, imm[i], b, i, base);
                        } else {
                            misc(w, imm[i]);
                        }
                    }
                }
            }
        } catch (Trap t) {
            retired += i;
            this.pc = base + b.pcOff[i];
            exception(t.cause, t.tval);
            return EXIT_NEXT;
        }
        retired += n;
        this.pc = base + b.endOff;
        return EXIT_NEXT;
    }

    private int taken(Block b, long base, int i, long off) {
        long target = base + off;
        if ((target & ialignMask) != 0) {
            retired += i;
            this.pc = base + b.pcOff[i];
            exception(CAUSE_MISALIGNED_FETCH, target);
            return EXIT_NEXT;
        }
        retired += i + 1;
        this.pc = target;
        return EXIT_NEXT;
    }

    /** M (but mul, mulw, div), Zb*, A and fences. */
    private void misc(int w, long imm) {
        final long[] x = this.x;
        int op = w & 0x1ff;
        int rd = (w >>> 9) & 63;
        long a = x[(w >>> 15) & 31];
        long b2 = x[(w >>> 20) & 31];
        if (op < FENCE) {
            // bitmanip with an immediate operand takes it in place of rs2
            boolean immForm = op == SLLI_UW || op == RORI || op == RORIW || op == BCLRI || op == BEXTI
                    || op == BINVI || op == BSETI;
            x[rd] = Alu.bitmanip(op, a, immForm ? imm : b2);
            return;
        }
        switch (op) {
            case FENCE -> fence(imm);
            case LR_W -> x[rd] = loadReserved(a, 4);
            case LR_D -> x[rd] = loadReserved(a, 8);
            case SC_W -> x[rd] = storeConditional(a, 4, b2);
            case SC_D -> x[rd] = storeConditional(a, 8, b2);
            default -> {
                boolean d = op >= AMOSWAP_D;
                int kind = op - (d ? AMOSWAP_D : AMOSWAP_W);
                // Op order: swap add xor and or min max minu maxu
                x[rd] = amo(kind, d, a, b2);
            }
        }
    }

    private static void fence(long imm) {
        int pred = (int) (imm >>> 4) & 15;
        int succ = (int) imm & 15;
        // only store -> load ordering needs a full barrier on the JVM's memory model
        if ((pred & 0b0101) != 0 && (succ & 0b1010) != 0) {
            VarHandle.fullFence();
        } else {
            VarHandle.acquireFence();
            VarHandle.releaseFence();
        }
    }

    final Trap illegal(int bits) {
        return trap.set(CAUSE_ILLEGAL_INSTRUCTION, bits & 0xffff_ffffL);
    }

    /** FP instructions: checks sstatus.FS, then hands over to {@link FpUnit}. */
    private void fp(int w, long imm, int bits) {
        if ((sstatus & SSTATUS_FS) == FS_OFF) {
            throw illegal(bits);
        }
        FpUnit.exec(this, w, imm, bits);
    }

    /** Marks the FP state dirty (sstatus.FS = Dirty, so SD reads 1). */
    final void fpDirty() {
        sstatus |= FS_DIRTY;
    }

    /** The rounding mode for an instruction's rm field; illegal for reserved values. */
    final int roundingMode(int rm, int bits) {
        if (rm == 7) {
            rm = (fcsr >>> 5) & 7;
        }
        if (rm > 4) {
            throw illegal(bits);
        }
        return rm;
    }

    // ------------------------------------------------------------------ block terminators

    /** Executes the block-ending instruction; pc is its address, retired excludes it. */
    private int terminator(int w, long imm, Block b, int i, long base) {
        int op = w & 0x1ff;
        long next = base + b.endOff;
        switch (op) {
            case JAL -> {
                long target = base + imm;
                if ((target & ialignMask) != 0) {
                    exception(CAUSE_MISALIGNED_FETCH, target);
                    return EXIT_NEXT;
                }
                x[(w >>> 9) & 63] = next;
                return retire(target, EXIT_NEXT);
            }
            case JALR -> {
                long target = (x[(w >>> 15) & 31] + imm) & ~1L;
                if ((target & ialignMask) != 0) {
                    exception(CAUSE_MISALIGNED_FETCH, target);
                    return EXIT_NEXT;
                }
                x[(w >>> 9) & 63] = next;
                return retire(target, EXIT_NEXT);
            }
            case ILLEGAL -> {
                exception(CAUSE_ILLEGAL_INSTRUCTION, b.bits[i] & 0xffff_ffffL);
                return EXIT_NEXT;
            }
            case CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI -> {
                try {
                    csrInstruction(w, (int) imm, b.bits[i]);
                } catch (Trap t) {
                    exception(t.cause, t.tval);
                    return EXIT_NEXT;
                }
                return retire(next, EXIT_CHECK);
            }
            default -> {
                return system(op, w, b.bits[i], next);
            }
        }
    }

    final int retire(long nextPc, int code) {
        retired++;
        pc = nextPc;
        return code;
    }

    /** ecall, ebreak, sret, wfi, sfence.vma, fence.i, pause. */
    abstract int system(int op, int w, int bits, long next);

    abstract void csrInstruction(int w, int csr, int bits);

    // ------------------------------------------------------------------ traps

    /** Takes a synchronous exception at the current pc into S mode (privileged spec 4.1.1, 4.1.7-4.1.9). */
    final void exception(int cause, long tval) {
        enterTrap(cause, tval, false);
    }

    final void enterTrap(long cause, long tval, boolean interrupt) {
        traps++;
        resValid = false;
        sepc = pc;
        scause = interrupt ? INTERRUPT | cause : cause;
        stval = tval;
        long s = sstatus;
        s = (s & ~SSTATUS_SPIE) | ((s & SSTATUS_SIE) != 0 ? SSTATUS_SPIE : 0);
        s &= ~SSTATUS_SIE;
        s = (s & ~SSTATUS_SPP) | (priv == PRV_S ? SSTATUS_SPP : 0);
        sstatus = s;
        priv = PRV_S;
        updateBank();
        long base = stvec & ~3L;
        pc = (interrupt && (stvec & 3) == 1) ? base + 4 * cause : base;
    }
}
