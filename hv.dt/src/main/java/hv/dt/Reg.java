package hv.dt;

/**
 * One (address, size) pair of a {@code reg} property, decoded with the parent's
 * {@code #address-cells} and {@code #size-cells}. Values are unsigned 64-bit numbers; a size
 * is 0 when {@code #size-cells} is 0.
 *
 * @param address the start of the range, in the parent's address space
 * @param size    the length of the range
 */
public record Reg(long address, long size) {
}
