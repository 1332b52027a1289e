/**
 * Time as guests and devices see it: a clock in nanoseconds and one-shot timers with callbacks.
 *
 * <p>A guest's clock runs in real time (host monotonic time since the guest was created) or in
 * virtual time (advanced only by retired guest instructions); devices use the same interface in
 * both modes and are deterministic in virtual time.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package hv.core.time;
