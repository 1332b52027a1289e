package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.junit.jupiter.api.Test;

/** The help Gogo shows (the @Descriptor texts) names every sub-command each command really has. */
class DescriptorsTest {

    private final Fakes.FakeManager manager = new Fakes.FakeManager();
    private final Fakes.FakeScheduler scheduler = new Fakes.FakeScheduler();

    private List<Object> commands() {
        return List.of(new GuestCommand(manager), new VcpuCommand(manager, scheduler), new VserialCommand(manager),
                new DevtreeCommand(manager, (String) null), new HostCommand(manager, scheduler, new Fakes.FakeShmem()),
                new SchedCommand(scheduler), new ShmemCommand(new Fakes.FakeShmem()));
    }

    @Test
    void everyCommandAndParameterHasHelpListingItsSubCommands() throws Exception {
        for (Object c : commands()) {
            // the function is named after the class (GuestCommand: guest), as osgi.command.function says
            String function = c.getClass().getSimpleName().replace("Command", "").toLowerCase(java.util.Locale.ROOT);
            Method m = c.getClass().getMethod(function, CommandSession.class, String[].class);
            String help = m.getAnnotation(Descriptor.class).value();
            Parameter args = m.getParameters()[1];
            String argHelp = args.getAnnotation(Descriptor.class).value();
            SubCommands subs = (SubCommands) c.getClass().getDeclaredMethod("subCommands").invoke(c);
            for (String sub : subs.names()) {
                assertTrue(help.contains(sub), function + " help lacks " + sub + ": " + help);
                assertTrue(argHelp.contains(sub), function + " argument help lacks " + sub + ": " + argHelp);
            }
            assertTrue(help.contains("(hv:" + function + " help explains each"), help);
            assertNotNull(Arrays.stream(m.getParameterAnnotations()[1]).filter(a -> a instanceof Descriptor).findAny()
                    .orElse(null));
        }
    }
}
