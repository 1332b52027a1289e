package hv.core.emu;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by an interrupt-controller emulator that claimed the guest's lines with
 * {@link EmulatorContext#claimIrqs}. Called on the thread that drove the line, changes of one line in
 * order; MUST NOT block and MUST NOT drive guest interrupt lines itself (it drives VCPU pins).
 * After an attach or restore, current high levels are replayed: treat a repeated level as harmless.
 */
@ConsumerType
public interface IrqSink {

    /** Line {@code line} changed to {@code level}. */
    void levelChanged(int line, boolean level);

    /** Line {@code line} carried an edge (see {@link IrqLine#pulse()}); by default a raise then a lower. */
    default void edge(int line) {
        levelChanged(line, true);
        levelChanged(line, false);
    }
}
