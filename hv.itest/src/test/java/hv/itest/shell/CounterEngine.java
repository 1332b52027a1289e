package hv.itest.shell;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import hv.core.state.SavedState;
import hv.core.vcpu.SliceEnd;
import hv.core.vcpu.VcpuContext;
import hv.core.vcpu.VcpuEngine;
import hv.core.vcpu.VcpuEngineFactory;

/**
 * A VCPU engine for shell tests (compatible {@value #COMPATIBLE}), so that guests run without the
 * RISC-V engine. Each slice it counts one "instruction"; at its first slice it writes
 * {@value #BANNER} to guest RAM at its start pc and {@code hello from <guest>/<hart>} to the firmware
 * console; it echoes every byte of console input back; then it waits 1 ms (a timer) for more.
 */
final class CounterEngine implements VcpuEngine {

    static final String COMPATIBLE = "test,counter";
    static final String BANNER = "hv shell test guest";
    /** Timer pin (like RISC-V STIP). */
    static final int TIMER_PIN = 5;

    /** The factory, registered by the tests as a {@link VcpuEngineFactory} service. */
    static final VcpuEngineFactory FACTORY = CounterEngine::new;

    private final VcpuContext ctx;
    private long pc;
    private long counter;
    private boolean started;

    CounterEngine(VcpuContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public SliceEnd run(long budget) {
        if (!started) {
            started = true;
            byte[] banner = BANNER.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < banner.length; i++) {
                ctx.bus().write(pc + i, 1, banner[i]);
            }
            for (byte b : ("hello from " + ctx.guestName() + "/" + ctx.hartId() + "\n").getBytes(StandardCharsets.US_ASCII)) {
                ctx.console().write(b);
            }
        }
        counter++;
        int b;
        while ((b = ctx.console().read()) >= 0) {
            ctx.console().write(b);
        }
        ctx.setTimer(ctx.time() + ctx.timebaseHz() / 1000, TIMER_PIN);
        return SliceEnd.WAIT;
    }

    @Override
    public long retired() {
        return counter;
    }

    @Override
    public void reset(long startPc, long arg0, long arg1) {
        pc = startPc;
        counter = 0;
        started = false;
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
        return new SavedState("counter", 1).put("pc", pc).put("counter", counter).put("started", started);
    }

    @Override
    public void restore(SavedState s) {
        s.require("counter", 1, 1);
        pc = s.getLong("pc");
        counter = s.getLong("counter");
        started = s.getBoolean("started");
    }

    @Override
    public String isa() {
        return "counter";
    }
}
