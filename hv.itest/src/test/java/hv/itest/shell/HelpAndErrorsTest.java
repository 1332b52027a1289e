package hv.itest.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Every hv command has help; mistakes give one line and no stack trace; Felix's own commands stay. */
class HelpAndErrorsTest extends ShellTestBase {

    static final String[] COMMANDS = { "guest", "vcpu", "vserial", "devtree", "host", "sched", "shmem" };

    @Test
    void helpDescribesEveryCommandAndItsArguments() throws Exception {
        for (String c : COMMANDS) {
            Shell s = new Shell(processor);
            Object r = s.session.execute("help hv:" + c);
            String text = s.output() + (r == null ? "" : r);
            assertTrue(text.contains(c + " - "), text);
            assertTrue(text.contains("scope: hv"), text);
            assertTrue(text.contains("a sub-command ("), text);
            s.close();
            String usage = shell.run("hv:" + c);
            assertTrue(usage.startsWith("hv:" + c + ": "), usage);
            assertTrue(usage.contains("\nusage: hv:" + c + " SUB-COMMAND [ARGUMENTS]\n"), usage);
        }
    }

    @Test
    void everyCommandAnswersAnUnknownSubCommandWithOneLine() {
        for (String c : COMMANDS) {
            Exception e = shell.failure("hv:" + c + " bogus");
            assertTrue(e.getMessage().startsWith("unknown sub-command 'bogus': expected one of "), e.getMessage());
            assertTrue(e.getMessage().endsWith("(see hv:" + c + " help)"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertEquals(e.getMessage(), e.toString(), "Gogo prints toString(): no class name");
            assertTrue(e instanceof IllegalArgumentException, "the script console prints the message alone");
        }
        assertTrue(shell.output().isEmpty());
        assertTrue(shell.err.toString(StandardCharsets.UTF_8).isEmpty());
    }

    @Test
    void felixCommandsStayAvailable() {
        String lb = shell.run("lb");
        assertTrue(lb.contains("hv shell commands"), lb);
        assertTrue(shell.run("felix:lb -s").contains("hv.shell"));
    }
}
