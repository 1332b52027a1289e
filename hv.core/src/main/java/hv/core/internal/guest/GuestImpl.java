package hv.core.internal.guest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.config.ClockMode;
import hv.core.config.GuestConfig;
import hv.core.config.ImageConfig;
import hv.core.config.MissingEmulator;
import hv.core.config.VcpuConfig;
import hv.core.emu.ConsolePort;
import hv.core.emu.VcpuPins;
import hv.core.guest.Guest;
import hv.core.guest.GuestConsole;
import hv.core.guest.GuestEvent;
import hv.core.guest.GuestExit;
import hv.core.guest.GuestState;
import hv.core.guest.RegionInfo;
import hv.core.guest.Vcpu;
import hv.core.guest.VcpuState;
import hv.core.internal.emu.EmulatorHost;
import hv.core.internal.emu.EmulatorSlot;
import hv.core.internal.emu.IrqRouter;
import hv.core.internal.mem.AddressSpace;
import hv.core.internal.mem.AliasRegion;
import hv.core.internal.mem.DeviceRegion;
import hv.core.internal.mem.RamRegion;
import hv.core.internal.mem.Region;
import hv.core.internal.sched.HostCpu;
import hv.core.internal.time.GuestClock;
import hv.core.internal.time.RealClock;
import hv.core.internal.time.VirtualClock;
import hv.core.internal.vcpu.HartControlImpl;
import hv.core.internal.vcpu.SchedRunner;
import hv.core.internal.vcpu.VcpuHost;
import hv.core.internal.vcpu.VcpuImpl;
import hv.core.internal.vcpu.VirtualGroup;
import hv.core.mem.GuestMemory;
import hv.core.mem.PhysicalBus;
import hv.core.vcpu.FirmwareConsole;
import hv.core.vcpu.HartControl;

/**
 * One guest: its VCPUs, address space, devices, clock and consoles, and the guest-level state
 * machine. Lifecycle operations take the guest lock (guest lock, then VCPU locks, then the
 * scheduler lock); host CPU threads never take it, so waiting for VCPUs under it cannot deadlock.
 */
public final class GuestImpl implements Guest, EmulatorHost, VcpuHost {

    private static final Logger LOG = LoggerFactory.getLogger(GuestImpl.class);

    private final Kernel kernel;
    private final GuestConfig config;
    private final String name;
    private final long emulatorTimeoutNanos;
    private final GuestClock clock;
    private final IrqRouter irqs;
    private final Map<String, ConsoleImpl> consoles = new LinkedHashMap<>();
    private final ConsoleImpl sbi;
    private final List<VcpuImpl> vcpus = new ArrayList<>();
    private final List<Vcpu> views;
    private final HartControlImpl harts;
    private final GuestRegions built;
    private final AddressSpace space;
    private final VirtualGroup group;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stateChanged = lock.newCondition();
    private volatile GuestState state = GuestState.RESET;
    private volatile boolean resetting;
    private volatile long bootArgument;
    private volatile GuestExit lastExit;

    GuestImpl(Kernel kernel, GuestConfig config) {
        this.kernel = kernel;
        this.config = config;
        this.name = config.name();
        long ms = config.emulatorTimeoutMillis() >= 0 ? config.emulatorTimeoutMillis()
                : kernel.host().emulatorTimeoutMillis();
        this.emulatorTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(ms);
        boolean virtual = config.clock().mode() == ClockMode.VIRTUAL;
        this.clock = virtual ? new VirtualClock(config.clock()) : new RealClock(config.clock(), kernel.timers());
        this.irqs = new IrqRouter(config.guestIrqCount());
        this.sbi = (ConsoleImpl) openConsole("sbi");
        for (VcpuConfig vc : config.vcpus()) {
            BitSet aff = new BitSet();
            vc.affinity().forEach(aff::set);
            vcpus.add(new VcpuImpl(this, vc, name, aff));
        }
        this.views = vcpus.stream().map(v -> (Vcpu) new VcpuView(this, v)).toList();
        this.harts = new HartControlImpl(vcpus, this::exitRequested);
        this.built = new GuestRegions(name, config.regions(), kernel.hostMemory(), kernel.sharedMemory(), this);
        boolean emulatorsRegistered = false;
        boolean enginesBound = false;
        try {
            this.space = new AddressSpace(built.regions);
            if (virtual) {
                group = new VirtualGroup(name, vcpus, (VirtualClock) clock, kernel.scheduler(), this::quantumBoundary,
                        this::inputStaged);
                vcpus.forEach(v -> v.runner(group));
            } else {
                group = null;
                SchedRunner r = new SchedRunner(kernel.scheduler());
                vcpus.forEach(v -> v.runner(r));
            }
            kernel.emulators().register(built.slots, this::missingPolicy);
            emulatorsRegistered = true;
            kernel.engines().bind(vcpus);
            enginesBound = true;
            loadImages();
            if (virtual) {
                kernel.scheduler().register(group);
            } else {
                vcpus.forEach(kernel.scheduler()::register);
            }
        } catch (RuntimeException e) {
            if (enginesBound) {
                kernel.engines().unbind(vcpus);
            }
            if (emulatorsRegistered) {
                kernel.emulators().unregister(built.slots);
            }
            clock.close();
            built.release();
            throw e;
        }
    }

    private MissingEmulator missingPolicy(EmulatorSlot s) {
        MissingEmulator m = s.region().missingEmulator();
        if (m == null) {
            m = config.missingEmulator();
        }
        return m == null ? kernel.host().missingEmulator() : m;
    }

    /** Loads images and places the guest OS DT (creation and reset). */
    private void loadImages() {
        for (ImageConfig img : config.images()) {
            ImageLoader.load(space, img);
        }
        bootArgument = OsDtPlacer.place(kernel, config, space);
    }

    // ---- Guest

    @Override
    public String name() {
        return name;
    }

    @Override
    public GuestConfig config() {
        return config;
    }

    @Override
    public GuestState state() {
        return state;
    }

    @Override
    public List<Vcpu> vcpus() {
        return views;
    }

    /** The VCPU objects (tests, internal). */
    public List<VcpuImpl> vcpuImpls() {
        return List.copyOf(vcpus);
    }

    private void setState(GuestState s) {
        state = s;
        stateChanged.signalAll();
        kernel.events().publish(new GuestEvent(GuestEvent.Type.GUEST_STATE, name, -1, s.name(), null, System.nanoTime()));
    }

    private IllegalStateException refuse(String op) {
        return new IllegalStateException("guest " + name + " is " + state + ": cannot " + op);
    }

    void locked(Runnable r) {
        lock.lock();
        try {
            if (state == GuestState.DESTROYED) {
                throw refuse("change it");
            }
            if (group != null) {
                group.hold(); // in virtual time the change reaches all VCPUs at the same guest time
            }
            try {
                r.run();
            } finally {
                if (group != null) {
                    group.release();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void kick() {
        locked(() -> {
            if (state != GuestState.RESET) {
                throw refuse("kick (needs RESET)");
            }
            setState(GuestState.RUNNING);
            for (VcpuImpl v : vcpus) {
                if (!v.config().poweroff() && v.state() == VcpuState.RESET) {
                    v.kick();
                }
            }
        });
    }

    @Override
    public void pause() {
        locked(() -> {
            if (state == GuestState.PAUSED) {
                return;
            }
            if (state != GuestState.RUNNING) {
                throw refuse("pause");
            }
            setState(GuestState.PAUSED);
            for (VcpuImpl v : vcpus) {
                VcpuState s = v.state();
                if (s == VcpuState.READY || s == VcpuState.RUNNING) {
                    v.pause();
                }
            }
        });
        awaitStopped();
    }

    @Override
    public void resume() {
        locked(() -> {
            if (state == GuestState.RUNNING) {
                return;
            }
            if (state != GuestState.PAUSED) {
                throw refuse("resume");
            }
            setState(GuestState.RUNNING);
            for (VcpuImpl v : vcpus) {
                if (v.state() == VcpuState.PAUSED) {
                    v.resume();
                }
            }
        });
    }

    @Override
    public void halt() {
        locked(() -> {
            if (state == GuestState.HALTED) {
                return;
            }
            setState(GuestState.HALTED);
            vcpus.forEach(VcpuImpl::halt);
        });
        awaitStopped();
    }

    @Override
    public void reset() {
        if (HostCpu.onHostCpu()) {
            kernel.control(this::reset);
            return;
        }
        locked(() -> {
            resetting = true;
            try {
                vcpus.forEach(VcpuImpl::reset);
                awaitStopped();
                vcpus.forEach(v -> {
                    if (v.state() != VcpuState.RESET) {
                        v.reset();
                    }
                });
                built.slots.forEach(EmulatorSlot::reset);
                irqs.reset();
                built.clearOnReset.forEach(RamRegion::clear);
                loadImages();
                setState(GuestState.RESET);
            } finally {
                resetting = false;
            }
        });
    }

    @Override
    public void destroy() {
        if (HostCpu.onHostCpu()) {
            kernel.control(this::destroy);
            return;
        }
        lock.lock();
        try {
            if (state == GuestState.DESTROYED) {
                return;
            }
            setState(GuestState.DESTROYED);
            vcpus.forEach(VcpuImpl::halt);
            kernel.emulators().unregister(built.slots); // VCPUs waiting on detached devices fault out
            awaitStopped();
            if (group != null) {
                kernel.scheduler().unregister(group);
            }
            vcpus.forEach(kernel.scheduler()::unregister);
            kernel.engines().unbind(vcpus);
            clock.close();
            built.release();
            kernel.guests().forget(this);
        } finally {
            lock.unlock();
        }
        kernel.events().publish(new GuestEvent(GuestEvent.Type.DESTROYED, name, -1, null, null, System.nanoTime()));
    }

    /** Waits until no VCPU executes (not on host CPU threads, which never wait). */
    private void awaitStopped() {
        if (HostCpu.onHostCpu()) {
            return;
        }
        long limit = emulatorTimeoutNanos + TimeUnit.SECONDS.toNanos(5);
        for (VcpuImpl v : vcpus) {
            if (!v.awaitNotRunning(limit)) {
                LOG.warn("{} did not stop within {} ms", v.name(), TimeUnit.NANOSECONDS.toMillis(limit));
            }
        }
        if (group != null && vcpus.stream().noneMatch(v -> v.state() == VcpuState.READY)) {
            group.awaitOutOfSlice(limit); // its round ends: guest time is settled
        }
    }

    @Override
    public boolean awaitState(GuestState s, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long left = timeout.toNanos();
            while (state != s) {
                if (left <= 0) {
                    return false;
                }
                left = stateChanged.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        if (s != GuestState.RUNNING) {
            awaitStopped(); // the state is set when asked for; VCPUs leave RUNNING at their next block boundary
        }
        return true;
    }

    @Override
    public void exitRequested(GuestExit exit) {
        boolean reset = exit.kind() == GuestExit.Kind.RESET;
        // stop every VCPU at once (their next block boundary), so nothing runs after the request;
        // the guest-level reset or halt follows on the control thread
        for (VcpuImpl v : vcpus) {
            if (reset) {
                v.reset();
            } else {
                v.halt();
            }
        }
        lastExit = exit;
        kernel.events().publish(new GuestEvent(GuestEvent.Type.EXITED, name, -1, null, exit.reason(),
                System.nanoTime(), exit));
        kernel.control(() -> {
            if (reset) {
                reset();
                kick();
            } else {
                halt();
            }
        });
    }

    @Override
    public Optional<GuestExit> exit() {
        return Optional.ofNullable(lastExit);
    }

    @Override
    public List<RegionInfo> regions() {
        List<RegionInfo> out = new ArrayList<>();
        for (Region r : space.regions()) {
            String status;
            String backing;
            if (r instanceof DeviceRegion d) {
                EmulatorSlot s = (EmulatorSlot) d.backend();
                status = s.status().name().toLowerCase();
                backing = s.backing();
            } else if (r instanceof AliasRegion a) {
                status = "alias";
                backing = a.target().name();
            } else {
                status = "memory";
                backing = r.config().sharedMem() != null ? "shmem:" + r.config().sharedMem() : "host";
            }
            out.add(new RegionInfo(r.config(), status, backing));
        }
        return out;
    }

    /** The emulator slot of device region {@code regionName} (tests, snapshots). */
    public Optional<EmulatorSlot> slot(String regionName) {
        return built.slots.stream().filter(s -> s.region().name().equals(regionName)).findFirst();
    }

    @Override
    public GuestMemory memory() {
        return space.memory();
    }

    @Override
    public GuestConsole console() {
        return sbi;
    }

    @Override
    public List<GuestConsole> consoles() {
        synchronized (consoles) {
            return List.copyOf(consoles.values());
        }
    }

    @Override
    public Optional<GuestConsole> console(String name) {
        synchronized (consoles) {
            return Optional.ofNullable(consoles.get(name));
        }
    }

    @Override
    public long time() {
        return clock.ticks();
    }

    // ---- virtual time hooks

    private void quantumBoundary() {
        for (GuestConsole c : consoles()) {
            ((ConsoleImpl) c).deliverStaged();
        }
    }

    private boolean inputStaged() {
        for (GuestConsole c : consoles()) {
            if (((ConsoleImpl) c).hasStaged()) {
                return true;
            }
        }
        return false;
    }

    // ---- EmulatorHost and VcpuHost

    @Override
    public String guestName() {
        return name;
    }

    @Override
    public IrqRouter irqs() {
        return irqs;
    }

    @Override
    public List<VcpuPins> vcpuPins() {
        return List.copyOf(vcpus);
    }

    @Override
    public GuestClock clock() {
        return clock;
    }

    @Override
    public ConsolePort openConsole(String consoleName) {
        synchronized (consoles) {
            return consoles.computeIfAbsent(consoleName, n -> new ConsoleImpl(name, n,
                    config.clock().mode() == ClockMode.VIRTUAL, () -> {
                        if (group != null) {
                            kernel.scheduler().wake(group);
                        }
                    }));
        }
    }

    @Override
    public long emulatorTimeoutNanos() {
        return emulatorTimeoutNanos;
    }

    @Override
    public void regionChanged(EmulatorSlot slot, boolean attached) {
        space.bumpGeneration();
        kernel.events().publish(new GuestEvent(attached ? GuestEvent.Type.REGION_ATTACHED
                : GuestEvent.Type.REGION_DETACHED, name, -1, null, slot.region().name(), System.nanoTime()));
    }

    @Override
    public void emulatorFailed(EmulatorSlot slot, String message) {
        kernel.events().publish(new GuestEvent(GuestEvent.Type.ERROR, name, -1, null, message, System.nanoTime()));
        kernel.control(() -> {
            if (state == GuestState.RUNNING) {
                pause();
            }
        });
    }

    @Override
    public PhysicalBus bus() {
        return space;
    }

    /** The address space (tests). */
    public AddressSpace space() {
        return space;
    }

    @Override
    public FirmwareConsole firmwareConsole() {
        return sbi;
    }

    @Override
    public HartControl harts() {
        return harts;
    }

    @Override
    public boolean startsAllowed() {
        return state == GuestState.RUNNING && !resetting;
    }

    @Override
    public long bootArgument() {
        return bootArgument;
    }

    @Override
    public void vcpuStateChanged(VcpuImpl v, VcpuState s) {
        kernel.events().publish(new GuestEvent(GuestEvent.Type.VCPU_STATE, name, v.hartId(), s.name(), null,
                System.nanoTime()));
    }

    @Override
    public void vcpuFailed(VcpuImpl v, Throwable error) {
        LOG.error("{}: engine failed; the VCPU is halted", v.name(), error);
        kernel.events().publish(new GuestEvent(GuestEvent.Type.ERROR, name, v.hartId(), null,
                v.name() + ": engine failed: " + error, System.nanoTime()));
    }

    @Override
    public String toString() {
        return "guest " + name;
    }
}
