package hv.emu.internal.power;

import org.osgi.service.component.annotations.Component;

import hv.core.emu.Emulator;
import hv.core.emu.EmulatorContext;
import hv.core.emu.EmulatorFactory;
import hv.emu.internal.AccessLog;
import hv.emu.internal.PowerControl;

/** Serves SiFive test / syscon power regions. No properties. */
@Component(service = EmulatorFactory.class, property = {
        EmulatorFactory.COMPATIBLE + "=sifive,test0",
        EmulatorFactory.COMPATIBLE + "=sifive,test1",
        EmulatorFactory.COMPATIBLE + "=syscon" })
public final class SifiveTestFactory implements EmulatorFactory {

    @Override
    public Emulator create(EmulatorContext context) {
        String name = context.region().name();
        return new SifiveTest(name, PowerControl.from(context), new AccessLog(context.log(), "test finisher " + name));
    }
}
