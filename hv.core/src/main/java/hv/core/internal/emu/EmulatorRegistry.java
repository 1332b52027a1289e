package hv.core.internal.emu;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.config.GuestConfigException;
import hv.core.config.MissingEmulator;
import hv.core.emu.EmulatorFactory;

/**
 * The emulator factories present (the whiteboard) and every device slot of every guest. Matches a
 * region's {@code compatible} list in order against the factories (highest ranking first); attaches
 * waiting slots when a factory appears; saves, closes and re-homes slots when one leaves. All
 * changes are serialised by one lock that VCPU paths never take.
 */
public final class EmulatorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorRegistry.class);

    /** A factory as registered. */
    public record FactoryRef(EmulatorFactory factory, List<String> compatible, int ranking, long order) {
    }

    private final ReentrantLock ops = new ReentrantLock();
    private final List<FactoryRef> factories = new ArrayList<>();
    private final Set<EmulatorSlot> slots = new LinkedHashSet<>();
    private long order;

    /** A factory service appeared: waiting, detached and failed slots it serves get an instance. */
    public void add(EmulatorFactory factory, List<String> compatible, int ranking) {
        ops.lock();
        try {
            FactoryRef ref = new FactoryRef(factory, List.copyOf(compatible), ranking, order++);
            factories.add(ref);
            LOG.debug("emulator factory for {} added", compatible);
            for (EmulatorSlot s : List.copyOf(slots)) {
                EmulatorSlot.Status st = s.status();
                if (st == EmulatorSlot.Status.ATTACHED || st == EmulatorSlot.Status.CLOSED) {
                    continue;
                }
                FactoryRef m = match(s.region().compatible());
                if (m != null) {
                    s.attach(m, false);
                }
            }
        } finally {
            ops.unlock();
        }
    }

    /**
     * A factory service is leaving: every instance it made is saved and closed before this returns;
     * a slot another factory serves moves there at once (state handed over), others wait.
     */
    public void remove(EmulatorFactory factory) {
        ops.lock();
        try {
            FactoryRef gone = null;
            for (FactoryRef r : factories) {
                if (r.factory() == factory) {
                    gone = r;
                }
            }
            if (gone == null) {
                return;
            }
            factories.remove(gone);
            for (EmulatorSlot s : List.copyOf(slots)) {
                if (s.factory() == gone) {
                    s.detach();
                    FactoryRef m = match(s.region().compatible());
                    if (m != null) {
                        s.attach(m, false);
                    }
                }
            }
        } finally {
            ops.unlock();
        }
    }

    /** The best factory for a {@code compatible} list, or null. */
    FactoryRef match(List<String> compatible) {
        for (String c : compatible) {
            FactoryRef best = null;
            for (FactoryRef r : factories) {
                if (r.compatible().contains(c) && (best == null || r.ranking() > best.ranking()
                        || r.ranking() == best.ranking() && r.order() < best.order())) {
                    best = r;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    /** True when some factory serves one of these strings. */
    public boolean serves(List<String> compatible) {
        ops.lock();
        try {
            return match(compatible) != null;
        } finally {
            ops.unlock();
        }
    }

    /**
     * Registers the slots of a guest being built and attaches those a factory serves.
     *
     * @throws GuestConfigException when a factory refuses its region, or none serves a region whose
     *         policy is {@link MissingEmulator#FAIL}; nothing stays registered then
     */
    public void register(List<EmulatorSlot> guestSlots, java.util.function.Function<EmulatorSlot, MissingEmulator> policy) {
        ops.lock();
        try {
            for (EmulatorSlot s : guestSlots) {
                if (match(s.region().compatible()) == null && policy.apply(s) == MissingEmulator.FAIL) {
                    throw new GuestConfigException(s.region().path(), "compatible", "no emulator serves "
                            + s.region().compatible() + " (hv,missing-emulator = \"fail\")");
                }
            }
            slots.addAll(guestSlots);
            try {
                for (EmulatorSlot s : guestSlots) {
                    FactoryRef m = match(s.region().compatible());
                    if (m != null) {
                        s.attach(m, true);
                    }
                }
            } catch (RuntimeException e) {
                unregisterLocked(guestSlots);
                throw e;
            }
        } finally {
            ops.unlock();
        }
    }

    /** Closes and forgets a guest's slots. */
    public void unregister(List<EmulatorSlot> guestSlots) {
        ops.lock();
        try {
            unregisterLocked(guestSlots);
        } finally {
            ops.unlock();
        }
    }

    private void unregisterLocked(List<EmulatorSlot> guestSlots) {
        for (EmulatorSlot s : guestSlots) {
            slots.remove(s);
            s.close();
        }
    }

    /** Compatible strings of every factory present. */
    public List<List<String>> factories() {
        ops.lock();
        try {
            List<List<String>> out = new ArrayList<>();
            for (FactoryRef r : factories) {
                out.add(r.compatible());
            }
            return out;
        } finally {
            ops.unlock();
        }
    }
}
