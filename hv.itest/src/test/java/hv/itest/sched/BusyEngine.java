package hv.itest.sched;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import hv.core.state.SavedState;
import hv.core.vcpu.SliceEnd;
import hv.core.vcpu.VcpuContext;
import hv.core.vcpu.VcpuEngine;
import hv.core.vcpu.VcpuEngineFactory;

/**
 * A busy VCPU engine for scheduler tests (compatible {@value #COMPATIBLE}): each "instruction" is a
 * little arithmetic; after each run it stores its count in guest RAM at its start pc (a counter in
 * memory). It records which host CPU threads ran it, the longest gap between two of its runs, and
 * any run that began while another of its runs was still going (one VCPU on two host CPUs at once).
 */
final class BusyEngine implements VcpuEngine {

    static final String COMPATIBLE = "test,sched-busy";

    /** Every engine made, by VCPU name ({@code <guest>/<hart>}). */
    static final Map<String, BusyEngine> ALL = new ConcurrentHashMap<>();

    static final VcpuEngineFactory FACTORY = ctx -> {
        BusyEngine e = new BusyEngine(ctx);
        ALL.put(ctx.guestName() + "/" + ctx.hartId(), e);
        return e;
    };

    private final VcpuContext ctx;
    private final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final AtomicLong maxGapNanos = new AtomicLong();
    /** When the longest gap ended ({@link System#nanoTime()}). */
    volatile long maxGapEnd;
    /** The longest single run (a run that overshoots its budget's time holds its host CPU). */
    final AtomicLong maxRunNanos = new AtomicLong();
    private volatile long lastEnd;
    private long pc;
    private volatile long counter;
    private long sink;

    private BusyEngine(VcpuContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public SliceEnd run(long budget) {
        if (inside.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
        }
        long start = System.nanoTime();
        long last = lastEnd;
        if (last != 0 && start - last > maxGapNanos.get()) {
            maxGapNanos.set(start - last);
            maxGapEnd = start;
        }
        threads.add(Thread.currentThread().getName());
        long x = sink;
        for (long i = 0; i < budget; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
        counter += budget;
        ctx.bus().write(pc, 8, counter);
        lastEnd = System.nanoTime();
        maxRunNanos.accumulateAndGet(lastEnd - start, Math::max);
        inside.decrementAndGet();
        return SliceEnd.BUDGET;
    }

    /** Clears the gap record (before a phase that is measured). */
    void resetGap() {
        maxGapNanos.set(0);
        maxRunNanos.set(0);
    }

    long counter() {
        return counter;
    }

    @Override
    public long retired() {
        return counter;
    }

    @Override
    public void reset(long startPc, long arg0, long arg1) {
        pc = startPc;
        counter = 0;
    }

    @Override
    public void requestFlush(int kinds) {
    }

    @Override
    public Map<String, Long> registers() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("pc", pc);
        m.put("counter", counter);
        return m;
    }

    @Override
    public SavedState save() {
        return new SavedState("sched-busy", 1).put("pc", pc).put("counter", counter);
    }

    @Override
    public void restore(SavedState s) {
        s.require("sched-busy", 1, 1);
        pc = s.getLong("pc");
        counter = s.getLong("counter");
    }

    @Override
    public String isa() {
        return "busy";
    }
}
