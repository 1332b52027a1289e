package hv.core.time;

import org.osgi.annotation.versioning.ProviderType;

/** A timer armed with {@link TimerService#schedule}. Thread safe. */
@ProviderType
public interface Timer {

    /** The deadline in the clock of the service that armed it. */
    long deadline();

    /** True while the timer has neither fired nor been cancelled. */
    boolean pending();

    /**
     * Cancels the timer.
     *
     * @return true when it was pending (its action will not run), false when it already ran or was cancelled
     */
    boolean cancel();
}
