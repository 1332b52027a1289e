package hv.core.guest;

import org.osgi.annotation.versioning.ConsumerType;

import hv.core.config.GuestConfig;

/**
 * Generates the device tree handed to a guest OS ({@code hv,os-dt = "generate"}); typically
 * provided by the ISA bundle, which knows how CPUs and interrupt controllers are described.
 * Registered as a DS service with {@link #COMPATIBLE} naming the VCPU {@code compatible} values it
 * serves; the highest ranking wins.
 */
@ConsumerType
public interface GuestOsDtProvider {

    /** Service property: String or String[], VCPU {@code compatible} values served. */
    String COMPATIBLE = "hv.osdt.compatible";

    /**
     * Returns a flattened device tree (DTB) describing the guest: memory, CPUs, devices, and
     * {@code /chosen/bootargs} from {@link GuestConfig#bootArgs()}. Called at creation and reset,
     * on the thread creating or resetting the guest.
     *
     * @throws hv.core.config.GuestConfigException when the guest cannot be described
     */
    byte[] generate(GuestConfig config);
}
