package hv.core.internal.guest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.config.GuestConfigException;
import hv.core.internal.vcpu.VcpuImpl;
import hv.core.state.SavedState;
import hv.core.vcpu.VcpuEngine;
import hv.core.vcpu.VcpuEngineFactory;

/**
 * VCPU engine factories (the whiteboard) and which VCPU uses which. When a factory leaves, its
 * engines are saved at a slice boundary and dropped before the unbind returns; the VCPUs wait
 * (READY but not runnable) until a factory for their {@code compatible} returns and restores them.
 */
public final class EngineRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRegistry.class);

    private static final class Binding {
        Matcher.Ref<VcpuEngineFactory> ref;
        SavedState saved;
    }

    private final ReentrantLock ops = new ReentrantLock();
    private final Matcher<VcpuEngineFactory> factories = new Matcher<>();
    private final Map<VcpuImpl, Binding> bindings = new LinkedHashMap<>();

    public void add(VcpuEngineFactory f, List<String> compatible, int ranking) {
        ops.lock();
        try {
            factories.add(f, compatible, ranking);
            for (Map.Entry<VcpuImpl, Binding> e : bindings.entrySet()) {
                if (e.getValue().ref == null) {
                    reattach(e.getKey(), e.getValue());
                }
            }
        } finally {
            ops.unlock();
        }
    }

    public void remove(VcpuEngineFactory f) {
        ops.lock();
        try {
            Matcher.Ref<VcpuEngineFactory> gone = factories.remove(f);
            if (gone == null) {
                return;
            }
            for (Map.Entry<VcpuImpl, Binding> e : bindings.entrySet()) {
                Binding b = e.getValue();
                if (b.ref == gone) {
                    try {
                        b.saved = e.getKey().detachEngine();
                    } catch (RuntimeException | LinkageError ex) {
                        LOG.error("{}: engine save failed; the VCPU restarts from its reset state", e.getKey().name(), ex);
                        b.saved = null;
                    }
                    b.ref = null;
                    reattach(e.getKey(), b);
                }
            }
        } finally {
            ops.unlock();
        }
    }

    private void reattach(VcpuImpl v, Binding b) {
        Matcher.Ref<VcpuEngineFactory> m = factories.match(v.config().compatible());
        if (m == null) {
            return;
        }
        try {
            VcpuEngine engine = m.service().create(v.context());
            if (b.saved != null) {
                engine.restore(b.saved);
                b.saved = null;
            }
            b.ref = m;
            v.attachEngine(engine);
        } catch (RuntimeException | LinkageError ex) {
            LOG.error("{}: new engine could not take over: {}", v.name(), ex.toString());
        }
    }

    public boolean serves(List<String> compatible) {
        ops.lock();
        try {
            return factories.match(compatible) != null;
        } finally {
            ops.unlock();
        }
    }

    /**
     * Creates and attaches engines for a guest being built.
     *
     * @throws GuestConfigException when no factory serves a VCPU or a factory refuses it
     */
    public void bind(List<VcpuImpl> vcpus) {
        ops.lock();
        try {
            for (VcpuImpl v : vcpus) {
                Matcher.Ref<VcpuEngineFactory> m = factories.match(v.config().compatible());
                if (m == null) {
                    throw new GuestConfigException(v.config().path(), "compatible", "no VCPU engine serves "
                            + v.config().compatible() + " (is the ISA bundle, e.g. hv.arch.riscv, running?)");
                }
            }
            for (VcpuImpl v : vcpus) {
                Matcher.Ref<VcpuEngineFactory> m = factories.match(v.config().compatible());
                VcpuEngine e;
                try {
                    e = m.service().create(v.context());
                } catch (IllegalArgumentException ex) {
                    unbindLocked(vcpus);
                    throw new GuestConfigException(v.config().path(), null, ex.getMessage(), ex);
                }
                Binding b = new Binding();
                b.ref = m;
                bindings.put(v, b);
                v.attachEngine(e);
            }
        } finally {
            ops.unlock();
        }
    }

    public void unbind(List<VcpuImpl> vcpus) {
        ops.lock();
        try {
            unbindLocked(vcpus);
        } finally {
            ops.unlock();
        }
    }

    private void unbindLocked(List<VcpuImpl> vcpus) {
        for (VcpuImpl v : vcpus) {
            bindings.remove(v);
        }
    }
}
