package hv.core.internal.emu;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.config.GuestConfigException;
import hv.core.config.RegionConfig;
import hv.core.emu.Emulator;
import hv.core.internal.mem.DeviceBackend;
import hv.core.mem.BusFault;
import hv.core.state.SavedState;

/**
 * Where one device region's emulator lives, and how it is swapped.
 *
 * <p>Accesses (VCPU MMIO, timer callbacks, interrupt deliveries) hold the read lock; attach, detach,
 * reset and close hold the write lock, so none of them ever overlaps an access. A VCPU that finds no
 * instance (waiting for a first factory, or detached after its factory left) waits, up to the
 * guest's emulator timeout, and then takes {@link BusFault.Kind#DETACHED}.
 */
public final class EmulatorSlot implements DeviceBackend {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorSlot.class);

    /** Where the slot stands. */
    public enum Status { WAITING, ATTACHED, DETACHED, FAILED, CLOSED }

    private final EmulatorHost host;
    private final RegionConfig region;
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final Object monitor = new Object();
    private final RateLimit errors = new RateLimit(10);
    private volatile Emulator instance;
    private volatile int widths;
    private volatile Status status = Status.WAITING;
    private EmulatorContextImpl context;
    private EmulatorRegistry.FactoryRef factory;
    private SavedState saved;

    public EmulatorSlot(EmulatorHost host, RegionConfig region) {
        this.host = host;
        this.region = region;
    }

    public RegionConfig region() {
        return region;
    }

    public EmulatorHost host() {
        return host;
    }

    public Status status() {
        return status;
    }

    /** The factory serving the slot now, or null. */
    EmulatorRegistry.FactoryRef factory() {
        rw.readLock().lock();
        try {
            return factory;
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Class name of the current instance, or null. */
    public String backing() {
        Emulator e = instance;
        return e == null ? null : e.getClass().getName();
    }

    // ---- accesses

    @Override
    public long read(long offset, int size, long gpa) {
        Emulator e = acquire(gpa);
        try {
            if ((widths & size) == 0) {
                throw widthFault(gpa, size);
            }
            return e.read(offset, size);
        } catch (BusFault f) {
            throw f;
        } catch (RuntimeException | LinkageError ex) {
            throw deviceError(gpa, ex);
        } finally {
            rw.readLock().unlock();
        }
    }

    @Override
    public void write(long offset, int size, long value, long gpa) {
        Emulator e = acquire(gpa);
        try {
            if ((widths & size) == 0) {
                throw widthFault(gpa, size);
            }
            e.write(offset, size, value);
        } catch (BusFault f) {
            throw f;
        } catch (RuntimeException | LinkageError ex) {
            throw deviceError(gpa, ex);
        } finally {
            rw.readLock().unlock();
        }
    }

    private BusFault widthFault(long gpa, int size) {
        return new BusFault(BusFault.Kind.WIDTH, gpa, String.format("%d-byte access at 0x%x: %s serves widths mask %d",
                size, gpa, region.name(), widths));
    }

    private BusFault deviceError(long gpa, Throwable ex) {
        if (errors.allow()) {
            LOG.warn("{}/{}: emulator failed on an access at 0x{}", host.guestName(), region.name(),
                    Long.toHexString(gpa), ex);
        }
        return new BusFault(BusFault.Kind.UNMAPPED, gpa, region.name() + ": device error: " + ex);
    }

    /** Returns the instance with the read lock held; waits while there is none. */
    private Emulator acquire(long gpa) {
        long deadline = 0;
        while (true) {
            rw.readLock().lock();
            Emulator e = instance;
            if (e != null) {
                return e;
            }
            rw.readLock().unlock();
            if (deadline == 0) {
                deadline = System.nanoTime() + host.emulatorTimeoutNanos();
            }
            synchronized (monitor) {
                while (instance == null) {
                    long left = deadline - System.nanoTime();
                    if (status == Status.CLOSED || left <= 0) {
                        throw new BusFault(BusFault.Kind.DETACHED, gpa, String.format(
                                "0x%x: device %s (%s) has no emulator (%s)", gpa, region.name(), region.compatible(),
                                status.name().toLowerCase()));
                    }
                    try {
                        monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new BusFault(BusFault.Kind.DETACHED, gpa, region.name() + ": interrupted while detached");
                    }
                }
            }
        }
    }

    /** Runs {@code action} for {@code ctx}'s instance under the read lock; false when that instance is gone. */
    boolean runGuarded(EmulatorContextImpl ctx, Runnable action) {
        rw.readLock().lock();
        try {
            if (context != ctx || ctx.closed()) {
                return false;
            }
            try {
                action.run();
            } catch (RuntimeException | LinkageError ex) {
                if (errors.allow()) {
                    LOG.warn("{}/{}: emulator callback failed", host.guestName(), region.name(), ex);
                }
            }
            return true;
        } finally {
            rw.readLock().unlock();
        }
    }

    // ---- swapping

    /**
     * Creates an instance with {@code f} (restoring the saved state if there is one) unless attached.
     *
     * @param building true while the guest is being created: failures throw instead of pausing it
     */
    void attach(EmulatorRegistry.FactoryRef f, boolean building) {
        EmulatorContextImpl ctx;
        rw.writeLock().lock();
        try {
            if (status == Status.ATTACHED || status == Status.CLOSED) {
                return;
            }
            ctx = new EmulatorContextImpl(host, region, this);
            Emulator e;
            try {
                e = f.factory().create(ctx);
                if (e == null) {
                    throw new IllegalArgumentException("factory returned no emulator");
                }
            } catch (RuntimeException | LinkageError ex) {
                ctx.close();
                String msg = "emulator for " + region.compatible() + " refused the region: " + ex.getMessage();
                if (building) {
                    throw new GuestConfigException(region.path(), "compatible", msg, ex);
                }
                status = Status.FAILED;
                fail(msg);
                return;
            }
            if (saved != null) {
                try {
                    e.restore(saved);
                    saved = null;
                } catch (RuntimeException | LinkageError ex) {
                    ctx.close();
                    closeQuietly(e);
                    status = Status.FAILED;
                    fail("could not restore " + region.name() + " (" + saved.type() + " v" + saved.version() + "): "
                            + ex.getMessage());
                    return;
                }
            }
            widths = e.accessWidths();
            context = ctx;
            factory = f;
            instance = e;
            status = Status.ATTACHED;
        } finally {
            rw.writeLock().unlock();
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
        ctx.replayIrqs();
        host.regionChanged(this, true);
    }

    private void fail(String msg) {
        LOG.error("{}/{}: {}", host.guestName(), region.name(), msg);
        host.emulatorFailed(this, msg);
    }

    /** Saves and closes the instance (its factory is leaving); VCPUs touching the region will wait. */
    void detach() {
        rw.writeLock().lock();
        try {
            if (status != Status.ATTACHED) {
                return;
            }
            Emulator e = instance;
            instance = null;
            try {
                saved = e.save();
            } catch (RuntimeException | LinkageError ex) {
                saved = null;
                LOG.error("{}/{}: save failed; the next emulator starts from reset", host.guestName(), region.name(), ex);
            }
            context.close();
            closeQuietly(e);
            context = null;
            factory = null;
            status = Status.DETACHED;
        } finally {
            rw.writeLock().unlock();
        }
        host.regionChanged(this, false);
    }

    /** Guest reset: the instance resets; a detached region forgets its saved state. */
    public void reset() {
        rw.writeLock().lock();
        try {
            Emulator e = instance;
            if (e != null) {
                try {
                    e.reset();
                } catch (RuntimeException | LinkageError ex) {
                    LOG.warn("{}/{}: reset failed", host.guestName(), region.name(), ex);
                }
            } else {
                saved = null;
            }
        } finally {
            rw.writeLock().unlock();
        }
    }

    /** Guest destroy: closes the instance; waiting VCPUs fault. */
    public void close() {
        rw.writeLock().lock();
        try {
            Emulator e = instance;
            instance = null;
            if (context != null) {
                context.close();
                context = null;
            }
            if (e != null) {
                closeQuietly(e);
            }
            factory = null;
            saved = null;
            status = Status.CLOSED;
        } finally {
            rw.writeLock().unlock();
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Saves the attached instance's state without detaching it (snapshots, tests); null when none. */
    public SavedState snapshot() {
        rw.writeLock().lock();
        try {
            Emulator e = instance;
            return e == null ? saved : e.save();
        } finally {
            rw.writeLock().unlock();
        }
    }

    private void closeQuietly(Emulator e) {
        try {
            e.close();
        } catch (RuntimeException | LinkageError ex) {
            LOG.warn("{}/{}: close failed", host.guestName(), region.name(), ex);
        }
    }
}
