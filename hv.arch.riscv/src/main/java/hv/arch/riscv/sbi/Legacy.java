package hv.arch.riscv.sbi;

import hv.core.guest.GuestExit;
import hv.core.vcpu.HartControl;
import hv.core.vcpu.VcpuContext;
import hv.core.vcpu.VcpuEngine;

/**
 * The legacy extensions 0x00-0x08 (SBI v2.0 chapter 5, deprecated but used by earlycon and
 * older kernels). Results go to a0 only. Hart masks are passed as a VIRTUAL address of an
 * unsigned long (0 = all harts); an address that does not translate gets SBI_ERR_INVALID_ADDRESS.
 */
final class Legacy implements SbiExtension {

    @Override
    public String name() {
        return "legacy";
    }

    @Override
    public boolean serves(long eid) {
        return Sbi.isLegacy(eid);
    }

    @Override
    public int call(SbiCall c) {
        VcpuContext ctx = c.hart.context();
        c.value = 0;
        c.error = 0;
        switch ((int) c.eid) {
            case 0 -> ctx.setTimer(c.a[0], Time.PIN_STIP);
            case 1 -> ctx.console().write((int) c.a[0] & 0xff);
            case 2 -> c.error = ctx.console().read();
            case 3 -> ctx.setPin(Ipi.PIN_SSIP, false);
            case 4 -> forMask(c, h -> Ipi.send(ctx, h));
            case 5 -> forMask(c, h -> Rfence.fence(c.hart, h, VcpuEngine.FLUSH_ICACHE));
            case 6, 7 -> forMask(c, h -> Rfence.fence(c.hart, h, VcpuEngine.FLUSH_TLB));
            default -> {
                ctx.harts().exit(new GuestExit(GuestExit.Kind.POWER_OFF, 0,
                        "shutdown requested by hart " + ctx.hartId() + " through legacy SBI"));
                return Sbi.SHUTDOWN;
            }
        }
        return Sbi.CONTINUE;
    }

    private static void forMask(SbiCall c, java.util.function.IntConsumer action) {
        HartControl hc = c.hart.context().harts();
        long mask;
        long base;
        if (c.a[0] == 0) {
            mask = 0;
            base = -1;
        } else {
            try {
                mask = c.hart.readVirtual64(c.a[0]);
            } catch (SbiMemoryFault e) {
                c.error = Sbi.ERR_INVALID_ADDRESS;
                return;
            }
            base = 0;
        }
        if (!Harts.valid(hc, mask, base)) {
            c.error = Sbi.ERR_INVALID_PARAM;
            return;
        }
        Harts.forEach(hc, mask, base, action);
    }
}
