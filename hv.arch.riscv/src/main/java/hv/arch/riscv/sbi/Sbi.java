package hv.arch.riscv.sbi;

import java.util.ArrayList;
import java.util.List;

import hv.core.vcpu.VcpuContext;

/**
 * The SBI (RISC-V Supervisor Binary Interface v2.0) that hv, playing M mode, offers one hart.
 * {@code ecall} from S mode lands in {@link #call}: a7 is the extension id, a6 the function id,
 * a0-a5 the arguments; the result goes to a0 (error) and a1 (value), or a0 alone for the legacy
 * extensions.
 *
 * <p>Extensions: BASE, legacy 0x00-0x08, TIME, IPI, RFENCE, HSM, SRST, DBCN. Each but BASE is
 * left out when the VCPU's guest-DT node has {@code xvisor,disable-sbi-<name>} (Xvisor's form);
 * probe_extension then reports 0 and calls get SBI_ERR_NOT_SUPPORTED.
 */
public final class Sbi {

    // SBI v2.0 section 3.2, standard error codes
    public static final long SUCCESS = 0, ERR_FAILED = -1, ERR_NOT_SUPPORTED = -2, ERR_INVALID_PARAM = -3,
            ERR_DENIED = -4, ERR_INVALID_ADDRESS = -5, ERR_ALREADY_AVAILABLE = -6, ERR_ALREADY_STARTED = -7,
            ERR_ALREADY_STOPPED = -8;

    /** hv's SBI implementation id: "hv" in ASCII, far from the ids the SBI spec registers (0-11 in v2.0). */
    public static final long IMPL_ID = 0x6876;
    /** SBI specification version 2.0: major in bits 24-30, minor in bits 0-23. */
    public static final long SPEC_VERSION = 2L << 24;

    /** Prefix of the per-VCPU properties that disable an extension. */
    public static final String DISABLE_PREFIX = "xvisor,disable-sbi-";

    // what the engine does after a call
    /** Return to the caller (pc after the ecall). */
    public static final int CONTINUE = 0;
    /** Retentive suspend: return to the caller once an interrupt is pending. */
    public static final int SUSPEND = 1;
    /** Non-retentive suspend: the hart's state was prepared by {@link SbiHart#prepareResume}; wait for an interrupt. */
    public static final int RESUME = 2;
    /** hart_stop: the hart stops (the slice ends with STOPPED). */
    public static final int STOP = 3;
    /** System reset or shutdown requested: the slice ends. */
    public static final int SHUTDOWN = 4;

    static final String[] NAMES = {"legacy", "time", "ipi", "rfence", "hsm", "srst", "dbcn"};

    private final List<SbiExtension> enabled = new ArrayList<>();
    private final Legacy legacy;

    /**
     * @param ctx the VCPU (its DT node says which extensions are disabled)
     * @param implVersion the value of get_impl_version
     */
    public Sbi(VcpuContext ctx, long implVersion) {
        enabled.add(new Base(this, implVersion));
        Legacy leg = new Legacy();
        SbiExtension[] all = {leg, new Time(), new Ipi(), new Rfence(), new Hsm(), new Srst(), new Dbcn()};
        Legacy kept = null;
        for (SbiExtension e : all) {
            if (!ctx.hasProperty(DISABLE_PREFIX + e.name())) {
                enabled.add(e);
                if (e == leg) {
                    kept = leg;
                }
            }
        }
        this.legacy = kept;
    }

    /** True when an extension serving {@code eid} is enabled. */
    public boolean probe(long eid) {
        return find(eid) != null;
    }

    private SbiExtension find(long eid) {
        for (SbiExtension e : enabled) {
            if (e.serves(eid)) {
                return e;
            }
        }
        return null;
    }

    /** True when {@code eid} is a legacy extension (its result goes to a0 only). */
    public static boolean isLegacy(long eid) {
        return eid >= 0 && eid <= 8;
    }

    /**
     * Performs the call described by {@code c} (eid, fid, a0-a5 set by the engine).
     *
     * @return one of {@link #CONTINUE}, {@link #SUSPEND}, {@link #RESUME}, {@link #STOP}, {@link #SHUTDOWN}
     */
    public int call(SbiCall c) {
        c.error = SUCCESS;
        c.value = 0;
        SbiExtension e = isLegacy(c.eid) ? legacy : find(c.eid);
        if (e == null) {
            c.error = ERR_NOT_SUPPORTED;
            return CONTINUE;
        }
        return e.call(c);
    }
}
