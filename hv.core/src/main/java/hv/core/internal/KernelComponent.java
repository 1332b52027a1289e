package hv.core.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.config.HostConfig;
import hv.core.emu.EmulatorFactory;
import hv.core.guest.GuestListener;
import hv.core.guest.GuestManager;
import hv.core.guest.GuestOsDtProvider;
import hv.core.internal.config.HostConfigParser;
import hv.core.internal.guest.GuestManagerImpl;
import hv.core.internal.guest.Kernel;
import hv.core.mem.SharedMemoryManager;
import hv.core.sched.Scheduler;
import hv.core.sched.SchedulerPolicy;
import hv.core.vcpu.VcpuEngineFactory;

/**
 * The DS face of the kernel: builds one {@link Kernel} from the host DT ({@code hv.host.dt}),
 * registers {@link GuestManager}, {@link SharedMemoryManager} and {@link Scheduler}, and tracks the
 * whiteboard services (engines, emulators, policies, guest-OS-DT providers, listeners) with
 * dynamic, greedy, multiple references. An emulator or engine factory's unbind returns only after
 * the instances it made were saved and closed.
 */
@Component(immediate = true, service = {})
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=hv.core.guest.GuestManager",
        uses = GuestManager.class)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=hv.core.mem.SharedMemoryManager",
        uses = SharedMemoryManager.class)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=hv.core.sched.Scheduler",
        uses = Scheduler.class)
public final class KernelComponent {

    /** Framework property: host DT file (DTS or DTB). */
    public static final String HOST_DT_PROPERTY = "hv.host.dt";

    private static final Logger LOG = LoggerFactory.getLogger(KernelComponent.class);

    private final Kernel kernel;
    private final StartupGuests startup;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public KernelComponent(BundleContext context) {
        HostConfig host = HostConfig.defaults();
        String hostDt = context.getProperty(HOST_DT_PROPERTY);
        if (hostDt != null && !hostDt.isBlank()) {
            host = HostConfigParser.parse(GuestManagerImpl.readTree(Path.of(hostDt.trim())), host);
        }
        String policy = context.getProperty(Scheduler.POLICY_PROPERTY);
        if (policy != null && !policy.isBlank()) {
            host = new HostConfig(host.hostCpus(), host.memoryLimit(), host.missingEmulator(),
                    host.emulatorTimeoutMillis(), policy.trim(), host.sharedMemory());
        }
        kernel = new Kernel(host);
        registrations.add(context.registerService(GuestManager.class, kernel.guests(), null));
        registrations.add(context.registerService(SharedMemoryManager.class, kernel.sharedMemory(), null));
        registrations.add(context.registerService(Scheduler.class, kernel.scheduler(), null));
        startup = new StartupGuests(kernel, context.getProperty(GuestManager.GUESTS_PROPERTY));
        startup.attempt();
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        kernel.close();
    }

    static List<String> strings(Map<String, Object> props, String key) {
        Object v = props.get(key);
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof String[] a) {
            return List.of(a);
        }
        if (v instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    static int ranking(Map<String, Object> props) {
        return props.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addEngine(VcpuEngineFactory f, Map<String, Object> props) {
        kernel.engines().add(f, strings(props, VcpuEngineFactory.COMPATIBLE), ranking(props));
        startupAttempt();
    }

    void removeEngine(VcpuEngineFactory f) {
        kernel.engines().remove(f);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addEmulator(EmulatorFactory f, Map<String, Object> props) {
        kernel.emulators().add(f, strings(props, EmulatorFactory.COMPATIBLE), ranking(props));
    }

    void removeEmulator(EmulatorFactory f) {
        kernel.emulators().remove(f);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPolicy(SchedulerPolicy p, Map<String, Object> props) {
        Object name = props.get(SchedulerPolicy.NAME);
        kernel.scheduler().addPolicy(name == null ? p.getClass().getName() : name.toString(), p, ranking(props));
    }

    void removePolicy(SchedulerPolicy p) {
        kernel.scheduler().removePolicy(p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addOsDtProvider(GuestOsDtProvider p, Map<String, Object> props) {
        kernel.addOsDtProvider(p, strings(props, GuestOsDtProvider.COMPATIBLE), ranking(props));
        startupAttempt();
    }

    void removeOsDtProvider(GuestOsDtProvider p) {
        kernel.removeOsDtProvider(p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(GuestListener l) {
        kernel.events().add(l);
    }

    void removeListener(GuestListener l) {
        kernel.events().remove(l);
    }

    private void startupAttempt() {
        StartupGuests s = startup;
        if (s != null) {
            try {
                s.attempt();
            } catch (RuntimeException e) {
                LOG.error("hv.guests", e);
            }
        }
    }
}
