package hv.arch.riscv.sbi;

import hv.core.guest.GuestExit;

/** SRST extension (EID "SRST", SBI v2.0 chapter 10): shutdown, cold and warm reboot. */
final class Srst implements SbiExtension {

    static final long EID = 0x53525354L;

    static final long SHUTDOWN = 0, COLD_REBOOT = 1, WARM_REBOOT = 2;
    static final long REASON_NONE = 0, REASON_SYSTEM_FAILURE = 1;

    @Override
    public String name() {
        return "srst";
    }

    @Override
    public boolean serves(long eid) {
        return eid == EID;
    }

    @Override
    public int call(SbiCall c) {
        if (c.fid != 0) {
            c.fail(Sbi.ERR_NOT_SUPPORTED);
            return Sbi.CONTINUE;
        }
        long type = c.a[0] & 0xffff_ffffL;
        long reason = c.a[1] & 0xffff_ffffL;
        if (type > WARM_REBOOT || reason > REASON_SYSTEM_FAILURE) {
            c.fail(Sbi.ERR_INVALID_PARAM); // reserved, or vendor/implementation specific and not implemented
            return Sbi.CONTINUE;
        }
        String why = (type == SHUTDOWN ? "shutdown" : type == COLD_REBOOT ? "cold reboot" : "warm reboot")
                + (reason == REASON_SYSTEM_FAILURE ? " (system failure)" : "") + " requested by hart "
                + c.hart.context().hartId() + " through SBI SRST";
        GuestExit.Kind kind = type != SHUTDOWN ? GuestExit.Kind.RESET
                : reason == REASON_SYSTEM_FAILURE ? GuestExit.Kind.FAILURE : GuestExit.Kind.POWER_OFF;
        c.hart.context().harts().exit(new GuestExit(kind, (int) reason, why));
        c.ok(0);
        return Sbi.SHUTDOWN;
    }
}
