package hv.emu.internal.uart;

import org.osgi.service.component.annotations.Component;

import hv.core.emu.Emulator;
import hv.core.emu.EmulatorContext;
import hv.core.emu.EmulatorFactory;
import hv.core.emu.IrqLine;
import hv.emu.internal.AccessLog;
import hv.emu.internal.DeviceProps;

/**
 * Serves 16550A / 8250 UART regions. Properties: {@code reg-shift} or Xvisor's {@code reg_shift} (0..3,
 * default 0), {@code reg-io-width} or {@code reg_io_width} (1, 2 or 4; accepted, every width is served anyway).
 * The console is named after the region node ({@code uart0}); the first {@code interrupts} entry is the IRQ.
 */
@Component(service = EmulatorFactory.class, property = {
        EmulatorFactory.COMPATIBLE + "=ns16550a",
        EmulatorFactory.COMPATIBLE + "=ns16550",
        EmulatorFactory.COMPATIBLE + "=ns8250",
        EmulatorFactory.COMPATIBLE + "=uart8250" })
public final class Ns16550Factory implements EmulatorFactory {

    @Override
    public Emulator create(EmulatorContext context) {
        return create(context, DeviceProps.from(context));
    }

    /** Creates a UART with explicit properties (tests, and the path once the SPI offers the region's node). */
    public static Ns16550 create(EmulatorContext context, DeviceProps props) {
        String node = context.region().path();
        long shift = props.number(0, "reg-shift", "reg_shift");
        if (shift < 0 || shift > 3) {
            throw new IllegalArgumentException(node + ": reg-shift (reg_shift) = " + shift + ", expected 0..3");
        }
        long width = props.number(1, "reg-io-width", "reg_io_width");
        if (width != 1 && width != 2 && width != 4) {
            throw new IllegalArgumentException(node + ": reg-io-width (reg_io_width) = " + width + ", expected 1, 2 or 4");
        }
        if (context.region().size() < (8L << shift)) {
            throw new IllegalArgumentException(node + ": region of " + context.region().size()
                    + " bytes is too small for 8 registers with reg-shift " + shift);
        }
        IrqLine irq = context.region().interrupts().isEmpty() ? null : context.irq(0);
        String name = context.region().name();
        return new Ns16550((int) shift, context.console(name), irq, new AccessLog(context.log(), "16550 " + name));
    }
}
