package hv.dt.internal;

/** Constants of the flattened device tree format (Devicetree Specification v0.4, ch. 5). */
final class Fdt {
    static final int MAGIC = 0xd00dfeed;
    /** Version written; readers accept 16 and 17. */
    static final int VERSION = 17;
    /** Lowest version a version-17 blob is compatible with. */
    static final int LAST_COMP_VERSION = 16;
    /** Header size of version 17 (ten 32-bit fields). */
    static final int HEADER_SIZE_V17 = 40;
    /** Header size of version 16 (no size_dt_struct). */
    static final int HEADER_SIZE_V16 = 36;
    /** One memory reservation entry: address and size, 64 bits each. */
    static final int RESERVE_ENTRY_SIZE = 16;

    static final int BEGIN_NODE = 0x1;
    static final int END_NODE = 0x2;
    static final int PROP = 0x3;
    static final int NOP = 0x4;
    static final int END = 0x9;

    // Header field offsets (5.2).
    static final int OFF_MAGIC = 0;
    static final int OFF_TOTALSIZE = 4;
    static final int OFF_DT_STRUCT = 8;
    static final int OFF_DT_STRINGS = 12;
    static final int OFF_MEM_RSVMAP = 16;
    static final int OFF_VERSION = 20;
    static final int OFF_LAST_COMP_VERSION = 24;
    static final int OFF_BOOT_CPUID_PHYS = 28;
    static final int OFF_SIZE_DT_STRINGS = 32;
    static final int OFF_SIZE_DT_STRUCT = 36;

    private Fdt() {
    }

    static int align4(int n) {
        return (n + 3) & ~3;
    }
}
