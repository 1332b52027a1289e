package hv.core.vcpu;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates VCPU engines; registered as a DS service with the property {@link #COMPATIBLE} naming the
 * VCPU {@code compatible} strings it serves (for example {@code riscv,generic}).
 */
@ConsumerType
public interface VcpuEngineFactory {

    /** Service property: String or String[], the VCPU {@code compatible} values this factory serves. */
    String COMPATIBLE = "hv.engine.compatible";

    /**
     * Creates an engine for one VCPU. Called once per VCPU when its guest is created.
     *
     * @throws IllegalArgumentException with a message naming the property when the VCPU's
     *         configuration cannot be served (for example an ISA string asking for an extension
     *         the engine lacks)
     */
    VcpuEngine create(VcpuContext context);
}
