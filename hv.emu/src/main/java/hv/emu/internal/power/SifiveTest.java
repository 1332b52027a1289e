package hv.emu.internal.power;

import hv.core.state.SavedState;
import hv.emu.internal.AccessLog;
import hv.emu.internal.MmioDevice;
import hv.emu.internal.PowerControl;
import hv.emu.internal.RegisterDef;
import hv.emu.internal.RegisterMap;

/**
 * The SiFive test finisher, also reached through the {@code syscon-poweroff} / {@code syscon-reboot} nodes:
 * one 32-bit register at offset 0. Its low 16 bits select the action: {@link #FINISHER_PASS} powers off with
 * exit code 0, {@link #FINISHER_FAIL} powers off with the exit code in bits 31:16, {@link #FINISHER_RESET}
 * resets. Other values are ignored. Reads return 0. (Layout as QEMU's {@code sifive_test} and OpenSBI's
 * {@code sifive_test} driver use it.)
 */
public final class SifiveTest extends MmioDevice {

    /** Saved state type. */
    public static final String STATE_TYPE = "hv.emu.sifive-test";
    /** Saved state format version. */
    public static final int STATE_VERSION = 1;

    /** Status: power off, pass. */
    public static final int FINISHER_PASS = 0x5555;
    /** Status: power off, fail; the exit code is in bits 31:16. */
    public static final int FINISHER_FAIL = 0x3333;
    /** Status: reset. */
    public static final int FINISHER_RESET = 0x7777;

    /** The register map. */
    enum Reg implements RegisterDef {
        FINISHER(0x0, "status in bits 15:0 (PASS 0x5555, FAIL 0x3333, RESET 0x7777), exit code in bits 31:16");

        private final long base;
        private final String spec;

        Reg(long base, String spec) {
            this.base = base;
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
        public Access access() {
            return Access.WO;
        }

        @Override
        public long writableMask() {
            return 0xFFFF_FFFFL;
        }

        @Override
        public String spec() {
            return spec;
        }
    }

    static final RegisterMap<Reg> MAP = new RegisterMap<>(Reg.class);

    private final PowerControl power;
    private final String name;
    private final Object lock = new Object();
    /** The last request the guest made: -1 none, else the register value written. */
    private long lastRequest = -1;
    private long requests;

    public SifiveTest(String name, PowerControl power, AccessLog log) {
        super(log);
        this.name = name;
        this.power = power;
    }

    @Override
    public int accessWidths() {
        return ACCESS_32 | ACCESS_64;
    }

    @Override
    protected long readReg(long offset, int size) {
        if (offset != 0) {
            accessLog.unhandledRead(offset, size);
        }
        return 0;
    }

    @Override
    protected void writeReg(long offset, int size, long value) {
        RegisterMap.Hit<Reg> hit = size >= 4 ? MAP.lookup(offset) : null;
        if (hit == null || hit.byteOffset() != 0) {
            accessLog.unhandledWrite(offset, size, value);
            return;
        }
        long v = value & hit.reg().writableMask(); // a 64-bit write's high half is reserved
        int status = (int) (v & 0xFFFF);
        int code = (int) (v >>> 16);
        boolean reset;
        String reason;
        switch (status) {
            case FINISHER_PASS -> {
                reset = false;
                code = 0;
                reason = name + ": PASS";
            }
            case FINISHER_FAIL -> {
                reset = false;
                reason = name + ": FAIL code " + code;
            }
            case FINISHER_RESET -> {
                reset = true;
                code = 0;
                reason = name + ": RESET";
            }
            default -> {
                accessLog.unhandledWrite(offset, size, value);
                return;
            }
        }
        synchronized (lock) {
            lastRequest = v;
            requests++;
        }
        power.requestShutdown(reset, code, reason);
    }

    /** The last request written (register value), or -1. */
    public long lastRequest() {
        synchronized (lock) {
            return lastRequest;
        }
    }

    /** Number of requests made since creation. */
    public long requests() {
        synchronized (lock) {
            return requests;
        }
    }

    @Override
    public void reset() {
        // The finisher has no registers to reset; what the guest asked for before stays on record.
    }

    @Override
    public SavedState save() {
        synchronized (lock) {
            return new SavedState(STATE_TYPE, STATE_VERSION).put("lastRequest", lastRequest).put("requests", requests)
                    .put("unhandled", accessLog.unhandled());
        }
    }

    @Override
    public void restore(SavedState s) {
        s.require(STATE_TYPE, 1, STATE_VERSION);
        long last = s.getLong("lastRequest");
        long n = s.getLong("requests");
        synchronized (lock) {
            lastRequest = last;
            requests = n;
        }
        accessLog.restoreUnhandled(s.getLong("unhandled", 0));
    }
}
