package hv.arch.riscv.sbi;

import hv.core.vcpu.HartControl;
import hv.core.vcpu.VcpuContext;

/** HSM extension (EID "HSM", SBI v2.0 chapter 9): start, stop, status and suspend of harts. */
final class Hsm implements SbiExtension {

    static final long EID = 0x48534DL;

    // hart states as returned by hart_get_status (section 9.1)
    static final long STARTED = 0, STOPPED = 1, START_PENDING = 2, STOP_PENDING = 3, SUSPENDED = 4;

    // suspend types (section 9.4, table "HSM Hart Suspend Types")
    static final long RETENTIVE = 0x0000_0000L, NON_RETENTIVE = 0x8000_0000L;

    @Override
    public String name() {
        return "hsm";
    }

    @Override
    public boolean serves(long eid) {
        return eid == EID;
    }

    @Override
    public int call(SbiCall c) {
        VcpuContext ctx = c.hart.context();
        HartControl hc = ctx.harts();
        switch (c.fid) {
            case 0 -> {
                long hart = c.a[0];
                if (hart < 0 || hart >= hc.count()) {
                    c.fail(Sbi.ERR_INVALID_PARAM);
                } else if (ctx.bus().ramBlock(c.a[1]) == null) {
                    c.fail(Sbi.ERR_INVALID_ADDRESS);
                } else if (hc.state((int) hart) != HartControl.HartState.STOPPED
                        || !hc.start((int) hart, c.a[1], c.a[2])) {
                    c.fail(Sbi.ERR_ALREADY_AVAILABLE);
                } else {
                    c.ok(0);
                }
            }
            case 1 -> {
                c.ok(0);
                return Sbi.STOP;
            }
            case 2 -> {
                long hart = c.a[0];
                if (hart < 0 || hart >= hc.count()) {
                    c.fail(Sbi.ERR_INVALID_PARAM);
                } else {
                    c.ok(status(hc.state((int) hart)));
                }
            }
            case 3 -> {
                return suspend(c, ctx);
            }
            default -> c.fail(Sbi.ERR_NOT_SUPPORTED);
        }
        return Sbi.CONTINUE;
    }

    private static int suspend(SbiCall c, VcpuContext ctx) {
        long type = c.a[0] & 0xffff_ffffL;
        if (type == RETENTIVE) {
            c.ok(0);
            return Sbi.SUSPEND;
        }
        if (type == NON_RETENTIVE) {
            if (ctx.bus().ramBlock(c.a[1]) == null) {
                c.fail(Sbi.ERR_INVALID_ADDRESS);
                return Sbi.CONTINUE;
            }
            c.hart.prepareResume(c.a[1], c.a[2]);
            return Sbi.RESUME;
        }
        // 0x00000001-0x0fffffff and 0x80000001-0x8fffffff are reserved; the rest is platform specific
        boolean reserved = (type & 0x7fff_ffffL) <= 0x0fff_ffffL;
        c.fail(reserved ? Sbi.ERR_INVALID_PARAM : Sbi.ERR_NOT_SUPPORTED);
        return Sbi.CONTINUE;
    }

    static long status(HartControl.HartState s) {
        return switch (s) {
            case STARTED -> STARTED;
            case STOPPED -> STOPPED;
            case START_PENDING -> START_PENDING;
            case STOP_PENDING -> STOP_PENDING;
            case SUSPENDED -> SUSPENDED;
        };
    }
}
