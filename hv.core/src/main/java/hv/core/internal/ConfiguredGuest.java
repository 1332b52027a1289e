package hv.core.internal;

import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.guest.Guest;
import hv.core.guest.GuestManager;

/**
 * A guest made from a Configuration Admin factory configuration with the factory PID
 * {@value #FACTORY_PID}, so that products embedding hv create guests the OSGi way: each
 * configuration names a guest DT file ({@code dt}); the guest is created (and kicked) when the
 * configuration arrives, and destroyed when it is deleted or changed (a change recreates it).
 */
@Designate(ocd = ConfiguredGuest.Config.class, factory = true)
@Component(configurationPid = ConfiguredGuest.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
public final class ConfiguredGuest {

    /** The factory PID of guest configurations. */
    public static final String FACTORY_PID = "hv.guest";

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredGuest.class);

    /** The properties of an {@value #FACTORY_PID} configuration. */
    @ObjectClassDefinition(name = "hv guest", description = "A guest created from a guest DT file")
    public @interface Config {
        @AttributeDefinition(description = "the guest DT file (DTS or DTB), absolute or relative to the working directory")
        String dt();

        @AttributeDefinition(description = "the guest's name; empty: the DT's hv,name, else the file name")
        String name() default "";

        @AttributeDefinition(description = "kick the guest once it is created")
        boolean kick() default true;
    }

    private final GuestManager manager;
    private final String guestName;

    @Activate
    public ConfiguredGuest(@Reference GuestManager manager, Config config) {
        this.manager = manager;
        if (config.dt() == null || config.dt().isBlank()) {
            throw new IllegalArgumentException(FACTORY_PID + " configuration: property 'dt' (a guest DT file) is required");
        }
        Guest g = manager.create(Path.of(config.dt()), config.name().isBlank() ? null : config.name());
        this.guestName = g.name();
        if (config.kick()) {
            g.kick();
        }
        LOG.info("{} configuration: guest {} created from {}", FACTORY_PID, guestName, config.dt());
    }

    @Deactivate
    void deactivate() {
        if (manager.destroy(guestName)) {
            LOG.info("{} configuration gone: guest {} destroyed", FACTORY_PID, guestName);
        }
    }
}
