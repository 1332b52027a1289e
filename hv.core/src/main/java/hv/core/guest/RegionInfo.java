package hv.core.guest;

import hv.core.config.RegionConfig;

/**
 * A region of a guest's address space as it is now.
 *
 * @param config its configuration
 * @param status {@code memory}, {@code alias}, or for devices {@code attached}, {@code waiting}
 *        (no emulator yet), {@code detached} (emulator gone, state saved), {@code failed}
 * @param backing what serves it: the emulator class, the shared-memory name, or {@code host}
 */
public record RegionInfo(RegionConfig config, String status, String backing) {
}
