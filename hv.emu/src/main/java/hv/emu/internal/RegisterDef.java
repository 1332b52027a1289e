package hv.emu.internal;

/**
 * One register, or one bank of equal registers, of a device's register map, declared as data.
 * Devices declare their maps as enums implementing this interface and build a {@link RegisterMap}
 * from them; the map is validated once, when the device class loads.
 */
public interface RegisterDef {

    /** What the guest may do with a register. */
    enum Access {
        /** Read only: writes are ignored. */
        RO,
        /** Write only: reads return 0. */
        WO,
        /** Read and write. */
        RW
    }

    /** Offset of the first register of the bank inside the region. */
    long base();

    /** Width of one register in bytes (1, 2, 4 or 8). */
    int width();

    /** Number of registers in the bank (1 for a single register). */
    default int count() {
        return 1;
    }

    /** Distance between two registers of the bank; at least {@link #width()}. */
    default long stride() {
        return width();
    }

    /** What the guest may do. */
    Access access();

    /** The bits a guest write may change; the others are reserved (written as ignored, read as 0 unless the device says otherwise). */
    long writableMask();

    /** Where the register is specified (document and section), for people reading the code or a log. */
    String spec();
}
