package hv.itest.shell;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

import hv.core.guest.Guest;
import hv.core.guest.GuestManager;
import hv.core.vcpu.VcpuEngineFactory;

/**
 * What every shell test needs: a Gogo session, the counter VCPU engine registered (guests run
 * without the RISC-V engine), guest DT files, and no guest left behind.
 */
abstract class ShellTestBase {

    @InjectService
    CommandProcessor processor;

    @InjectService
    GuestManager guests;

    @InjectBundleContext
    BundleContext context;

    @TempDir
    Path dir;

    Shell shell;

    @BeforeEach
    void registerEngineAndOpenSession() {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(VcpuEngineFactory.COMPATIBLE, CounterEngine.COMPATIBLE);
        context.registerService(VcpuEngineFactory.class, CounterEngine.FACTORY, props);
        shell = new Shell(processor);
    }

    @AfterEach
    void destroyGuestsAndCloseSession() {
        shell.close();
        for (Guest g : guests.list()) {
            g.destroy();
        }
    }

    /** Creates a guest through the shell. */
    Guest create(String name, int vcpus) {
        shell.run("hv:guest create " + Shell.guestDt(dir, name, vcpus) + " " + name);
        return guests.find(name).orElseThrow();
    }

    /** Creates and kicks a guest, and waits for its greeting on the firmware console. */
    Guest started(String name, int vcpus) {
        Guest g = create(name, vcpus);
        shell.run("hv:guest kick " + name);
        Shell.await(name + " greeting", () -> g.console().outputText().contains("hello from " + name + "/0\n"));
        return g;
    }
}
