package hv.arch.riscv.sbi;

/**
 * One SBI call in flight: inputs (fid, a0-a5) and outputs (error, value). One instance per hart,
 * reused for every call: an ecall allocates nothing.
 */
public final class SbiCall {

    public SbiHart hart;
    public long eid;
    public int fid;
    public final long[] a = new long[6];

    /** SBI error code (a0 on return). */
    public long error;
    /** Return value (a1 on return). */
    public long value;

    void ok(long v) {
        error = Sbi.SUCCESS;
        value = v;
    }

    void fail(long err) {
        error = err;
        value = 0;
    }
}
