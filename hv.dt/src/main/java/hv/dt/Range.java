package hv.dt;

/**
 * One entry of a {@code ranges} property: a window of the child address space mapped onto the
 * parent address space. Decoded with the node's own {@code #address-cells} (child address),
 * the parent's {@code #address-cells} (parent address) and the node's {@code #size-cells}.
 *
 * @param childAddress  start of the window as seen by the node's children
 * @param parentAddress start of the window as seen by the node's parent
 * @param size          length of the window
 */
public record Range(long childAddress, long parentAddress, long size) {
}
