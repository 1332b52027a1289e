package hv.emu.internal.rtc;

import org.osgi.service.component.annotations.Component;

import hv.core.emu.Emulator;
import hv.core.emu.EmulatorContext;
import hv.core.emu.EmulatorFactory;
import hv.emu.internal.AccessLog;

/** Serves goldfish RTC regions; the first {@code interrupts} entry is the alarm interrupt (optional). */
@Component(service = EmulatorFactory.class, property = EmulatorFactory.COMPATIBLE + "=google,goldfish-rtc")
public final class GoldfishRtcFactory implements EmulatorFactory {

    @Override
    public Emulator create(EmulatorContext context) {
        return new GoldfishRtc(context.timers(), context.region().interrupts().isEmpty() ? null : context.irq(0),
                new AccessLog(context.log(), "goldfish RTC " + context.region().name()));
    }
}
