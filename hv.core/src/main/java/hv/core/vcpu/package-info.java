/**
 * The VCPU engine SPI: how an instruction-set engine (a DS service) executes a VCPU of a guest,
 * and what the platform gives it in return.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package hv.core.vcpu;
