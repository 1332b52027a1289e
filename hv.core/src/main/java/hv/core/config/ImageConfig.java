package hv.core.config;

import java.nio.file.Path;

/**
 * An image loaded into guest memory at creation and at every reset.
 *
 * @param file the host file (absolute, resolved against the guest DT's directory)
 * @param format raw, ELF or auto-detected
 * @param address raw: guest physical load address; ELF: added to each segment's physical address
 * @param origin where it was configured ({@code /aspace/nor_flash0: hv,image}), for messages
 */
public record ImageConfig(Path file, ImageFormat format, long address, String origin) {
}
