package hv.core.internal.guest;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.config.HostConfig;
import hv.core.guest.GuestOsDtProvider;
import hv.core.internal.emu.EmulatorRegistry;
import hv.core.internal.mem.HostMemory;
import hv.core.internal.mem.SharedMemoryManagerImpl;
import hv.core.internal.sched.SchedulerCore;
import hv.core.internal.time.TimerThread;

/**
 * The hv kernel as plain Java objects: host memory, shared memory, the timer thread, the scheduler
 * with its host CPUs, the engine and emulator registries, events, and the guest manager. The DS
 * components are thin wrappers around one instance; tests build it directly.
 */
public final class Kernel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

    private final HostConfig host;
    private final HostMemory hostMemory;
    private final SharedMemoryManagerImpl sharedMemory;
    private final TimerThread timers;
    private final SchedulerCore scheduler;
    private final EmulatorRegistry emulators = new EmulatorRegistry();
    private final EngineRegistry engines = new EngineRegistry();
    private final Matcher<GuestOsDtProvider> osDt = new Matcher<>();
    private final EventBus events = new EventBus();
    private final ExecutorService control;
    private final GuestManagerImpl guests;

    public Kernel(HostConfig host) {
        this.host = host;
        this.hostMemory = new HostMemory(host.memoryLimit());
        this.sharedMemory = new SharedMemoryManagerImpl(hostMemory);
        for (HostConfig.SharedMemorySpec s : host.sharedMemory()) {
            sharedMemory.create(s.name(), s.size(), s.alignOrder());
        }
        this.timers = new TimerThread("hv-timer");
        this.scheduler = new SchedulerCore(host.hostCpus(), host.schedPolicy());
        this.control = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hv-control");
            t.setDaemon(true);
            return t;
        });
        this.guests = new GuestManagerImpl(this);
        LOG.info("hv kernel: {} host CPU(s), {} MiB guest memory limit, policy {}", host.hostCpus(),
                host.memoryLimit() >> 20, scheduler.activePolicy());
    }

    public HostConfig host() {
        return host;
    }

    public HostMemory hostMemory() {
        return hostMemory;
    }

    public SharedMemoryManagerImpl sharedMemory() {
        return sharedMemory;
    }

    public TimerThread timers() {
        return timers;
    }

    public SchedulerCore scheduler() {
        return scheduler;
    }

    public EmulatorRegistry emulators() {
        return emulators;
    }

    public EngineRegistry engines() {
        return engines;
    }

    public EventBus events() {
        return events;
    }

    public GuestManagerImpl guests() {
        return guests;
    }

    /** Runs guest control work (resets and halts asked for on host CPU threads) off those threads. */
    public void control(Runnable work) {
        try {
            control.execute(() -> {
                try {
                    work.run();
                } catch (IllegalStateException e) {
                    LOG.debug("control request dropped: {}", e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("control request failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("kernel closing: control request dropped");
        }
    }

    public void addOsDtProvider(GuestOsDtProvider p, List<String> compatible, int ranking) {
        synchronized (osDt) {
            osDt.add(p, compatible, ranking);
        }
    }

    public void removeOsDtProvider(GuestOsDtProvider p) {
        synchronized (osDt) {
            osDt.remove(p);
        }
    }

    /** The best guest-OS-DT provider for a VCPU {@code compatible} list, or null. */
    public GuestOsDtProvider osDtProvider(List<String> compatible) {
        synchronized (osDt) {
            Matcher.Ref<GuestOsDtProvider> r = osDt.match(compatible);
            return r == null ? null : r.service();
        }
    }

    /** Destroys every guest and stops every thread. */
    @Override
    public void close() {
        guests.destroyAll();
        control.shutdown();
        try {
            control.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close();
        timers.close();
        events.close();
    }
}
