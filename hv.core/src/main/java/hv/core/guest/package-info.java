/**
 * Guests as the shell, the launcher, tests and embedders drive them: create from a guest DT, list,
 * kick, pause, resume, reset, halt, destroy; VCPUs with their states and statistics; consoles;
 * events through the {@link hv.core.guest.GuestListener} whiteboard.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package hv.core.guest;
