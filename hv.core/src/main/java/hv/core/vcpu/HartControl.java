package hv.core.vcpu;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The harts of one guest as firmware (SBI) sees them. Thread safe; hart ids are 0-based indices
 * into the guest's VCPUs.
 */
@ProviderType
public interface HartControl {

    /** Hart states, as SBI HSM reports them. */
    enum HartState { STARTED, STOPPED, START_PENDING, STOP_PENDING, SUSPENDED }

    /** Number of harts (VCPUs) of the guest. */
    int count();

    /** State of hart {@code hart}; the caller has checked {@code 0 <= hart < count()}. */
    HartState state(int hart);

    /**
     * Starts a stopped hart at {@code pc} with boot arguments {@code (hart, arg1)}.
     *
     * @return false when the hart is not stopped
     */
    boolean start(int hart, long pc, long arg1);

    /** Sets a pin of another hart (inter-processor interrupts) and wakes it. */
    void setPin(int hart, int pin, boolean level);

    /** Makes other harts drop cached decodings/translations ({@link VcpuEngine#FLUSH_ICACHE}, ...) before they next run. */
    void flush(int hart, int kinds);

    /** Powers the guest off ({@code reset == false}) or resets it; takes effect after the calling slice ends. */
    void shutdown(boolean reset, String reason);

    /**
     * Stops the guest with an exit status (SBI SRST with a reason, a failure report); takes effect
     * after the calling slice ends. By default a power-off or reset through {@link #shutdown}.
     */
    default void exit(hv.core.guest.GuestExit exit) {
        shutdown(exit.kind() == hv.core.guest.GuestExit.Kind.RESET, exit.reason());
    }
}
