package hv.core.internal;

import java.time.Instant;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.platform.Platform;
import hv.core.sched.Scheduler;

/** Registers the {@link Platform} service of hv.core. */
@Component(service = Platform.class, immediate = true)
public final class PlatformComponent implements Platform {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformComponent.class);

    private final String version;
    private final Instant startedAt = Instant.now();
    private final int hostCpus;

    @Activate
    public PlatformComponent(BundleContext context, @Reference Scheduler scheduler) {
        this.version = context.getBundle().getVersion().toString();
        this.hostCpus = scheduler.hostCpuCount();
        LOG.info("hv {} up: {} host CPU(s), Java {} ({})", version, hostCpus,
                System.getProperty("java.version"), System.getProperty("java.vendor"));
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public int hostCpuCount() {
        return hostCpus;
    }
}
