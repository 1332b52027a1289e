package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.core.guest.GuestExit;
import hv.core.guest.GuestState;

class GuestCommandTest {

    private final Fakes.FakeManager manager = new Fakes.FakeManager();
    private final GuestCommand cmd = new GuestCommand(manager);

    private Object run(String line) {
        return cmd.guest(null, line.split(" "));
    }

    private String error(String line) {
        return assertThrows(ShellException.class, () -> run(line)).getMessage();
    }

    @Test
    void listShowsEachGuestInATable() {
        manager.add(Fakes.guest("g0", 2)).add(Fakes.guest("linux", 1));
        manager.guests.get("linux").kick();
        ((Fakes.FakeGuest) manager.guests.get("g0")).exit = new GuestExit(GuestExit.Kind.FAILURE, 3, "test device");
        assertEquals("""
                name   state    exit       vcpus  memory  regions  source
                -----  -------  ---------  -----  ------  -------  ---------
                g0     RESET    failure 3  2      1 MiB   2        g0.dts
                linux  RUNNING  -          1      1 MiB   2        linux.dts""", run("list"));
        assertEquals("""
                name  state  exit  vcpus  memory  regions  source
                ----  -----  ----  -----  ------  -------  ------
                (no guests: create one with hv:guest create FILE)""", new GuestCommand(new Fakes.FakeManager()).list());
    }

    @Test
    void lifecycleSubCommandsAnswerWithTheNewState() {
        manager.add(Fakes.guest("g0", 1));
        assertEquals("g0: RUNNING", run("kick g0"));
        assertEquals("g0: PAUSED", run("pause g0"));
        assertEquals("g0: RUNNING", run("resume g0"));
        assertEquals("g0: HALTED", run("halt g0"));
        assertEquals("g0: RESET", run("reset g0"));
        assertEquals("guest g0 is RESET: cannot pause", error("pause g0"));
        assertEquals("no guest 'g1': guests are g0", error("kick g1"));
        Fakes.FakeGuest g0 = (Fakes.FakeGuest) manager.guests.get("g0");
        assertEquals("destroyed g0", run("destroy g0"));
        assertEquals(GuestState.DESTROYED, g0.state());
        assertEquals("no guest 'g1': there are no guests (create one with hv:guest create FILE)",
                assertThrows(ShellException.class, () -> new GuestCommand(new Fakes.FakeManager()).guest(null, "kick", "g1"))
                        .getMessage());
    }

    @Test
    void createChecksTheFileAndTheName(@TempDir Path dir) throws Exception {
        Path dts = Files.writeString(dir.resolve("g.dts"), "/dts-v1/; / { };");
        assertEquals("created g7 from g.dts: 1 VCPU(s), 1 MiB memory, state RESET (start it with hv:guest kick g7)",
                run("create " + dts + " g7"));
        assertEquals(dts, manager.createdFrom);
        assertEquals("no such file: " + dir.resolve("nope.dts") + " (expected a guest DT, .dts or .dtb)",
                error("create " + dir.resolve("nope.dts")));
        assertEquals("guest name 'a/b' must be 1-64 characters of A-Z a-z 0-9 _ . + -", error("create " + dts + " a/b"));
        assertEquals("a guest named 'g7' exists already: choose another NAME", error("create " + dts + " g7"));
        assertEquals("created guest0 from g.dts with 2 patches: 1 VCPU(s), 1 MiB memory, state RESET (start it with"
                + " hv:guest kick guest0)", run("create " + dts + " mem0,physical_size,physsize,0x1000 uart0,x,u32,1"));
        assertEquals(java.util.List.of("mem0,physical_size,physsize,0x1000", "uart0,x,u32,1"), manager.patches);
        assertEquals("PATCH 'mem0,size' is malformed: expected alias,property,type,value (e.g."
                + " mem0,physical_size,physsize,0x10000000)", error("create " + dts + " g8 mem0,size"));
        assertEquals("two names given ('a', 'b'): usage: hv:guest create FILE [NAME] [PATCH...]",
                error("create " + dts + " a b"));
    }

    @Test
    void dumpmemDumpsRamAndNamesWhatIsThereOtherwise() {
        Fakes.FakeGuest g = Fakes.guest("g0", 1);
        manager.add(g);
        System.arraycopy(Fakes.bytes("hello"), 0, g.ram, 0x10, 5);
        assertEquals("""
                80000010  68 65 6c 6c 6f 00 00 00                           |hello...|
                80000018""", run("dumpmem g0 0x80000010 8"));
        assertEquals("0x10000000+0x4 is not RAM: 0x10000000 is in uart0 (device serial ns16550a); dumpmem reads RAM"
                + " and ROM only", error("dumpmem g0 0x10000000 4"));
        assertEquals("0x0+0x4 is not mapped in guest g0; its RAM/ROM: mem0 0x80000000..0x800fffff",
                error("dumpmem g0 0 4"));
        assertEquals("0x800ffffc+0x8 runs past the end of mem0 (0x80000000..0x800fffff); dumpmem reads RAM and ROM only",
                error("dumpmem g0 0x800ffffc 8"));
        assertEquals("GPA 0xfffffffffffffff0 + LENGTH 0x100 runs past the end of the address space",
                error("dumpmem g0 0xfffffffffffffff0 0x100"));
        assertEquals("LENGTH 2M is more than 1 MiB: dump at most 1M at a time", error("dumpmem g0 0x80000000 2M"));
    }

    @Test
    void regionListShowsEveryRegion() {
        manager.add(Fakes.guest("g0", 1));
        assertEquals("""
                region  kind         device_type  start       end         size   status    backing      irqs
                ------  -----------  -----------  ----------  ----------  -----  --------  -----------  ----
                uart0   device       serial       0x10000000  0x100000ff  256 B  attached  hv.emu.Uart  10
                mem0    alloced_ram  alloced_ram  0x80000000  0x800fffff  1 MiB  memory    host         -""",
                run("region_list g0"));
    }
}
