package hv.core.emu;

import org.osgi.annotation.versioning.ProviderType;

/** The guest's interrupt lines as their claiming controller sees them. Thread safe. */
@ProviderType
public interface GuestIrqs {

    /** Number of lines ({@code guest_irq_count}). */
    int count();

    /** The current level of {@code line}. */
    boolean level(int line);

    /** Gives up the claim (also done when the instance is closed). */
    void release();
}
