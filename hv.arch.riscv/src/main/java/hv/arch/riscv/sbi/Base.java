package hv.arch.riscv.sbi;

/** BASE extension (EID 0x10, SBI v2.0 chapter 4). */
final class Base implements SbiExtension {

    static final long EID = 0x10;

    private final Sbi sbi;
    private final long implVersion;

    Base(Sbi sbi, long implVersion) {
        this.sbi = sbi;
        this.implVersion = implVersion;
    }

    @Override
    public String name() {
        return null;
    }

    @Override
    public boolean serves(long eid) {
        return eid == EID;
    }

    @Override
    public int call(SbiCall c) {
        switch (c.fid) {
            case 0 -> c.ok(Sbi.SPEC_VERSION);
            case 1 -> c.ok(Sbi.IMPL_ID);
            case 2 -> c.ok(implVersion);
            case 3 -> c.ok(sbi.probe(c.a[0]) ? 1 : 0);
            case 4, 5, 6 -> c.ok(0); // mvendorid, marchid, mimpid
            default -> c.fail(Sbi.ERR_NOT_SUPPORTED);
        }
        return Sbi.CONTINUE;
    }
}
