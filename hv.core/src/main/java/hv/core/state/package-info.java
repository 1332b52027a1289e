/** The neutral, versioned form in which engines, emulators and backends save their state. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package hv.core.state;
