package hv.dt;

/**
 * One entry of the memory reservation block ({@code /memreserve/}): a physical range the
 * client program must not use. Both values are unsigned 64-bit numbers.
 *
 * @param address first byte of the range
 * @param size    length in bytes
 */
public record MemoryReservation(long address, long size) {
}
