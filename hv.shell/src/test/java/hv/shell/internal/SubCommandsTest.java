package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import hv.core.config.GuestConfigException;

class SubCommandsTest {

    private final SubCommands subs = new SubCommands("hv:demo", "a demonstration")
            .add("list", "", "list things", a -> "listed")
            .add("show", "THING [PATH [PROPERTY]]", "show a thing", a -> a.get(0) + "|" + a.opt(1) + "|" + a.opt(2))
            .add("many", "NAME VALUE...", "several values", a -> a.get(0) + a.rest(1))
            .add("fail", "KIND", "fail in some way", a -> {
                switch (a.get(0)) {
                    case "state" -> throw new IllegalStateException("g0 is RESET: cannot pause");
                    case "config" -> throw new GuestConfigException("/aspace/mem0", "physical_size", "must be > 0");
                    case "bug" -> throw new NullPointerException();
                    default -> throw new Exception("checked\nsecond line");
                }
            })
            .note("A note.");

    private String error(String... argv) {
        return assertThrows(ShellException.class, () -> subs.run(argv)).getMessage();
    }

    @Test
    void theUsageListsEverySubCommandAlignedWithItsHelp() {
        assertEquals("""
                hv:demo: a demonstration
                usage: hv:demo SUB-COMMAND [ARGUMENTS]
                  list                          list things
                  show THING [PATH [PROPERTY]]  show a thing
                  many NAME VALUE...            several values
                  fail KIND                     fail in some way
                A note.""", subs.usage());
        assertEquals(subs.usage(), subs.run(new String[0]));
        assertEquals(subs.usage(), subs.run(new String[] { "help" }));
        assertEquals(List.of("list", "show", "many", "fail"), subs.names());
    }

    @Test
    void argumentsAreCountedFromTheParameterList() {
        assertEquals("listed", subs.run(new String[] { "list" }));
        assertEquals("a|null|null", subs.run(new String[] { "show", "a" }));
        assertEquals("a|/b|c", subs.run(new String[] { "show", "a", "/b", "c" }));
        assertEquals("n[1, 2, 3]", subs.run(new String[] { "many", "n", "1", "2", "3" }));
        assertEquals("missing THING: usage: hv:demo show THING [PATH [PROPERTY]]", error("show"));
        assertEquals("too many arguments (4): usage: hv:demo show THING [PATH [PROPERTY]]", error("show", "1", "2", "3", "4"));
        assertEquals("too many arguments (1): usage: hv:demo list", error("list", "x"));
        assertEquals("missing VALUE...: usage: hv:demo many NAME VALUE...", error("many", "n"));
        assertEquals("unknown sub-command 'lst': expected one of list, show, many, fail (see hv:demo help)", error("lst"));
    }

    @Test
    void failuresBecomeOneLineWithoutAStackTrace() {
        assertEquals("g0 is RESET: cannot pause", error("fail", "state"));
        assertEquals("/aspace/mem0: physical_size: must be > 0", error("fail", "config"));
        assertEquals("NullPointerException in hv:demo fail bug: NullPointerException (details in the log)",
                error("fail", "bug"));
        assertEquals("Exception in hv:demo fail other: checked (details in the log)", error("fail", "other"));
        ShellException e = assertThrows(ShellException.class, () -> subs.run(new String[] { "fail", "state" }));
        assertEquals(0, e.getStackTrace().length);
        assertEquals(e.getMessage(), e.toString(), "Gogo prints toString(): the message alone");
        assertTrue(e instanceof IllegalArgumentException, "the script console prints an IAE's message alone");
    }

    @Test
    void aSubCommandMayTakeFewerArgumentsThanItsUsageShows() {
        SubCommands s = new SubCommands("hv:x", "x").add("dump", "GUEST VCPU", 1, "dump", a -> a.size());
        assertEquals(1, s.run(new String[] { "dump", "g0/vcpu0" }));
        assertEquals(2, s.run(new String[] { "dump", "g0", "vcpu0" }));
        assertEquals("missing GUEST: usage: hv:x dump GUEST VCPU",
                assertThrows(ShellException.class, () -> s.run(new String[] { "dump" })).getMessage());
    }
}
