package hv.core.guest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import hv.core.config.GuestConfig;
import hv.core.config.GuestConfigException;
import hv.dt.DeviceTree;

/**
 * Creates and finds guests; registered once by hv.core. Thread safe.
 *
 * <p>Guests named by the framework property {@value #GUESTS_PROPERTY} (comma-separated guest DT
 * files) are created and kicked at start-up, once the VCPU engines they need are present.
 */
@ProviderType
public interface GuestManager {

    /** Framework property: comma-separated guest DT files (DTS or DTB) created and kicked at start-up. */
    String GUESTS_PROPERTY = "hv.guests";

    /**
     * Creates a guest, in RESET, from a guest DT file (DTS text or DTB, told apart by content).
     *
     * @param name the guest's name, or null for the DT's {@code hv,name}, else the file's base name
     * @throws GuestConfigException when the DT is invalid or cannot be served (message names the
     *         file, node and property)
     * @throws IllegalStateException when a guest of that name exists
     */
    Guest create(Path file, String name);

    /**
     * Creates a guest from a guest DT file after applying Xvisor-style property patches
     * ({@code <alias>,<property>,<type>,<value>}, for example
     * {@code mem0,physical_size,physsize,0x10000000}), the way Xvisor's {@code guest_fdt_load} does.
     *
     * @throws GuestConfigException when a patch is malformed or names no alias, or the DT is invalid
     */
    Guest create(Path file, String name, List<String> patches);

    /**
     * Creates a guest from DTS text.
     *
     * @param name the guest's name, or null for the DT's {@code hv,name}, else {@code guestN}
     */
    Guest create(String dts, String name);

    /**
     * Creates a guest from a device tree built or edited in code (the tree is copied; later changes
     * do not affect the guest).
     *
     * @param name the guest's name, or null for the DT's {@code hv,name}, else {@code guestN}
     */
    Guest create(DeviceTree tree, String name);

    /** Creates a guest from a parsed configuration. */
    Guest create(GuestConfig config);

    /** Parses and validates a guest DT file without creating anything. */
    GuestConfig parse(Path file, String name);

    /** Live guests in creation order. */
    List<Guest> list();

    /** The live guest named {@code name}. */
    Optional<Guest> find(String name);

    /**
     * Destroys the guest named {@code name}.
     *
     * @return false when there is none
     */
    boolean destroy(String name);
}
