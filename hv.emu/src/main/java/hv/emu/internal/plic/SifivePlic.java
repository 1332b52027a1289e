package hv.emu.internal.plic;

import java.util.List;

import hv.core.emu.GuestIrqs;
import hv.core.emu.IrqSink;
import hv.core.emu.VcpuPins;
import hv.core.state.SavedState;
import hv.core.state.StateException;
import hv.emu.internal.AccessLog;
import hv.emu.internal.MmioDevice;
import hv.emu.internal.RegisterDef;
import hv.emu.internal.RegisterMap;

/**
 * The SiFive / RISC-V Platform-Level Interrupt Controller: per-source priorities, pending bits fed by
 * level-sensitive gateways from the guest's interrupt lines, per-context enables and thresholds, and the
 * claim/complete protocol. Contexts follow Xvisor's layout: two per hart, M-mode first ({@code 2h}) then
 * S-mode ({@code 2h + 1}); an S context drives its hart's SEIP pin (9), an M context MEIP (11).
 *
 * <p>Section names refer to the RISC-V PLIC Specification 1.0.0. Thread safety: VCPUs access the registers
 * and devices drive lines concurrently; one lock guards all state, and VCPU pins (which never block) are set
 * under it so that pin levels always follow the latest state.
 */
public final class SifivePlic extends MmioDevice implements IrqSink {

    /** Saved state type. */
    public static final String STATE_TYPE = "hv.emu.plic";
    /** Saved state format version. */
    public static final int STATE_VERSION = 1;
    /** Largest source id (§"Interrupt Identifiers": 1..1023, 0 means "no interrupt"). */
    public static final int MAX_SOURCES = 1023;
    /** Largest number of contexts the memory map has room for. */
    public static final int MAX_CONTEXTS = 15872;
    /** The pin an S-mode context drives: SEIP. */
    public static final int PIN_SEIP = 9;
    /** The pin an M-mode context drives: MEIP (guests run in S mode; the engine ignores it). */
    public static final int PIN_MEIP = 11;

    /** The register map ("Memory Map" chapter). */
    enum Reg implements RegisterDef {
        PRIORITY(0x000000, 1024, 4, Access.RW, "Interrupt Priorities (source 0 hardwired 0; WARL 0..max_priority)"),
        PENDING(0x001000, 32, 4, Access.RO, "Interrupt Pending Bits"),
        ENABLE(0x002000, MAX_CONTEXTS * 32, 4, Access.RW, "Interrupt Enables (0x80 per context)"),
        THRESHOLD(0x200000, MAX_CONTEXTS, 0x1000, Access.RW, "Priority Thresholds (WARL 0..max_priority)"),
        CLAIM_COMPLETE(0x200004, MAX_CONTEXTS, 0x1000, Access.RW, "Interrupt Claim Process / Interrupt Completion");

        private final long base;
        private final int count;
        private final long stride;
        private final Access access;
        private final String spec;

        Reg(long base, int count, long stride, Access access, String spec) {
            this.base = base;
            this.count = count;
            this.stride = stride;
            this.access = access;
            this.spec = spec;
        }

        @Override
        public long base() {
            return base;
        }

        @Override
        public int width() {
            return 4;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public long stride() {
            return stride;
        }

        @Override
        public Access access() {
            return access;
        }

        @Override
        public long writableMask() {
            return access == Access.RO ? 0 : 0xFFFF_FFFFL;
        }

        @Override
        public String spec() {
            return spec;
        }
    }

    static final RegisterMap<Reg> MAP = new RegisterMap<>(Reg.class);

    private final Object lock = new Object();
    private final int sources;
    private final int maxPriority;
    private final int words;
    private final int contexts;
    private final List<VcpuPins> harts;
    private volatile GuestIrqs irqs;

    // ---- state (guarded by lock); bit i of word w is source 32*w + i
    private final int[] priority;
    private final int[] pending;
    private final int[] inFlight;
    private final int[] level;
    private final int[] edgeWhileClaimed;
    private final int[] enable;
    private final int[] threshold;
    private final boolean[] pinLevel;

    /**
     * @param sources the largest source id (1..1023)
     * @param maxPriority the largest priority (1..2^31-1)
     * @param harts the VCPU pins by hart id; two contexts each
     */
    public SifivePlic(int sources, int maxPriority, List<VcpuPins> harts, AccessLog log) {
        super(log);
        if (sources < 1 || sources > MAX_SOURCES) {
            throw new IllegalArgumentException("number of sources " + sources + " is out of range 1.." + MAX_SOURCES);
        }
        if (maxPriority < 1) {
            throw new IllegalArgumentException("max_priority " + maxPriority + " must be at least 1");
        }
        if (harts.isEmpty() || harts.size() * 2 > MAX_CONTEXTS) {
            throw new IllegalArgumentException(harts.size() + " harts: a PLIC serves 1.." + MAX_CONTEXTS / 2);
        }
        this.sources = sources;
        this.maxPriority = maxPriority;
        this.words = sources / 32 + 1;
        this.harts = List.copyOf(harts);
        this.contexts = this.harts.size() * 2;
        this.priority = new int[sources + 1];
        this.pending = new int[words];
        this.inFlight = new int[words];
        this.level = new int[words];
        this.edgeWhileClaimed = new int[words];
        this.enable = new int[contexts * words];
        this.threshold = new int[contexts];
        this.pinLevel = new boolean[contexts];
        // Pins are not driven until the state changes: their levels live in the core, and a fresh instance made
        // to restore a swapped-out one must not glitch them (restore and reset drive every pin).
    }

    /** Hands over the guest's lines once they are claimed (used to re-read levels after a restore). */
    public void attach(GuestIrqs lines) {
        this.irqs = lines;
    }

    public int sources() {
        return sources;
    }

    public int contexts() {
        return contexts;
    }

    @Override
    public int accessWidths() {
        return ACCESS_32;
    }

    private int validMask(int word) {
        int lo = word * 32;
        int mask = -1;
        if (lo == 0) {
            mask &= ~1; // source 0 does not exist
        }
        int top = sources - lo; // highest valid bit index in this word
        if (top < 31) {
            mask &= (int) ((1L << (top + 1)) - 1);
        }
        return mask;
    }

    private static boolean bit(int[] a, int id) {
        return (a[id >>> 5] & (1 << (id & 31))) != 0;
    }

    private static void set(int[] a, int id, boolean v) {
        if (v) {
            a[id >>> 5] |= 1 << (id & 31);
        } else {
            a[id >>> 5] &= ~(1 << (id & 31));
        }
    }

    // ---- lines (IrqSink)

    @Override
    public void levelChanged(int line, boolean high) {
        if (line < 1 || line > sources) {
            return; // line 0 is "no interrupt"; lines above the sources have no gateway
        }
        synchronized (lock) {
            set(level, line, high);
            if (high && !bit(inFlight, line)) {
                // Level gateway ("Interrupt Gateways"): forward one request, then none until completion. A request
                // stays pending when the level drops before it is claimed.
                set(pending, line, true);
            }
            updatePins(false);
        }
    }

    @Override
    public void edge(int line) {
        if (line < 1 || line > sources) {
            return;
        }
        synchronized (lock) {
            if (bit(inFlight, line)) {
                set(edgeWhileClaimed, line, true); // forwarded when the current one completes
            } else {
                set(pending, line, true);
            }
            updatePins(false);
        }
    }

    // ---- registers

    @Override
    protected long readReg(long offset, int size) {
        RegisterMap.Hit<Reg> hit = size == 4 ? MAP.lookup(offset) : null;
        if (hit == null || hit.byteOffset() != 0 || !contextExists(hit)) {
            accessLog.unhandledRead(offset, size);
            return 0;
        }
        int i = hit.index();
        synchronized (lock) {
            return switch (hit.reg()) {
                case PRIORITY -> i <= sources ? priority[i] : 0;
                case PENDING -> i < words ? pending[i] : 0;
                case ENABLE -> i % 32 < words ? enable[(i / 32) * words + i % 32] : 0;
                case THRESHOLD -> threshold[i];
                case CLAIM_COMPLETE -> claim(i);
            } & 0xFFFF_FFFFL;
        }
    }

    @Override
    protected void writeReg(long offset, int size, long value) {
        RegisterMap.Hit<Reg> hit = size == 4 ? MAP.lookup(offset) : null;
        if (hit == null || hit.byteOffset() != 0 || !contextExists(hit) || hit.reg().access() == RegisterDef.Access.RO) {
            accessLog.unhandledWrite(offset, size, value);
            return;
        }
        int i = hit.index();
        synchronized (lock) {
            switch (hit.reg()) {
                case PRIORITY -> {
                    if (i >= 1 && i <= sources) {
                        priority[i] = clampPriority(value);
                    }
                }
                case ENABLE -> {
                    int w = i % 32;
                    if (w < words) {
                        enable[(i / 32) * words + w] = (int) value & validMask(w);
                    }
                }
                case THRESHOLD -> threshold[i] = clampPriority(value);
                case CLAIM_COMPLETE -> complete(i, value);
                default -> throw new IllegalStateException("not writable: " + hit.reg());
            }
            updatePins(false);
        }
    }

    private boolean contextExists(RegisterMap.Hit<Reg> hit) {
        return switch (hit.reg()) {
            case ENABLE -> hit.index() / 32 < contexts;
            case THRESHOLD, CLAIM_COMPLETE -> hit.index() < contexts;
            default -> true;
        };
    }

    private int clampPriority(long value) {
        return (int) Math.min(value & 0xFFFF_FFFFL, maxPriority);
    }

    /** The enabled pending source of {@code ctx} with the highest priority (lowest id on ties), or 0. */
    private int best(int ctx) {
        int bestId = 0;
        int bestPrio = 0;
        int base = ctx * words;
        for (int w = 0; w < words; w++) {
            int bits = pending[w] & enable[base + w];
            while (bits != 0) {
                int b = Integer.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                int id = w * 32 + b;
                if (priority[id] > bestPrio) {
                    bestPrio = priority[id];
                    bestId = id;
                }
            }
        }
        return bestId;
    }

    /** "Interrupt Claim Process": not affected by the threshold; priority 0 never interrupts. */
    private int claim(int ctx) {
        int id = best(ctx);
        if (id != 0) {
            set(pending, id, false);
            set(inFlight, id, true);
            updatePins(false);
        }
        return id;
    }

    /** "Interrupt Completion": ignored unless the id is a source enabled for this context and in flight. */
    private void complete(int ctx, long value) {
        if (value < 1 || value > sources) {
            return;
        }
        int id = (int) value;
        if (!bit(inFlight, id) || (enable[ctx * words + (id >>> 5)] & (1 << (id & 31))) == 0) {
            return;
        }
        set(inFlight, id, false);
        if (bit(level, id) || bit(edgeWhileClaimed, id)) {
            set(pending, id, true);
            set(edgeWhileClaimed, id, false);
        }
    }

    private void updatePins(boolean force) {
        for (int ctx = 0; ctx < contexts; ctx++) {
            int id = best(ctx);
            boolean on = id != 0 && priority[id] > threshold[ctx];
            if (force || on != pinLevel[ctx]) {
                pinLevel[ctx] = on;
                harts.get(ctx / 2).setPin(ctx % 2 == 0 ? PIN_MEIP : PIN_SEIP, on);
            }
        }
    }

    // ---- lifecycle

    @Override
    public void reset() {
        synchronized (lock) {
            java.util.Arrays.fill(priority, 0);
            java.util.Arrays.fill(pending, 0);
            java.util.Arrays.fill(inFlight, 0);
            java.util.Arrays.fill(edgeWhileClaimed, 0);
            java.util.Arrays.fill(enable, 0);
            java.util.Arrays.fill(threshold, 0);
            // Lines keep their levels (they live in the devices); a high line is a request again.
            for (int w = 0; w < words; w++) {
                pending[w] = level[w] & validMask(w);
            }
            updatePins(true);
        }
    }

    @Override
    public SavedState save() {
        synchronized (lock) {
            return new SavedState(STATE_TYPE, STATE_VERSION)
                    .put("sources", sources).put("contexts", contexts).put("maxPriority", maxPriority)
                    .put("priority", longs(priority)).put("pending", longs(pending)).put("inFlight", longs(inFlight))
                    .put("level", longs(level)).put("edgeWhileClaimed", longs(edgeWhileClaimed))
                    .put("enable", longs(enable)).put("threshold", longs(threshold))
                    .put("unhandled", accessLog.unhandled());
        }
    }

    @Override
    public void restore(SavedState s) {
        s.require(STATE_TYPE, 1, STATE_VERSION);
        if (s.getInt("sources") != sources || s.getInt("contexts") != contexts) {
            throw new StateException("saved PLIC has " + s.getInt("sources") + " sources and " + s.getInt("contexts")
                    + " contexts, this one " + sources + " and " + contexts);
        }
        long[] prio = sized(s, "priority", priority.length);
        long[] pend = sized(s, "pending", words);
        long[] flight = sized(s, "inFlight", words);
        long[] lvl = sized(s, "level", words);
        long[] edges = sized(s, "edgeWhileClaimed", words);
        long[] en = sized(s, "enable", enable.length);
        long[] thr = sized(s, "threshold", contexts);
        GuestIrqs lines = irqs;
        synchronized (lock) {
            for (int id = 0; id <= sources; id++) {
                priority[id] = id == 0 ? 0 : clampPriority(prio[id]);
            }
            for (int w = 0; w < words; w++) {
                int m = validMask(w);
                pending[w] = (int) pend[w] & m;
                inFlight[w] = (int) flight[w] & m;
                level[w] = (int) lvl[w] & m;
                edgeWhileClaimed[w] = (int) edges[w] & m;
            }
            for (int k = 0; k < enable.length; k++) {
                enable[k] = (int) en[k] & validMask(k % words);
            }
            for (int c = 0; c < contexts; c++) {
                threshold[c] = clampPriority(thr[c]);
            }
            if (lines != null) {
                // The levels live in the core and may have changed while no PLIC was attached.
                for (int id = 1; id <= sources && id < lines.count(); id++) {
                    boolean high = lines.level(id);
                    set(level, id, high);
                    if (high && !bit(inFlight, id)) {
                        set(pending, id, true);
                    }
                }
            }
            accessLog.restoreUnhandled(s.getLong("unhandled", 0));
            updatePins(true);
        }
    }

    @Override
    public void close() {
        GuestIrqs lines = irqs;
        if (lines != null) {
            lines.release();
        }
    }

    private static long[] longs(int[] a) {
        long[] r = new long[a.length];
        for (int k = 0; k < a.length; k++) {
            r[k] = a[k] & 0xFFFF_FFFFL;
        }
        return r;
    }

    private static long[] sized(SavedState s, String name, int length) {
        long[] a = s.getLongs(name);
        if (a.length != length) {
            throw new StateException("saved PLIC '" + name + "' has " + a.length + " entries, expected " + length);
        }
        return a;
    }
}
