package hv.console.internal;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Script mode of the platform console: when the framework property {@value #MODE_PROPERTY} is
 * {@value #MODE_SCRIPT} (set by {@code ./hv run} when standard input is not a terminal), reads Gogo
 * commands from standard input once the framework has started, prints their results, reports a
 * failing command with a one-line message on standard error, and at end of input exits the JVM:
 * 0 when every command succeeded, 1 otherwise.
 */
@Component(immediate = true)
public final class ScriptConsole {

    static final String MODE_PROPERTY = "hv.console";
    static final String MODE_SCRIPT = "script";

    private static final Logger LOG = LoggerFactory.getLogger(ScriptConsole.class);

    private static final String LAUNCHER_READY = "launcher.ready";
    private static final long READY_TIMEOUT_MS = 30_000;

    private final Thread thread;

    @Activate
    public ScriptConsole(BundleContext context, @Reference CommandProcessor processor) {
        if (!MODE_SCRIPT.equals(context.getProperty(MODE_PROPERTY))) {
            thread = null;
            return;
        }
        thread = new Thread(() -> {
            if (!awaitPlatformStarted(context)) {
                return;
            }
            int failures = run(processor, System.in, System.out, System.err);
            System.out.flush();
            System.err.flush();
            System.exit(failures == 0 ? 0 : 1);
        }, "hv-script-console");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until every bundle of the platform has been started. The bnd launcher starts the
     * framework first and the bundles afterwards, then registers a service with
     * {@value #LAUNCHER_READY}; other launchers are given {@link #READY_TIMEOUT_MS} at most.
     */
    private static boolean awaitPlatformStarted(BundleContext context) {
        long end = System.currentTimeMillis() + READY_TIMEOUT_MS;
        try {
            while (System.currentTimeMillis() < end) {
                if (context.getServiceReferences((String) null, "(" + LAUNCHER_READY + "=true)") != null) {
                    return true;
                }
                Thread.sleep(10);
            }
            LOG.warn("no '{}' service after {} ms: running the script anyway", LAUNCHER_READY, READY_TIMEOUT_MS);
            return true;
        } catch (InterruptedException | IllegalStateException e) {
            return false;
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Deactivate
    void deactivate() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Runs every command line of {@code in}; returns how many failed. */
    static int run(CommandProcessor processor, InputStream in, PrintStream out, PrintStream err) {
        int failures = 0;
        int lineNo = 0;
        try (CommandSession session = processor.createSession(InputStream.nullInputStream(), out, err);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            // Felix's commands first: Gogo's own `help` needs an interactive line reader.
            session.put("SCOPE", "felix:*");
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                String cmd = line.strip();
                if (cmd.isEmpty() || cmd.startsWith("#")) {
                    continue;
                }
                try {
                    Object result = session.execute(cmd);
                    if (result != null) {
                        CharSequence text = session.format(result, Converter.INSPECT);
                        if (text != null && !text.toString().isBlank()) {
                            out.println(text);
                        }
                    }
                    out.flush();
                } catch (Exception e) {
                    failures++;
                    out.flush();
                    err.println("error: line " + lineNo + ": " + cmd + ": " + CommandErrors.describe(cmd, e));
                    err.flush();
                    LOG.debug("command failed: {}", cmd, e);
                }
            }
        } catch (Exception e) {
            failures++;
            err.println("error: reading commands: " + e.getMessage());
        }
        return failures;
    }
}
