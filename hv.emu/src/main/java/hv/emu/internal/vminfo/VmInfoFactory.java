package hv.emu.internal.vminfo;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import hv.core.emu.Emulator;
import hv.core.emu.EmulatorContext;
import hv.core.emu.EmulatorFactory;
import hv.dt.Node;
import hv.emu.internal.AccessLog;
import hv.emu.internal.DeviceProps;

/**
 * Serves Xvisor vminfo regions. VCPU count: the guest's harts. Properties: {@code boot_delay} (default 0),
 * {@code clocksource_freq} and {@code clockchip_freq} (default: the guest root's
 * {@code hv,timebase-frequency}, else {@link #DEFAULT_TIMEBASE_HZ}), {@code ramN_base}/{@code ramN_size}
 * (default: the guest's RAM regions, see {@link RamLayout}).
 */
@Component(service = EmulatorFactory.class, property = EmulatorFactory.COMPATIBLE + "=vminfo-0.1")
public final class VmInfoFactory implements EmulatorFactory {

    /** The RISC-V guest timebase on QEMU virt and Xvisor virt64: 10 MHz. */
    public static final long DEFAULT_TIMEBASE_HZ = 10_000_000L;
    /** The guest root property hv.core reads the timebase from. */
    public static final String TIMEBASE_PROPERTY = "hv,timebase-frequency";

    @Override
    public Emulator create(EmulatorContext context) {
        return create(context, DeviceProps.from(context));
    }

    /** Creates a vminfo device with explicit properties (the region node, if any, still gives RAM and timebase). */
    public static VmInfo create(EmulatorContext context, DeviceProps props) {
        Node node = context.region().node();
        long timebase = DEFAULT_TIMEBASE_HZ;
        if (node != null) {
            timebase = DeviceProps.of(node.tree().root()).number(DEFAULT_TIMEBASE_HZ, TIMEBASE_PROPERTY);
        }
        List<VmInfo.RamBank> aspace = RamLayout.fromAspace(node);
        List<VmInfo.RamBank> ram = RamLayout.fromProps(props, aspace);
        if (ram.isEmpty()) {
            ram = aspace;
        }
        List<VmInfo.RamBank> banks = ram;
        return new VmInfo(context.harts().size(), props.number(0, "boot_delay"),
                props.number(timebase, "clocksource_freq"), props.number(timebase, "clockchip_freq"),
                banks, new AccessLog(context.log(), "vminfo " + context.region().name()));
    }
}
