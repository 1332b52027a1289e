package hv.core.config;

/** Format of an image file to load into guest memory. */
public enum ImageFormat {
    /** Bytes copied as they are to the load address. */
    RAW,
    /** ELF64 little-endian: PT_LOAD segments at their physical addresses (plus an offset). */
    ELF,
    /** ELF when the file starts with the ELF magic, raw otherwise. */
    AUTO
}
