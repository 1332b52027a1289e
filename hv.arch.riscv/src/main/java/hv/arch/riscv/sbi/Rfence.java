package hv.arch.riscv.sbi;

import hv.core.vcpu.HartControl;
import hv.core.vcpu.VcpuContext;
import hv.core.vcpu.VcpuEngine;

/**
 * RFENCE extension (EID "RFNC", SBI v2.0 chapter 8). Fences are never partial here: any
 * sfence.vma request drops the target's whole TLB. The hypervisor fences (fid 3-6) are not
 * supported because no H extension is offered.
 */
final class Rfence implements SbiExtension {

    static final long EID = 0x52464E43L;

    @Override
    public String name() {
        return "rfence";
    }

    @Override
    public boolean serves(long eid) {
        return eid == EID;
    }

    @Override
    public int call(SbiCall c) {
        int kinds;
        switch (c.fid) {
            case 0 -> kinds = VcpuEngine.FLUSH_ICACHE;
            case 1, 2 -> kinds = VcpuEngine.FLUSH_TLB;
            default -> {
                c.fail(Sbi.ERR_NOT_SUPPORTED);
                return Sbi.CONTINUE;
            }
        }
        HartControl hc = c.hart.context().harts();
        if (!Harts.valid(hc, c.a[0], c.a[1])) {
            c.fail(Sbi.ERR_INVALID_PARAM);
            return Sbi.CONTINUE;
        }
        Harts.forEach(hc, c.a[0], c.a[1], h -> fence(c.hart, h, kinds));
        c.ok(0);
        return Sbi.CONTINUE;
    }

    static void fence(SbiHart self, int hart, int kinds) {
        VcpuContext ctx = self.context();
        if (hart == ctx.hartId()) {
            self.flushLocal(kinds);
        } else {
            ctx.harts().flush(hart, kinds);
        }
    }
}
