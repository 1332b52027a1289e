package hv.itest.shell;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/** A Gogo session for one test, and guest DTs to create test guests from. */
final class Shell implements AutoCloseable {

    static final long RAM = 0x8000_0000L;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final CommandSession session;

    Shell(CommandProcessor processor) {
        this(processor, InputStream.nullInputStream());
    }

    Shell(CommandProcessor processor, InputStream keyboard) {
        session = processor.createSession(keyboard, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Runs a command line that must succeed; returns its result as Gogo formats it. */
    String run(String line) {
        try {
            Object r = session.execute(line);
            return r == null ? "" : String.valueOf(session.format(r, Converter.INSPECT));
        } catch (Exception e) {
            throw new AssertionError(line + " failed: " + e, e);
        }
    }

    /** Runs a command line that must fail; returns the exception (what the consoles print). */
    Exception failure(String line) {
        try {
            Object r = session.execute(line);
            return fail(line + " should fail, gave: " + r);
        } catch (Exception e) {
            return e;
        }
    }

    /** The message a failing command line gives. */
    String error(String line) {
        Exception e = failure(line);
        assertNotNull(e.getMessage(), line);
        return e.getMessage();
    }

    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        session.close();
    }

    /** A guest DT: VCPUs of the counter engine, 1 MiB of RAM at {@link #RAM}, a UART without emulator. */
    static Path guestDt(Path dir, String name, int vcpus) {
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < vcpus; i++) {
            v.append("  vcpu").append(i).append(" { device_type = \"vcpu\"; compatible = \"")
                    .append(CounterEngine.COMPATIBLE).append("\"; start_pc = <0x0 0x80000000>; priority = <")
                    .append(3 + i).append(">; };\n");
        }
        String dts = "/dts-v1/;\n/ {\n device_type = \"guest\";\n model = \"shell test\";\n"
                + " aliases { mem0 = &MEM0; };\n vcpus {\n" + v + " };\n"
                + " aspace {\n  guest_irq_count = <32>;\n"
                + "  uart0 { manifest_type = \"virtual\"; address_type = \"memory\"; device_type = \"serial\";"
                + " compatible = \"test,no-such-uart\"; guest_physical_addr = <0x0 0x10000000>;"
                + " physical_size = <0x0 0x100>; interrupts = <10>; };\n"
                + "  MEM0: mem0 { manifest_type = \"real\"; address_type = \"memory\"; device_type = \"alloced_ram\";"
                + " guest_physical_addr = <0x0 0x80000000>; physical_size = <0x0 0x100000>; };\n"
                + " };\n};\n";
        try {
            Path f = dir.resolve(name + ".dts");
            Files.writeString(f, dts);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to 30 s (a loaded CI machine) for {@code condition}; returns as soon as it holds. */
    static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
