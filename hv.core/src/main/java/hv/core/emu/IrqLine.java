package hv.core.emu;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One guest interrupt line, driven by a device. The level lives in the core: it survives the swap of
 * the device's and of the interrupt controller's bundles. Any thread; never blocks.
 */
@ProviderType
public interface IrqLine {

    /** The guest interrupt number. */
    int line();

    /** Drives the line high (level-triggered assert). */
    default void raise() {
        set(true);
    }

    /** Drives the line low. */
    default void lower() {
        set(false);
    }

    /** Sets the level; the controller hears only changes. */
    void set(boolean level);

    /** An edge (message-like interrupt): the controller hears one event; the level is unchanged. */
    void pulse();

    /** The current level. */
    boolean level();
}
