package hv.core.internal.mem;

import java.util.ArrayList;
import java.util.List;

/**
 * The host memory guests may use: a byte limit (from the host DT) shared by allocated RAM/ROM,
 * host-physical RAM/ROM and shared memory, plus the pool of "host physical" memory that Xvisor's
 * {@code ram}/{@code rom} regions name by {@code host_physical_addr}: two regions naming the same
 * host range share its bytes. Thread safe.
 */
public final class HostMemory {

    /** A mapped window of backing memory; {@link #release()} gives it back once. */
    public interface Lease {
        Backing backing();

        long offset();

        void release();
    }

    private final long limit;
    private long used;
    private final List<PhysicalRange> physical = new ArrayList<>();

    private static final class PhysicalRange {
        final long hpa;
        final long size;
        final Backing backing;
        int users;

        PhysicalRange(long hpa, long size, Backing backing) {
            this.hpa = hpa;
            this.size = size;
            this.backing = backing;
        }
    }

    public HostMemory(long limit) {
        this.limit = limit;
    }

    public synchronized long limit() {
        return limit;
    }

    public synchronized long used() {
        return used;
    }

    /**
     * Reserves {@code bytes} against the limit.
     *
     * @throws IllegalStateException naming {@code what} when the limit would be exceeded
     */
    public synchronized void reserve(long bytes, String what) {
        if (bytes < 0 || bytes > limit - used) {
            throw new IllegalStateException(String.format(
                    "%s needs %d MiB of host memory; %d MiB of the %d MiB limit are free (host DT hv,memory-limit)",
                    what, mb(bytes), mb(limit - used), mb(limit)));
        }
        used += bytes;
    }

    private static long mb(long b) {
        return (b + (1 << 20) - 1) >> 20;
    }

    /** Gives back {@code bytes}. */
    public synchronized void release(long bytes) {
        used = Math.max(0, used - bytes);
    }

    /** Allocates {@code size} zeroed bytes counted against the limit. */
    public Lease allocate(long size, String what) {
        reserve(size, what);
        try {
            Backing b = Backing.allocate(size);
            return lease(b, 0, () -> release(size));
        } catch (OutOfMemoryError e) {
            release(size);
            throw new IllegalStateException(what + ": the JVM heap cannot hold " + mb(size) + " MiB more (raise -Xmx)");
        }
    }

    /**
     * Maps host physical range {@code [hpa, hpa + size)}: a range inside an existing one shares its
     * bytes; a new range is allocated; a partial overlap is refused.
     */
    public synchronized Lease mapPhysical(long hpa, long size, String what) {
        for (PhysicalRange r : physical) {
            long rel = hpa - r.hpa;
            boolean inside = Long.compareUnsigned(rel, r.size) < 0 && size <= r.size - rel;
            boolean disjoint = Long.compareUnsigned(hpa + size - 1, r.hpa) < 0
                    || Long.compareUnsigned(r.hpa + r.size - 1, hpa) < 0;
            if (inside) {
                r.users++;
                return lease(r.backing, rel, () -> unmapPhysical(r));
            }
            if (!disjoint) {
                throw new IllegalStateException(String.format(
                        "%s: host range [0x%x, +0x%x) partly overlaps host range [0x%x, +0x%x) in use", what, hpa, size,
                        r.hpa, r.size));
            }
        }
        reserve(size, what);
        PhysicalRange r = new PhysicalRange(hpa, size, Backing.allocate(size));
        r.users = 1;
        physical.add(r);
        return lease(r.backing, 0, () -> unmapPhysical(r));
    }

    private synchronized void unmapPhysical(PhysicalRange r) {
        if (--r.users == 0) {
            physical.remove(r);
            release(r.size);
        }
    }

    private static Lease lease(Backing b, long off, Runnable onRelease) {
        return new Lease() {
            private boolean released;

            @Override
            public Backing backing() {
                return b;
            }

            @Override
            public long offset() {
                return off;
            }

            @Override
            public synchronized void release() {
                if (!released) {
                    released = true;
                    onRelease.run();
                }
            }
        };
    }
}
