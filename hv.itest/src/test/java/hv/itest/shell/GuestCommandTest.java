package hv.itest.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import hv.core.guest.Guest;
import hv.core.guest.GuestState;

/** {@code hv:guest} through a real Gogo session. */
class GuestCommandTest extends ShellTestBase {

    @Test
    void aGuestIsCreatedKickedPausedResumedResetHaltedAndDestroyed() {
        String created = shell.run("hv:guest create " + Shell.guestDt(dir, "g0", 2));
        assertTrue(created.startsWith("created g0 from g0.dts: 2 VCPU(s), 1 MiB memory, state RESET"), created);

        String list = shell.run("hv:guest list");
        assertTrue(list.startsWith("name  state  exit  vcpus  memory  regions  source"), list);
        assertTrue(list.contains("g0    RESET  -     2      1 MiB   2"), list);

        assertEquals("g0: RUNNING", shell.run("hv:guest kick g0"));
        Guest g = guests.find("g0").orElseThrow();
        Shell.await("greeting", () -> g.console().outputText().contains("hello from g0/0"));
        assertEquals("g0: PAUSED", shell.run("hv:guest pause g0"));
        assertEquals("g0: RUNNING", shell.run("hv:guest resume g0"));
        assertEquals("g0: HALTED", shell.run("hv:guest halt g0"));
        assertEquals("g0: RESET", shell.run("hv:guest reset g0"));
        assertEquals("destroyed g0", shell.run("hv:guest destroy g0"));
        assertEquals(GuestState.DESTROYED, g.state());
        assertTrue(shell.run("hv:guest list").contains("(no guests"));
    }

    @Test
    void createTakesAnOptionalNameAndRefusesAMissingFileOrATakenName() {
        shell.run("hv:guest create " + Shell.guestDt(dir, "file", 1) + " other");
        assertTrue(guests.find("other").isPresent());
        assertEquals("a guest named 'other' exists already: choose another NAME",
                shell.error("hv:guest create " + dir.resolve("file.dts") + " other"));
        assertTrue(shell.error("hv:guest create " + dir.resolve("nothing.dts"))
                .startsWith("no such file: " + dir.resolve("nothing.dts")));
        assertEquals("missing FILE: usage: hv:guest create FILE [NAME] [PATCH...]", shell.error("hv:guest create"));
    }

    @Test
    void createAppliesXvisorStylePatches() {
        assertEquals("created big from g0.dts with 1 patch: 1 VCPU(s), 2 MiB memory, state RESET (start it with"
                + " hv:guest kick big)", shell.run("hv:guest create " + Shell.guestDt(dir, "g0", 1)
                        + " big mem0,physical_size,physsize,0x200000"));
        assertTrue(shell.error("hv:guest create " + dir.resolve("g0.dts") + " other nope,physical_size,physsize,1")
                .contains("nope"));
    }

    @Test
    void dumpmemShowsGuestRamLikeHexdump() {
        Guest g = started("g0", 1);
        Shell.await("banner in RAM", () -> g.memory().read8(Shell.RAM) == 'h');
        String dump = shell.run("hv:guest dumpmem g0 0x80000000 0x30");
        String[] lines = dump.split("\n");
        assertEquals("80000000  68 76 20 73 68 65 6c 6c  20 74 65 73 74 20 67 75  |hv shell test gu|", lines[0]);
        assertEquals("80000010  65 73 74 00 00 00 00 00  00 00 00 00 00 00 00 00  |est.............|", lines[1]);
        assertEquals("80000020  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|", lines[2]);
        assertEquals("80000030", lines[3]);
        assertEquals(4, lines.length);
        // sizes and decimal addresses work too; equal lines collapse to '*'
        String big = shell.run("hv:guest dumpmem g0 2147483904 1K");
        assertTrue(big.startsWith("80000100  00 00"), big);
        assertTrue(big.contains("\n*\n"), big);
        assertTrue(big.endsWith("\n80000500"), big);
    }

    @Test
    void dumpmemRefusesAnythingButRamWithAClearMessage() {
        create("g0", 1);
        assertEquals("0x10000000+0x10 is not RAM: 0x10000000 is in uart0 (device serial test,no-such-uart);"
                + " dumpmem reads RAM and ROM only", shell.error("hv:guest dumpmem g0 0x10000000 16"));
        assertEquals("0x20000000+0x10 is not mapped in guest g0; its RAM/ROM: mem0 0x80000000..0x800fffff",
                shell.error("hv:guest dumpmem g0 0x20000000 16"));
        assertEquals("0x800ffff0+0x100 runs past the end of mem0 (0x80000000..0x800fffff); dumpmem reads RAM and"
                + " ROM only", shell.error("hv:guest dumpmem g0 0x800ffff0 0x100"));
        assertEquals("GPA 'zz' is not a number: expected hex (0x80000000) or decimal",
                shell.error("hv:guest dumpmem g0 zz 16"));
        assertEquals("LENGTH '1Q' is not a size: expected bytes (4096, 0x1000) or 4K, 2M, 1G",
                shell.error("hv:guest dumpmem g0 0x80000000 1Q"));
        assertEquals("LENGTH 2M is more than 1 MiB: dump at most 1M at a time",
                shell.error("hv:guest dumpmem g0 0x80000000 2M"));
    }

    @Test
    void regionListShowsRamAndADeviceWaitingForItsEmulator() {
        create("g0", 1);
        String regions = shell.run("hv:guest region_list g0");
        String[] lines = regions.split("\n");
        assertTrue(lines[0].startsWith("region  kind         device_type  start       end         size"), regions);
        assertTrue(regions.contains("uart0   device       serial       0x10000000  0x100000ff  256 B  waiting  -        10"),
                regions);
        assertTrue(regions.contains("mem0    alloced_ram  alloced_ram  0x80000000  0x800fffff  1 MiB  memory   host     -"),
                regions);
    }

    @Test
    void mistakesGetOneLineThatSaysWhatIsExpected() {
        create("g0", 1);
        assertEquals("unknown sub-command 'frobnicate': expected one of list, create, destroy, kick, pause,"
                + " resume, reset, halt, dumpmem, region_list (see hv:guest help)", shell.error("hv:guest frobnicate"));
        assertEquals("missing GUEST: usage: hv:guest pause GUEST", shell.error("hv:guest pause"));
        assertEquals("too many arguments (2): usage: hv:guest pause GUEST", shell.error("hv:guest pause g0 g1"));
        assertEquals("no guest 'nope': guests are g0", shell.error("hv:guest pause nope"));
        assertEquals("missing LENGTH: usage: hv:guest dumpmem GUEST GPA LENGTH",
                shell.error("hv:guest dumpmem g0 0x80000000"));
        // the core's own refusal (pause in RESET) comes through as one line, without a class name
        Exception e = shell.failure("hv:guest pause g0");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(e.getMessage(), e.toString());
        assertEquals(0, e.getStackTrace().length);
        assertTrue(e.getMessage().contains("g0") && e.getMessage().contains("RESET"), e.getMessage());
        assertTrue(shell.output().isEmpty(), "nothing printed: " + shell.output());
        assertTrue(shell.err.toString(StandardCharsets.UTF_8).isEmpty());
    }

    @Test
    void withoutArgumentsOrWithHelpTheUsageListsEverySubCommand() {
        String usage = shell.run("hv:guest");
        assertEquals(usage, shell.run("hv:guest help"));
        for (String sub : new String[] { "list", "create FILE [NAME] [PATCH...]", "destroy GUEST", "kick GUEST",
                "pause GUEST", "resume GUEST", "reset GUEST", "halt GUEST", "dumpmem GUEST GPA LENGTH", "region_list GUEST" }) {
            assertTrue(usage.contains("\n  " + sub + " "), sub + " in " + usage);
        }
    }
}
