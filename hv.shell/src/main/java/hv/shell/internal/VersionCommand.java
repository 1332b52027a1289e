package hv.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import hv.core.platform.Platform;

/** {@code hv:version}: what is running, on what. */
@Component(service = VersionCommand.class, property = {
        "osgi.command.scope=hv",
        "osgi.command.function=version" })
public final class VersionCommand {

    private final Platform platform;
    private final BundleContext context;

    @Activate
    public VersionCommand(@Reference Platform platform, BundleContext context) {
        this.platform = platform;
        this.context = context;
    }

    @Descriptor("show the hv platform version, the Java runtime, the host CPUs and the OSGi framework")
    public String version() {
        Table t = new Table("item", "value");
        t.row("hv", platform.version());
        t.row("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")");
        t.row("host cpus", Integer.toString(platform.hostCpuCount()));
        t.row("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        t.row("framework", context.getProperty(Constants.FRAMEWORK_VENDOR) + " "
                + context.getBundle(0).getSymbolicName() + " " + context.getBundle(0).getVersion()
                + " (OSGi " + context.getProperty(Constants.FRAMEWORK_VERSION) + ")");
        t.row("started", platform.startedAt().toString());
        return t.toString();
    }
}
