package hv.emu.internal.plic;

import org.osgi.service.component.annotations.Component;

import hv.core.emu.Emulator;
import hv.core.emu.EmulatorContext;
import hv.core.emu.EmulatorFactory;
import hv.emu.internal.AccessLog;
import hv.emu.internal.DeviceProps;

/**
 * Serves PLIC regions. Properties: the number of sources from {@code riscv,ndev} or Xvisor's {@code num_irq}
 * (default: one per guest interrupt line, {@code guest_irq_count - 1}, at most 1023); {@code max_priority}
 * (default 7); Xvisor's {@code parent_irq} is accepted (9 or 10; S contexts always drive SEIP).
 * Claims the guest's interrupt lines: a guest has one PLIC.
 */
@Component(service = EmulatorFactory.class, property = {
        EmulatorFactory.COMPATIBLE + "=sifive,plic-1.0.0",
        EmulatorFactory.COMPATIBLE + "=riscv,plic0",
        EmulatorFactory.COMPATIBLE + "=sifive,plic0" })
public final class SifivePlicFactory implements EmulatorFactory {

    /** Default {@code max_priority}, as on the SiFive cores and QEMU virt. */
    public static final int DEFAULT_MAX_PRIORITY = 7;

    @Override
    public Emulator create(EmulatorContext context) {
        return create(context, DeviceProps.from(context));
    }

    /** Creates a PLIC with explicit properties and claims the guest's lines for it. */
    public static SifivePlic create(EmulatorContext context, DeviceProps props) {
        String node = context.region().path();
        long fallback = Math.max(1, Math.min(SifivePlic.MAX_SOURCES, context.guestIrqCount() - 1));
        long sources = props.number(fallback, "riscv,ndev", "num_irq");
        if (sources < 1 || sources > SifivePlic.MAX_SOURCES) {
            throw new IllegalArgumentException(node + ": riscv,ndev (num_irq) = " + sources + ", expected 1.."
                    + SifivePlic.MAX_SOURCES);
        }
        long maxPriority = props.number(DEFAULT_MAX_PRIORITY, "max_priority", "riscv,max-priority");
        if (maxPriority < 1 || maxPriority > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(node + ": max_priority = " + maxPriority + ", expected 1.." + Integer.MAX_VALUE);
        }
        long parent = props.number(9, "parent_irq");
        if (parent != 9 && parent != 10) {
            throw new IllegalArgumentException(node + ": parent_irq = " + parent
                    + ", expected 9 (S external) or 10 (Xvisor's VS external, seen by the guest as S external)");
        }
        SifivePlic plic = new SifivePlic((int) sources, (int) maxPriority, context.harts(),
                new AccessLog(context.log(), "PLIC " + context.region().name()));
        plic.attach(context.claimIrqs(plic));
        return plic;
    }
}
