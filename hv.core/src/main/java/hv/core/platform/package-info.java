/** What the running hv platform is: its version and the host it runs on. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package hv.core.platform;
