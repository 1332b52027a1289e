package hv.arch.riscv.sbi;

/** TIME extension (EID "TIME", SBI v2.0 chapter 6): set_timer arms the supervisor timer (pin 5, STIP). */
final class Time implements SbiExtension {

    static final long EID = 0x54494D45L;
    static final int PIN_STIP = 5;

    @Override
    public String name() {
        return "time";
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
        c.hart.context().setTimer(c.a[0], PIN_STIP);
        c.ok(0);
        return Sbi.CONTINUE;
    }
}
