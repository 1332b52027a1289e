package hv.emu.internal;

import hv.core.emu.EmulatorContext;
import hv.core.guest.GuestExit;

/**
 * How a device asks the platform to power the guest off or reset it (the SiFive test / syscon
 * finisher): a thin seam over {@link EmulatorContext#exit(GuestExit)}, so devices can be tested
 * without a platform.
 */
@FunctionalInterface
public interface PowerControl {

    /**
     * Requests power off ({@code reset == false}) or reset. Called on a VCPU thread; MUST NOT block.
     *
     * @param exitCode 0 for a passing power off, the guest's failure code otherwise (ignored for reset)
     * @param reason words for people, e.g. "sifive,test0 FAIL code 3"
     */
    void requestShutdown(boolean reset, int exitCode, String reason);

    /** Forwards to the context's guest exit: power off, failure with its code, or reset. */
    static PowerControl from(EmulatorContext context) {
        return (reset, exitCode, reason) -> context.exit(new GuestExit(
                reset ? GuestExit.Kind.RESET : exitCode == 0 ? GuestExit.Kind.POWER_OFF : GuestExit.Kind.FAILURE,
                reset ? 0 : exitCode, reason));
    }
}
