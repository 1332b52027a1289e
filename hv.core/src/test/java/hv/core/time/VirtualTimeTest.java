package hv.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.core.fixture.Asm;
import hv.core.fixture.CounterEmulator;
import hv.core.fixture.Dts;
import hv.core.fixture.TestEngine;
import hv.core.fixture.TestKernel;
import hv.core.fixture.TestPic;
import hv.core.guest.Guest;
import hv.core.guest.GuestState;

class VirtualTimeTest {

    @TempDir
    Path dir;

    private static final long CTR = 0x1000_0000L;
    private static final long PIC = 0x0c00_0000L;

    /** Two VCPUs, VCPU timers, a device timer through an interrupt controller, and console input. */
    private String guestDt(String clock) {
        byte[] image = new byte[0x400];
        Asm v0 = new Asm()
                .li(3, PIC).li(4, 1 << 5).st(4, 3, 8) // enable line 5
                .li(3, CTR).li(4, 50_000).stw(4, 3, 0x20) // device timer in 50 us
                .label("d").wfi(1 << TestPic.PIN).pins(4).li(5, 0).beq(4, 5, "d")
                .li(3, PIC).ld(4, 3, 0x10).print("D", 2)
                .li(9, 12).li(8, 0)
                .label("loop").time(3).addi(3, 3, 777).setTimer(3)
                .label("w").wfi(1 << TestEngine.TIMER_PIN).pins(4).li(5, 0).beq(4, 5, "w")
                .print("A", 2).addi(8, 8, 1).bne(8, 9, "loop")
                .time(3).li(4, Dts.RAM + 0x800).st(3, 4, 0) // the guest records when it ends
                .print("#", 2).shutdown(false);
        Asm v1 = new Asm().li(5, 0).li(6, 1500).li(10, -1)
                .label("l").addi(5, 5, 1).bne(5, 6, "l")
                .print("b", 2).getc(7).beq(7, 10, "skip").putc(7)
                .label("skip").li(5, 0).jmp("l");
        byte[] p0 = v0.bytes();
        byte[] p1 = v1.bytes();
        System.arraycopy(p0, 0, image, 0, p0.length);
        System.arraycopy(p1, 0, image, 0x200, p1.length);
        return Dts.guest(clock, Dts.vcpu("vcpu0", Dts.RAM, "") + Dts.vcpu("vcpu1", Dts.RAM + 0x200, ""),
                Dts.ram("mem0", Dts.RAM, 0x10000, Dts.image(dir, image))
                        + Dts.device("ctr", CounterEmulator.COMPAT, CTR, 0x100, "interrupts = <5>;")
                        + Dts.device("pic", TestPic.COMPAT, PIC, 0x100, ""));
    }

    private record Run(String output, long time) {
    }

    private Run run(String clock, int hostCpus) throws Exception {
        try (TestKernel k = new TestKernel(hostCpus)) {
            Guest g = k.create(guestDt(clock), "vt");
            g.console().input("xyz");
            g.kick();
            boolean halted = g.awaitState(GuestState.HALTED, Duration.ofSeconds(10));
            if (!halted) {
                g.pause();
                String out = g.console().outputText();
                throw new AssertionError("not halted; output " + out.substring(0, Math.min(60, out.length())) + " vcpu0 "
                        + g.vcpus().get(0).registers() + " " + g.vcpus().get(0).state() + " waiting "
                        + g.vcpus().get(0).waiting() + " stats " + g.vcpus().get(0).stats() + " ctr " + k.counters.instances.get(0).value()
                        + " pic " + k.pics.last.pending() + " pins " + ((hv.core.internal.guest.GuestImpl) g).vcpuImpls().get(0).pins() + " armed " + k.kernel.timers().armed());
            }
            return new Run(g.console().outputText(), g.memory().read64(Dts.RAM + 0x800));
        }
    }

    @Test
    void theSameVirtualTimeGuestGivesByteIdenticalOutputRunAfterRun() throws Exception {
        String clock = "hv,clock = \"virtual\"; hv,quantum = <300>; hv,instructions-per-tick = <1>;";
        Run first = run(clock, 2);
        Run second = run(clock, 1);
        Run third = run(clock, 2);
        assertTrue(first.output().startsWith("") && first.output().contains("D") && first.output().endsWith("#"),
                first.output());
        assertTrue(first.output().contains("x") && first.output().contains("z"), first.output());
        assertEquals(12, first.output().chars().filter(c -> c == 'A').count());
        assertEquals(first, second);
        assertEquals(first, third);
    }

    @Test
    void virtualTimeAdvancesWithInstructionsNotWithTheWallClock() throws Exception {
        String clock = "hv,clock = \"virtual\"; hv,quantum = <1000>; hv,instructions-per-tick = <100>;";
        Run r = run(clock, 2);
        // 12 waits of 777 ticks at least: the guest saw more than 9324 ticks pass
        assertTrue(r.time() >= 12 * 777, "guest time " + r.time());
    }

    @Test
    void realTimeGuestsRunTheSameProgram() throws Exception {
        Run r = run("", 2);
        assertTrue(r.output().contains("#"), r.output()); // in real time the other VCPU may print a little after
        assertEquals(12, r.output().chars().filter(c -> c == 'A').count());
    }
}
