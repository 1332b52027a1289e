package hv.core.emu;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates emulator instances. Registered as a DS service with the property {@link #COMPATIBLE}
 * (String or String[]) listing the region {@code compatible} values it serves; the core matches a
 * region's {@code compatible} list in order (first entry first) and, among factories serving the
 * same string, takes the highest service ranking.
 *
 * <p>When the factory's service goes away, the core saves every instance it made (with
 * {@link Emulator#save()}) and closes it BEFORE the unbind returns; a factory for the same
 * {@code compatible} that appears later gets fresh instances to {@link Emulator#restore} into.
 */
@ConsumerType
public interface EmulatorFactory {

    /** Service property: String or String[], the region {@code compatible} values served. */
    String COMPATIBLE = "hv.emu.compatible";

    /**
     * Creates an instance for one region, in its reset state.
     *
     * @throws IllegalArgumentException with a message naming the DT property when the region's
     *         configuration cannot be served; the guest is then not created
     */
    Emulator create(EmulatorContext context);
}
