package hv.boot.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.boot.internal.BootOptions.UsageException;
import hv.core.config.GuestConfigException;
import hv.core.guest.Guest;
import hv.core.guest.GuestConsole;
import hv.core.guest.GuestEvent;
import hv.core.guest.GuestExit;
import hv.core.guest.GuestListener;
import hv.core.guest.GuestManager;
import hv.core.guest.GuestState;
import hv.dt.DeviceTree;
import hv.dt.DtException;

/**
 * {@code ./hv boot}: when the framework property {@value #ARGS_FILE} names a file of NUL-separated
 * arguments, builds one guest (QEMU virt layout, or a full guest DT), connects its consoles to
 * standard input and output, kicks it, and exits the JVM when it stops:
 * {@value #EXIT_OK} normal power-off, {@value #EXIT_FAILURE} failure reported by the guest,
 * {@value #EXIT_USAGE} bad usage or configuration, {@value #EXIT_FAULT} unrecoverable VCPU fault,
 * {@value #EXIT_TIMEOUT} timeout.
 */
@Component(immediate = true)
public final class BootRunner {

    static final String ARGS_FILE = "hv.boot.argsfile";
    static final String GUEST_NAME = "boot";
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_FAULT = 3;
    static final int EXIT_TIMEOUT = 124;
    /** Ctrl-A then x leaves, as in QEMU's -nographic console. */
    static final int ESCAPE = 0x01;

    private static final Logger LOG = LoggerFactory.getLogger(BootRunner.class);

    private final Thread thread;

    @Activate
    public BootRunner(BundleContext context, @Reference GuestManager manager) {
        String argsFile = context.getProperty(ARGS_FILE);
        if (argsFile == null) {
            thread = null;
            return;
        }
        thread = new Thread(() -> {
            int code = run(context, manager, Path.of(argsFile), System.in, System.out, System.err);
            System.out.flush();
            System.err.flush();
            System.exit(code);
        }, "hv-boot");
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void deactivate() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    static List<String> readArgs(Path file) throws IOException {
        String all = Files.readString(file, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(Arrays.asList(all.split("\0", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    static int run(BundleContext context, GuestManager manager, Path argsFile, InputStream in, PrintStream out,
            PrintStream err) {
        BootOptions o;
        DeviceTree dt = null;
        try {
            o = BootOptions.parse(readArgs(argsFile));
            if (o.guest() == null) {
                dt = VirtLayout.guest(GUEST_NAME, o.smp(), o.memory(), o.clock());
                GuestDtAdditions.apply(dt, o);
            }
        } catch (UsageException e) {
            err.println(e.getMessage().startsWith("usage:") ? e.getMessage() : "hv boot: " + e.getMessage());
            return e.getMessage().startsWith("usage:") ? EXIT_OK : EXIT_USAGE;
        } catch (IOException | DtException e) {
            err.println("hv boot: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (o.printDt()) {
            out.println(dt != null ? dt.toDts() : "hv boot: --print-dt prints the generated guest DT; --guest names its own");
            return EXIT_OK;
        }
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Guest[] created = new Guest[1];
        ServiceRegistration<GuestListener> reg = context.registerService(GuestListener.class,
                e -> onEvent(e, created[0], done), null);
        Guest guest;
        try {
            if (dt != null) {
                guest = manager.create(dt, GUEST_NAME);
            } else {
                guest = manager.create(o.guest(), null);
            }
        } catch (GuestConfigException | DtException | IllegalArgumentException | IllegalStateException e) {
            reg.unregister();
            err.println("hv boot: " + e.getMessage());
            return EXIT_USAGE;
        }
        created[0] = guest;
        if (stopped(guest.state())) {
            onEvent(new GuestEvent(GuestEvent.Type.GUEST_STATE, guest.name(), -1, guest.state().name(), null, 0), guest, done);
        }
        try (ConsolePump pump = new ConsolePump(out)) {
            List<AutoCloseable> listeners = new ArrayList<>();
            for (GuestConsole c : guest.consoles()) {
                listeners.add(c.listen(pump::put));
            }
            GuestConsole input = inputConsole(guest);
            Thread reader = new Thread(() -> forwardInput(in, input, done), "hv-boot-console-in");
            reader.setDaemon(true);
            reader.start();
            guest.kick();
            int code = await(guest, done, o.timeoutSeconds(), err);
            for (AutoCloseable l : listeners) {
                try {
                    l.close();
                } catch (Exception e) {
                    LOG.debug("closing a console listener", e);
                }
            }
            pump.flush(2000);
            if (pump.dropped() > 0) {
                err.println("hv boot: " + pump.dropped() + " bytes of guest output were dropped (the terminal was too slow)");
            }
            return code;
        } finally {
            reg.unregister();
            manager.destroy(guest.name());
        }
    }

    private static int await(Guest guest, CompletableFuture<Integer> done, long timeoutSeconds, PrintStream err) {
        try {
            return timeoutSeconds > 0 ? done.get(timeoutSeconds, TimeUnit.SECONDS) : done.get();
        } catch (TimeoutException e) {
            err.println("\nhv boot: timeout after " + timeoutSeconds + " s; guest state " + guest.state());
            return EXIT_TIMEOUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAULT;
        } catch (java.util.concurrent.ExecutionException e) {
            err.println("hv boot: " + e.getCause());
            return EXIT_FAULT;
        }
    }

    static void onEvent(GuestEvent e, Guest guest, CompletableFuture<Integer> done) {
        if (guest == null || !guest.name().equals(e.guest()) || done.isDone()) {
            return;
        }
        if (e.type() == GuestEvent.Type.ERROR) {
            System.err.println("\nhv boot: " + e.detail());
            done.complete(EXIT_FAULT);
        } else if (e.type() == GuestEvent.Type.GUEST_STATE && GuestState.HALTED.name().equals(e.state())) {
            done.complete(guest.exit().map(BootRunner::exitCode).orElse(EXIT_FAULT));
        } else if (e.type() == GuestEvent.Type.DESTROYED) {
            done.complete(EXIT_FAULT);
        }
    }

    /** The UART's console takes keyboard input; the firmware (SBI) console only when there is no UART. */
    private static GuestConsole inputConsole(Guest guest) {
        for (GuestConsole c : guest.consoles()) {
            if (!c.name().endsWith("/sbi")) {
                return c;
            }
        }
        return guest.console();
    }

    private static void forwardInput(InputStream in, GuestConsole console, CompletableFuture<Integer> done) {
        byte[] buf = new byte[256];
        boolean escape = false;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xff;
                    if (escape) {
                        escape = false;
                        if (b == 'x') {
                            done.complete(EXIT_OK);
                            return;
                        }
                    } else if (b == ESCAPE) {
                        console.input(Arrays.copyOfRange(buf, start, i));
                        start = i + 1;
                        escape = true;
                    }
                }
                if (start < n) {
                    console.input(Arrays.copyOfRange(buf, start, n));
                }
            }
        } catch (IOException e) {
            LOG.debug("console input ended", e);
        }
    }

    /** Exit code for a guest that stopped. */
    static int exitCode(GuestExit exit) {
        return switch (exit.kind()) {
            case POWER_OFF -> EXIT_OK;
            case FAILURE -> EXIT_FAILURE;
            case FAULT -> EXIT_FAULT;
            case RESET -> EXIT_OK;
        };
    }

    static boolean stopped(GuestState s) {
        return s == GuestState.HALTED || s == GuestState.DESTROYED;
    }
}
