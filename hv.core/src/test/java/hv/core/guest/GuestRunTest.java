package hv.core.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.core.fixture.Asm;
import hv.core.fixture.Dts;
import hv.core.fixture.TestEngine;
import hv.core.fixture.TestKernel;
import hv.core.internal.guest.GuestImpl;

class GuestRunTest {

    @TempDir
    Path dir;

    private final TestKernel k = new TestKernel(2);

    @AfterEach
    void close() {
        k.close();
    }

    @Test
    void aKickedGuestRunsItsProgramAndPrintsOnTheFirmwareConsole() throws Exception {
        byte[] prog = new Asm().print("hello\n", 2).stop().bytes();
        Guest g = k.create(Dts.simple(dir, prog, "", ""), "hello");
        assertEquals(GuestState.RESET, g.state());
        assertEquals(VcpuState.RESET, g.vcpus().get(0).state());
        g.kick();
        TestKernel.await(g, () -> g.console().outputText().equals("hello\n"), 5000);
        TestKernel.await(g, () -> g.vcpus().get(0).state() == VcpuState.RESET, 5000);
        assertEquals(13, g.vcpus().get(0).retired());
        assertEquals("hello/sbi", g.console().name());
    }

    @Test
    void aGuestShutdownHaltsTheGuest() throws Exception {
        byte[] prog = new Asm().print("bye", 2).shutdown(false).bytes();
        Guest g = k.create(Dts.simple(dir, prog, "", ""), "g");
        g.kick();
        assertTrue(g.awaitState(GuestState.HALTED, Duration.ofSeconds(5)));
        assertEquals(VcpuState.HALTED, g.vcpus().get(0).state());
        assertEquals("bye", g.console().outputText());
        assertEquals(GuestExit.Kind.POWER_OFF, g.exit().orElseThrow().kind());
    }

    @Test
    void aDeviceCanStopTheGuestWithAFailureCodeThatListenersAndTheGuestReport() throws Exception {
        List<GuestEvent> events = new CopyOnWriteArrayList<>();
        k.kernel.events().add(events::add);
        byte[] prog = new Asm().li(3, 0x1000_0000L).li(4, 0x3333).stw(4, 3, 0x28).label("l").jmp("l").bytes();
        Guest g = k.create(Dts.simple(dir, prog, "", Dts.device("test", "hv,test-counter", 0x1000_0000L, 0x100, "")),
                "fail");
        assertTrue(g.exit().isEmpty());
        g.kick();
        assertTrue(g.awaitState(GuestState.HALTED, Duration.ofSeconds(5)));
        assertEquals(VcpuState.HALTED, g.vcpus().get(0).state(), "the spinning VCPU stopped at a block boundary");
        GuestExit exit = g.exit().orElseThrow();
        assertEquals(GuestExit.Kind.FAILURE, exit.kind());
        assertEquals(0x3333, exit.code());
        assertTrue(k.kernel.events().drain(2000));
        assertTrue(events.stream().anyMatch(e -> e.type() == GuestEvent.Type.EXITED && exit.equals(e.exit())));
    }

    @Test
    void aGuestRebootResetsReloadsAndRunsAgain() throws Exception {
        // counts boots in a word of a host-physical RAM region that reset does not clear
        Asm a = new Asm().li(3, 0x9000_0000L).ldw(4, 3, 0).addi(4, 4, 1).stw(4, 3, 0).li(5, 3)
                .blt(4, 5, "reboot").print("done", 2).stop().label("reboot").shutdown(true);
        String dts = Dts.guest("", Dts.vcpu("vcpu0", Dts.RAM, ""), Dts.ram("mem0", Dts.RAM, 0x10000,
                Dts.image(dir, a.bytes())) + Dts.region("keep", "real", "ram", 0x9000_0000L, 0x1000,
                "host_physical_addr = <0x2 0x0>;"));
        Guest g = k.create(dts, "r");
        g.kick();
        TestKernel.await(g, () -> g.console().outputText().equals("done"), 5000);
        assertEquals(3, g.memory().read32(0x9000_0000L));
    }

    @Test
    void mmioReachesTheDeviceAndUnmappedAccessesFaultInTheEngine() throws Exception {
        byte[] prog = new Asm().li(3, 0x1000_0000L).li(4, 77).stw(4, 3, 0).ldw(5, 3, 0).stb(4, 3, 0)
                .li(6, 0x4000_0000L).ldw(7, 6, 0).stop().bytes();
        Guest g = k.create(Dts.simple(dir, prog, "", Dts.device("ctr", "hv,test-counter", 0x1000_0000L, 0x100, "")),
                "m");
        g.kick();
        GuestImpl gi = (GuestImpl) g;
        TestKernel.await(g, () -> g.vcpus().get(0).state() == VcpuState.RESET, 5000);
        TestEngine e = k.engines.engines.get(0);
        assertEquals(77, e.reg(5));
        assertEquals(1, e.reg(14), "the last access faulted");
        assertEquals(0x4000_0000L, e.reg(15));
        assertEquals(77, k.counters.instances.get(0).value());
        assertEquals(1, gi.bus().read(0x1000_0008L, 8), "the byte store was refused (width) and not counted");
    }

    @Test
    void aPoweredOffVcpuStaysInResetUntilAnotherHartStartsIt() throws Exception {
        byte[] image = new byte[0x200];
        byte[] head = new Asm().print("A", 2).li(5, 1).li(6, Dts.RAM + 0x100).start(5, 6, 7).stop().bytes();
        System.arraycopy(head, 0, image, 0, head.length);
        byte[] tail = new Asm().print("B", 2).stop().bytes();
        System.arraycopy(tail, 0, image, 0x100, tail.length);
        String dts = Dts.guest("", Dts.vcpu("vcpu0", Dts.RAM, "") + Dts.vcpu("vcpu1", Dts.RAM, "poweroff;"),
                Dts.ram("mem0", Dts.RAM, 0x10000, Dts.image(dir, image)));
        Guest g = k.create(dts, "smp");
        g.kick();
        assertEquals(VcpuState.RESET, g.vcpus().get(1).state(), "poweroff: not kicked with the guest");
        TestKernel.await(g, () -> g.console().outputText().equals("AB"), 5000);
        TestEngine e0 = k.engines.engines.get(0);
        TestKernel.await(g, () -> g.vcpus().get(0).state() == VcpuState.RESET, 5000);
        assertEquals(1, e0.reg(7), "hart_start succeeded");
    }

    @Test
    void guestLifecycleFollowsXvisorStates() throws Exception {
        byte[] prog = new Asm().label("loop").jmp("loop").bytes();
        Guest g = k.create(Dts.simple(dir, prog, "", ""), "life");
        Vcpu v = g.vcpus().get(0);
        assertThrows(IllegalStateException.class, g::resume);
        g.kick();
        TestKernel.await(g, () -> v.retired() > 0, 5000);
        assertThrows(IllegalStateException.class, g::kick);
        g.pause();
        assertEquals(GuestState.PAUSED, g.state());
        assertEquals(VcpuState.PAUSED, v.state());
        long r = v.retired();
        Thread.sleep(30);
        assertEquals(r, v.retired(), "a paused VCPU does not run");
        assertTrue(v.registers().containsKey("pc"));
        g.resume();
        TestKernel.await(g, () -> v.retired() > r, 5000);
        g.halt();
        assertEquals(VcpuState.HALTED, v.state());
        assertThrows(IllegalStateException.class, g::resume);
        g.reset();
        assertEquals(GuestState.RESET, g.state());
        assertEquals(VcpuState.RESET, v.state());
        g.kick();
        TestKernel.await(g, () -> v.state() == VcpuState.RUNNING || v.retired() > 0, 5000);
        g.destroy();
        assertEquals(GuestState.DESTROYED, g.state());
        assertFalse(k.kernel.guests().find("life").isPresent());
        assertThrows(IllegalStateException.class, g::kick);
        assertEquals(0, k.kernel.hostMemory().used());
    }

    @Test
    void listenersHearCreationStateChangesAndDestruction() throws Exception {
        List<GuestEvent> events = new CopyOnWriteArrayList<>();
        k.kernel.events().add(events::add);
        byte[] prog = new Asm().label("l").jmp("l").bytes();
        Guest g = k.create(Dts.simple(dir, prog, "", ""), "ev");
        g.kick();
        g.pause();
        g.destroy();
        assertTrue(k.kernel.events().drain(2000));
        List<String> seen = events.stream().filter(e -> e.guest().equals("ev"))
                .map(e -> e.type() + (e.vcpu() >= 0 ? "/" + e.vcpu() : "") + ":" + e.state()).toList();
        assertEquals(List.of("CREATED:RESET", "GUEST_STATE:RUNNING", "VCPU_STATE/0:READY", "GUEST_STATE:PAUSED",
                "VCPU_STATE/0:PAUSED", "GUEST_STATE:DESTROYED", "VCPU_STATE/0:HALTED", "DESTROYED:null"), seen);
    }

    @Test
    void consoleInputReachesTheGuest() throws Exception {
        // echo bytes until 'q'
        byte[] prog = new Asm().li(3, -1).li(4, 'q').label("l").getc(2).beq(2, 3, "l").beq(2, 4, "end").putc(2)
                .jmp("l").label("end").stop().bytes();
        Guest g = k.create(Dts.simple(dir, prog, "", ""), "echo");
        g.kick();
        g.console().input("abc");
        TestKernel.await(g, () -> g.console().outputText().equals("abc"), 5000);
        g.console().input("q");
        TestKernel.await(g, () -> g.vcpus().get(0).state() == VcpuState.RESET, 5000);
    }

    @Test
    void aWaitingVcpuSleepsUntilItsTimerFires() throws Exception {
        // wait 20 ms of guest time (10 MHz) with WFI on the timer pin, then print
        byte[] prog = new Asm().time(3).addi(3, 3, 200_000).setTimer(3).label("w").wfi(1 << TestEngine.TIMER_PIN)
                .pins(4).li(5, 0).beq(4, 5, "w").print("T", 2).stop().bytes();
        Guest g = k.create(Dts.simple(dir, prog, "", ""), "tmr");
        long t0 = System.nanoTime();
        g.kick();
        TestKernel.await(g, () -> g.console().outputText().equals("T"), 5000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 19, "woke after " + ms + " ms");
        assertTrue(g.vcpus().get(0).retired() < 1000, "it slept rather than spun: " + g.vcpus().get(0).retired());
    }
}
