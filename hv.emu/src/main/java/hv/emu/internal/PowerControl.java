package hv.emu.internal;

import hv.core.emu.EmulatorContext;

/**
 * How a device asks the platform to power the guest off or reset it (the SiFive test / syscon finisher).
 *
 * <p>The core's {@link EmulatorContext} has no such request yet. What it needs to offer, so that
 * {@link #from} can forward to it: {@code void requestShutdown(boolean reset, int exitCode, String reason)},
 * callable on a VCPU thread during an MMIO write, taking effect after the calling slice ends (like
 * {@code HartControl.shutdown} for SBI SRST), with the exit code recorded for the guest (so that tests and
 * {@code ./hv} can report a guest's failure code). Until then the request is logged and remembered by the device.
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

    /** The platform's shutdown request for the context's guest (today: a log line; see the class comment). */
    static PowerControl from(EmulatorContext context) {
        return (reset, exitCode, reason) -> context.log().warn(
                "guest {} asked for {} (exit code {}: {}), but the platform offers emulators no shutdown request yet",
                context.guestName(), reset ? "reset" : "power off", exitCode, reason);
    }
}
