package hv.core.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.config.GuestConfig;
import hv.core.config.OsDtConfig;
import hv.core.config.VcpuConfig;
import hv.core.guest.Guest;
import hv.core.internal.guest.Kernel;

/**
 * The guests named by {@code hv.guests}: each is created and kicked as soon as the VCPU engines
 * (and guest OS DT provider) it needs are present; a configuration error is logged and the guest
 * dropped.
 */
final class StartupGuests {

    private static final Logger LOG = LoggerFactory.getLogger(StartupGuests.class);

    private final Kernel kernel;
    private final List<Path> pending = new ArrayList<>();
    private final List<String> waitingLogged = new ArrayList<>();

    StartupGuests(Kernel kernel, String property) {
        this.kernel = kernel;
        if (property != null) {
            for (String s : property.split(",")) {
                if (!s.isBlank()) {
                    pending.add(Path.of(s.trim()));
                }
            }
        }
    }

    /** Creates every pending guest whose needs are met. Called after activation and on each new service. */
    synchronized void attempt() {
        for (Path p : List.copyOf(pending)) {
            GuestConfig c;
            try {
                c = kernel.guests().parse(p, null);
            } catch (RuntimeException e) {
                LOG.error("hv.guests: {}", e.getMessage());
                pending.remove(p);
                continue;
            }
            String missing = missing(c);
            if (missing != null) {
                if (!waitingLogged.contains(p.toString())) {
                    waitingLogged.add(p.toString());
                    LOG.info("hv.guests: {} waits for {}", p, missing);
                }
                continue;
            }
            pending.remove(p);
            try {
                Guest g = kernel.guests().create(c);
                g.kick();
                LOG.info("hv.guests: guest {} created from {} and kicked", g.name(), p);
            } catch (RuntimeException e) {
                LOG.error("hv.guests: {}", e.getMessage());
            }
        }
    }

    private String missing(GuestConfig c) {
        for (VcpuConfig v : c.vcpus()) {
            if (!kernel.engines().serves(v.compatible())) {
                return "a VCPU engine for " + v.compatible();
            }
        }
        if (c.osDt().source() == OsDtConfig.Source.GENERATE
                && kernel.osDtProvider(c.vcpus().get(0).compatible()) == null) {
            return "a guest OS DT provider for " + c.vcpus().get(0).compatible();
        }
        return null;
    }
}
