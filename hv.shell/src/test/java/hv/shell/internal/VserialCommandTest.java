package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import hv.core.guest.GuestState;

class VserialCommandTest {

    private final Fakes.FakeManager manager = new Fakes.FakeManager();
    private final VserialCommand cmd = new VserialCommand(manager);
    private final Fakes.FakeGuest g0 = Fakes.guest("g0", 1);
    private final Fakes.FakeConsole sbi = (Fakes.FakeConsole) g0.console();

    VserialCommandTest() {
        manager.add(g0);
    }

    private Object run(String line) {
        return cmd.vserial(null, line.split(" "));
    }

    private String error(String line) {
        return assertThrows(ShellException.class, () -> run(line)).getMessage();
    }

    @Test
    void dumpShowsTextWithoutEscapeSequencesOrCarriageReturns() {
        sbi.write("\u001b[1;32mOK\u001b[0m boot\r\nlogin: \u0007\u007f\r\n\r\n");
        assertEquals("OK boot\nlogin: ^G^?", run("dump g0"));
        assertEquals("login: ^G^?", run("dump g0/sbi 13"));
        assertEquals("(g1/sbi has written nothing yet)", new VserialCommand(new Fakes.FakeManager()
                .add(Fakes.guest("g1", 1))).vserial(null, "dump", "g1"));
        assertEquals("guest g0 has no console 'uart1': its consoles are g0/sbi", error("dump g0/uart1"));
        assertEquals("BYTES 'lots' is not a size: expected bytes (4096, 0x1000) or 4K, 2M, 1G", error("dump g0 lots"));
    }

    @Test
    void theDefaultConsoleIsTheFirstDeviceConsoleElseTheFirmwareOne() {
        assertEquals("g0/sbi", Targets.console(manager, "g0").console().name());
        Fakes.FakeConsole uart = new Fakes.FakeConsole("g0/uart0");
        g0.consoles.add(uart);
        assertEquals("g0/uart0", Targets.console(manager, "g0").console().name());
        assertEquals("g0/sbi", Targets.console(manager, "g0/sbi").console().name());
    }

    @Test
    void listShowsEveryConsole() {
        sbi.write("hello\n");
        assertEquals("""
                vserial  guest  state  output  bound  served
                -------  -----  -----  ------  -----  ------
                g0/sbi   g0     RESET  6 B     0      -""", run("list"));
    }

    /** Keys from a fixed string, then the end of input. */
    private static KeySource keys(String typed) {
        return KeySource.of(new ByteArrayInputStream(Fakes.bytes(typed)), "test");
    }

    @Test
    void bindForwardsKeysUntilTheEscapeAndCopiesOutput() throws Exception {
        sbi.write("old output is not repeated\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String why;
        try (KeySource k = keys("ls\r\u001dqafter")) {
            sbi.write("new\n");
            why = VserialCommand.pump(g0, sbi, k, new PrintStream(out, true, StandardCharsets.UTF_8));
        }
        assertEquals(null, why, "the escape ends without a reason");
        assertEquals("ls\r", sbi.input(), "the escape and what follows stay out of the guest");
        assertTrue(out.toString(StandardCharsets.UTF_8).isEmpty() || out.toString(StandardCharsets.UTF_8).equals("new\n"));
    }

    @Test
    void bindEndsAtTheEndOfInputAndWhenTheGuestGoes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (KeySource k = keys("abc\u001b")) {
            assertEquals("end of input", VserialCommand.pump(g0, sbi, k, ps));
        }
        assertEquals("abc\u001b", sbi.input(), "a held ESC goes to the guest when the input ends");
        g0.state = GuestState.DESTROYED;
        try (KeySource k = KeySource.of(new java.io.PipedInputStream(new java.io.PipedOutputStream()), "test")) {
            assertEquals("the guest was destroyed", VserialCommand.pump(g0, sbi, k, ps));
        }
    }

    @Test
    void bindWithoutASessionSaysWhatItNeeds() {
        assertEquals("bind needs a shell session with a terminal", error("bind g0"));
    }

    @Test
    void portsAreCheckedBeforeAnythingIsOpened() {
        assertEquals(0, VserialCommand.port("0"));
        assertEquals(65535, VserialCommand.port("65535"));
        for (String bad : new String[] { "65536", "-1", "x", "" }) {
            assertEquals("PORT '" + bad + "' is not a TCP port: expected 1..65535, or 0 for any free port",
                    assertThrows(ShellException.class, () -> VserialCommand.port(bad)).getMessage());
        }
        assertEquals("'g0' is not served: no console is served", error("unserve g0"));
    }

    @Test
    void serveAndUnserveOpenAndCloseALoopbackPort() throws Exception {
        String served = run("serve g0 0").toString();
        int port = cmd.servedPort("g0/sbi");
        assertEquals("serving g0/sbi on 127.0.0.1:" + port + " (connect with: nc 127.0.0.1 " + port + ")", served);
        assertTrue(run("list").toString().contains("127.0.0.1:" + port + " (0 clients)"));
        assertEquals("stopped serving g0/sbi (port " + port + ")", run("unserve " + port));
        assertEquals(-1, cmd.servedPort("g0/sbi"));
    }
}
