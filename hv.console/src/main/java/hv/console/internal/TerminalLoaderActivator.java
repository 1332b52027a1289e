package hv.console.internal;

import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Lets Gogo's JLine shell find a real terminal.
 *
 * <p>JLine looks its terminal providers up through the thread context class loader. Gogo's shell
 * builds its terminal on the thread that starts the Gogo bundles, whose context loader (the
 * launcher's) cannot see JLine's provider files, so JLine falls back to a dumb terminal: no line
 * editing, history or completion. While a Gogo bundle starts, this listener makes JLine's own
 * bundle class loader the context loader of the starting thread, and restores the previous
 * one as soon as that bundle has started. Nothing else is touched.
 */
public final class TerminalLoaderActivator implements BundleActivator, SynchronousBundleListener {

    private static final Set<String> GOGO = Set.of("org.apache.felix.gogo.jline", "org.apache.felix.gogo.runtime");
    private static final String JLINE = "org.jline";

    private BundleContext context;
    private final ThreadLocal<ClassLoader> saved = new ThreadLocal<>();

    @Override
    public void start(BundleContext ctx) {
        this.context = ctx;
        ctx.addBundleListener(this);
    }

    @Override
    public void stop(BundleContext ctx) {
        ctx.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (!GOGO.contains(event.getBundle().getSymbolicName())) {
            return;
        }
        Thread t = Thread.currentThread();
        if (event.getType() == BundleEvent.STARTING) {
            ClassLoader jline = jlineLoader();
            if (jline != null) {
                saved.set(t.getContextClassLoader());
                t.setContextClassLoader(jline);
            }
        } else if (event.getType() == BundleEvent.STARTED && saved.get() != null) {
            t.setContextClassLoader(saved.get());
            saved.remove();
        }
    }

    private ClassLoader jlineLoader() {
        for (Bundle b : context.getBundles()) {
            if (JLINE.equals(b.getSymbolicName())) {
                BundleWiring w = b.adapt(BundleWiring.class);
                return w == null ? null : w.getClassLoader();
            }
        }
        return null;
    }
}
