/**
 * The emulator SPI: device models for the {@code virtual} regions of a guest address space.
 *
 * <p>An {@link hv.core.emu.EmulatorFactory} DS service names the {@code compatible} strings it serves;
 * the core creates one {@link hv.core.emu.Emulator} per matching region, hands it an
 * {@link hv.core.emu.EmulatorContext}, routes the region's MMIO accesses to it (offsets inside the
 * region), and saves and restores it when its bundle is swapped while guests run.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package hv.core.emu;
