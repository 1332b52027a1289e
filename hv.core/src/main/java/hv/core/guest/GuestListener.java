package hv.core.guest;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears guest and VCPU events. Register as a service (whiteboard). Events arrive in order on one
 * platform event thread, never on a VCPU's thread; a slow listener delays only other listeners.
 */
@ConsumerType
public interface GuestListener {

    /** Called once per event. Exceptions are logged and ignored. */
    void guestEvent(GuestEvent event);
}
