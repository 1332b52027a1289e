package hv.core.config;

/** What backs a region of the guest address space (Xvisor's manifest_type + device_type). */
public enum RegionKind {
    /** {@code real}, {@code ram}: host memory at a fixed host physical address (shared by every region naming it). */
    RAM(true, false),
    /** {@code real}, {@code rom}: like RAM, read-only for the guest. */
    ROM(true, true),
    /** {@code real}, {@code alloced_ram} (also {@code colored_ram}): host memory allocated for this region. */
    ALLOCED_RAM(true, false),
    /** {@code real}, {@code alloced_rom} (also {@code colored_rom}): allocated, read-only for the guest. */
    ALLOCED_ROM(true, true),
    /** {@code real}, {@code shared_ram}: a named shared-memory object, the same bytes in several guests. */
    SHARED_RAM(true, false),
    /** {@code real}, {@code shared_rom}: a shared-memory object, read-only for this guest. */
    SHARED_ROM(true, true),
    /** {@code virtual}: an emulated device, served by an emulator matched by {@code compatible}. */
    DEVICE(false, false),
    /** {@code alias}: another guest physical range seen at this address. */
    ALIAS(false, false);

    private final boolean memory;
    private final boolean readOnly;

    RegionKind(boolean memory, boolean readOnly) {
        this.memory = memory;
        this.readOnly = readOnly;
    }

    /** True for host-memory backed kinds (RAM/ROM, allocated or shared). */
    public boolean memory() {
        return memory;
    }

    /** True for ROM kinds: guest stores fault (loaders may still write). */
    public boolean readOnly() {
        return readOnly;
    }
}
