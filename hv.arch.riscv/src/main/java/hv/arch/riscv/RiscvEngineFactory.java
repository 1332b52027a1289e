package hv.arch.riscv;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Component;

import hv.core.vcpu.VcpuContext;
import hv.core.vcpu.VcpuEngine;
import hv.core.vcpu.VcpuEngineFactory;

/** Serves VCPUs whose {@code compatible} is {@code riscv,generic} (or Xvisor virt64's {@code riscv64,generic}) with {@link RiscvEngine}s. */
@Component(property = { VcpuEngineFactory.COMPATIBLE + "=riscv,generic", VcpuEngineFactory.COMPATIBLE + "=riscv64,generic" })
public final class RiscvEngineFactory implements VcpuEngineFactory {

    private final long implVersion;

    public RiscvEngineFactory() {
        Bundle b = FrameworkUtil.getBundle(RiscvEngineFactory.class);
        this.implVersion = encode(b == null ? Version.emptyVersion : b.getVersion());
    }

    /**
     * The SBI implementation version: bundle major, minor and micro in bits 16-23, 8-15 and 0-7
     * (each capped at 255).
     */
    public static long encode(Version v) {
        return (long) Math.min(v.getMajor(), 255) << 16 | Math.min(v.getMinor(), 255) << 8 | Math.min(v.getMicro(), 255);
    }

    @Override
    public VcpuEngine create(VcpuContext context) {
        return create(context, implVersion);
    }

    /**
     * Creates an engine outside OSGi (tests, tools).
     *
     * @throws IllegalArgumentException naming {@code riscv,isa} when the DT asks for an extension this engine lacks
     */
    public static RiscvEngine create(VcpuContext context, long implVersion) {
        Isa isa = context.property(Isa.PROPERTY).map(Isa::parse).orElseGet(Isa::all);
        return new RiscvEngine(context, isa, implVersion);
    }
}
