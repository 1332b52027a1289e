/**
 * Guest physical memory as VCPU engines and devices see it: RAM blocks for the fast path,
 * a bus for everything else, and a checked interface for device DMA.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package hv.core.mem;
