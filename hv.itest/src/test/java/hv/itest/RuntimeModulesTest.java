package hv.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * Bundles are runtime-loadable modules: one installed while the platform runs activates its DS
 * components; stopped and uninstalled, its components deactivate and its services go away.
 */
class RuntimeModulesTest {

    private static final String SHELL = "hv.shell";
    private static final String VERSION_COMPONENT = "hv.shell.internal.VersionCommand";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ServiceComponentRuntime scr;

    @Test
    void aBundleInstalledAtRunTimeActivatesItsComponentsAndUninstallingItDeactivatesThem() throws Exception {
        Bundle shell = bundle(SHELL);
        assertNotNull(shell, "hv.shell is part of the runtime");
        String location = shell.getLocation();
        awaitComponentState(shell, VERSION_COMPONENT, ComponentConfigurationDTO.ACTIVE | ComponentConfigurationDTO.SATISFIED);
        assertTrue(hasVersionCommand(), "hv:version is registered while hv.shell runs");

        shell.stop();
        assertNull(scr.getComponentDescriptionDTO(shell, VERSION_COMPONENT), "a stopped bundle has no active components");
        assertTrue(!hasVersionCommand(), "hv:version is gone once hv.shell stops");
        shell.uninstall();
        assertNull(bundle(SHELL), "hv.shell is uninstalled");

        // Through the framework's own context: osgi-test uninstalls what the injected context installs.
        Bundle again = context.getBundle(0).getBundleContext().installBundle(location);
        try {
            again.start();
            awaitComponentState(again, VERSION_COMPONENT,
                    ComponentConfigurationDTO.ACTIVE | ComponentConfigurationDTO.SATISFIED);
            assertTrue(hasVersionCommand(), "hv:version is back once hv.shell is installed again");
        } finally {
            assertEquals(Bundle.ACTIVE, again.getState(), "the reinstalled bundle is active");
        }
    }

    private boolean hasVersionCommand() throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                "(&(osgi.command.scope=hv)(osgi.command.function=version))");
        return refs != null && refs.length > 0;
    }

    private Bundle bundle(String bsn) {
        return Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    private void awaitComponentState(Bundle b, String name, int states) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            ComponentDescriptionDTO d = scr.getComponentDescriptionDTO(b, name);
            if (d != null && scr.getComponentConfigurationDTOs(d).stream().anyMatch(c -> (c.state & states) != 0)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("component " + name + " of " + b.getSymbolicName() + " did not reach state " + states);
    }
}
