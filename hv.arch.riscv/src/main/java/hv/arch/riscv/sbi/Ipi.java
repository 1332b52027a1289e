package hv.arch.riscv.sbi;

import hv.core.vcpu.HartControl;
import hv.core.vcpu.VcpuContext;

/** IPI extension (EID "sPI", SBI v2.0 chapter 7): send_ipi raises SSIP (pin 1) on the selected harts. */
final class Ipi implements SbiExtension {

    static final long EID = 0x735049L;
    static final int PIN_SSIP = 1;

    @Override
    public String name() {
        return "ipi";
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
        VcpuContext ctx = c.hart.context();
        HartControl hc = ctx.harts();
        if (!Harts.valid(hc, c.a[0], c.a[1])) {
            c.fail(Sbi.ERR_INVALID_PARAM);
            return Sbi.CONTINUE;
        }
        Harts.forEach(hc, c.a[0], c.a[1], h -> send(ctx, h));
        c.ok(0);
        return Sbi.CONTINUE;
    }

    static void send(VcpuContext ctx, int hart) {
        if (hart == ctx.hartId()) {
            ctx.setPin(PIN_SSIP, true);
        } else {
            ctx.harts().setPin(hart, PIN_SSIP, true);
        }
    }
}
