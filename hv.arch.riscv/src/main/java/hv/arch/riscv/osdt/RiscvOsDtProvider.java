package hv.arch.riscv.osdt;

import java.io.IOException;
import java.nio.file.Files;

import org.osgi.service.component.annotations.Component;

import hv.arch.riscv.Isa;
import hv.core.config.GuestConfig;
import hv.core.config.GuestConfigException;
import hv.core.config.ImageConfig;
import hv.core.config.VcpuConfig;
import hv.core.guest.GuestOsDtProvider;
import hv.dt.DtException;

/**
 * Generates the guest OS DT of RISC-V guests ({@code hv,os-dt = "generate"}): the ISA string of
 * each CPU is exactly what this engine executes for that VCPU, paging up to Sv48. An image named
 * {@code initrd} under {@code hv,images} becomes {@code /chosen/linux,initrd-start/-end}.
 */
@Component(property = { GuestOsDtProvider.COMPATIBLE + "=riscv,generic", GuestOsDtProvider.COMPATIBLE + "=riscv64,generic" })
public final class RiscvOsDtProvider implements GuestOsDtProvider {

    /** The largest paging mode the engine implements. */
    static final String MMU_TYPE = "riscv,sv48";
    static final String INITRD_ORIGIN = "/hv,images/initrd:";

    @Override
    public byte[] generate(GuestConfig config) {
        long initrdStart = 0;
        long initrdEnd = 0;
        for (ImageConfig image : config.images()) {
            if (image.origin() != null && image.origin().startsWith(INITRD_ORIGIN)) {
                try {
                    initrdStart = image.address();
                    initrdEnd = initrdStart + Files.size(image.file());
                } catch (IOException e) {
                    throw new GuestConfigException("/hv,images/initrd", "file", "cannot read " + image.file() + ": " + e);
                }
            }
        }
        try {
            return new OsDtBuilder(config, RiscvOsDtProvider::isa, MMU_TYPE).build(initrdStart, initrdEnd).toDtb();
        } catch (DtException e) {
            throw new GuestConfigException("/", "hv,os-dt", "cannot describe the guest: " + e.getMessage());
        }
    }

    static String isa(VcpuConfig v) {
        try {
            return (v.isa() == null ? Isa.all() : Isa.parse(v.isa())).toString();
        } catch (IllegalArgumentException e) {
            throw new GuestConfigException(v.path(), Isa.PROPERTY, e.getMessage());
        }
    }
}
