/**
 * The validated, immutable model of a guest (and of the host) parsed from a device tree in Xvisor's
 * guest-DT schema plus hv's {@code hv,*} additions (see docs/guest-dt.md).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package hv.core.config;
