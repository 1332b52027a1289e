package hv.itest;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;

/** The hv commands run in a real Gogo session, as users and scripts meet them. */
class ShellSessionTest {

    @InjectService
    CommandProcessor processor;

    @Test
    void hvVersionNamesThePlatformJavaAndFramework() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CommandSession s = processor.createSession(InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err)) {
            String text = String.valueOf(s.execute("hv:version"));
            assertTrue(text.contains("hv "), text);
            assertTrue(text.contains(System.getProperty("java.version")), text);
            assertTrue(text.contains("host cpus"), text);
            assertTrue(text.contains("org.apache.felix.framework"), text);
        }
    }

    @Test
    void helpDescribesTheVersionCommand() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CommandSession s = processor.createSession(InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err)) {
            Object r = s.execute("help hv:version");
            String text = out.toString(StandardCharsets.UTF_8) + r;
            assertTrue(text.contains("show the hv platform version"), text);
        }
    }

    @Test
    void anUnknownCommandFails() throws Exception {
        try (CommandSession s = processor.createSession(InputStream.nullInputStream(), System.out, System.err)) {
            assertThrows(Exception.class, () -> s.execute("hv:no-such-command"));
        }
    }
}
