package hv.core.emu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.core.config.GuestConfigException;
import hv.core.fixture.Asm;
import hv.core.fixture.CounterEmulator;
import hv.core.fixture.Dts;
import hv.core.fixture.TestKernel;
import hv.core.fixture.TestPic;
import hv.core.guest.GuestEvent;
import hv.core.guest.GuestState;
import hv.core.guest.RegionInfo;
import hv.core.guest.VcpuState;
import hv.core.internal.guest.GuestImpl;
import hv.core.mem.BusFault;
import hv.core.state.SavedState;

class EmulatorSwapTest {

    private static final long CTR = 0x1000_0000L;
    private static final long PIC = 0x0c00_0000L;

    @TempDir
    Path dir;

    private final TestKernel k = new TestKernel(2);

    @AfterEach
    void close() {
        k.close();
    }

    private GuestImpl guest(String rootProps, byte[] prog) {
        return k.create(Dts.simple(dir, prog, rootProps, Dts.device("ctr", CounterEmulator.COMPAT, CTR, 0x100,
                "interrupts = <5>;") + Dts.device("pic", TestPic.COMPAT, PIC, 0x100, "")), "g");
    }

    private static byte[] idle() {
        return new Asm().label("l").wfi(0).jmp("l").bytes();
    }

    @Test
    void aFactoryLeavingSavesItsInstancesAndAReturningOneRestoresThem() {
        GuestImpl g = guest("", idle());
        g.bus().write(CTR, 8, 1234);
        CounterEmulator first = k.counters.instances.get(0);
        long firstId = g.bus().read(CTR + 0x18, 4);

        k.kernel.emulators().remove(k.counters);
        assertTrue(first.closed, "the old instance is closed before remove returns");
        assertEquals("detached", region(g, "ctr").status());

        CounterEmulator.Factory next = new CounterEmulator.Factory();
        k.kernel.emulators().add(next, List.of(CounterEmulator.COMPAT), 0);
        assertEquals("attached", region(g, "ctr").status());
        assertEquals(1234, g.bus().read(CTR, 8), "state handed over");
        assertEquals(1, g.bus().read(CTR + 0x08, 8), "the write count too");
        assertNotEquals(firstId, g.bus().read(CTR + 0x18, 4), "a new instance serves the region");
    }

    @Test
    void aVcpuTouchingADetachedRegionWaitsUntilTheEmulatorReturns() throws Exception {
        GuestImpl g = guest("", idle());
        g.bus().write(CTR, 8, 7);
        k.kernel.emulators().remove(k.counters);
        long[] got = new long[1];
        Thread t = new Thread(() -> got[0] = g.bus().read(CTR, 8));
        t.start();
        Thread.sleep(50);
        assertTrue(t.isAlive(), "the access waits");
        k.kernel.emulators().add(new CounterEmulator.Factory(), List.of(CounterEmulator.COMPAT), 0);
        t.join(2000);
        assertEquals(7, got[0]);
    }

    @Test
    void aDetachedRegionFaultsAfterTheTimeout() {
        GuestImpl g = guest("hv,emulator-timeout-ms = <50>;", idle());
        k.kernel.emulators().remove(k.counters);
        long t0 = System.nanoTime();
        BusFault f = assertThrows(BusFault.class, () -> g.bus().read(CTR, 8));
        assertEquals(BusFault.Kind.DETACHED, f.kind());
        assertTrue(System.nanoTime() - t0 >= 45_000_000L);
    }

    @Test
    void aMissingEmulatorMakesTheRegionWaitByDefaultAndFailWhenConfigured() {
        String regions = Dts.device("x", "hv,nobody", 0x2000_0000L, 0x1000, "");
        GuestImpl g = k.create(Dts.simple(dir, idle(), "", regions), "w");
        assertEquals("waiting", region(g, "x").status());
        GuestConfigException e = assertThrows(GuestConfigException.class,
                () -> k.create(Dts.simple(dir, idle(), "hv,missing-emulator = \"fail\";", regions), "f"));
        assertEquals("/aspace/x", e.path());
        assertTrue(e.getMessage().contains("hv,nobody"), e.getMessage());
    }

    @Test
    void aFactoryAppearingLaterServesWaitingRegions() {
        GuestImpl g = k.create(Dts.simple(dir, idle(), "", Dts.device("x", "hv,late", 0x2000_0000L, 0x1000, "")), "w");
        k.kernel.emulators().add(new CounterEmulator.Factory(), List.of("hv,late"), 0);
        g.bus().write(0x2000_0000L, 4, 5);
        assertEquals(5, g.bus().read(0x2000_0000L, 4));
    }

    @Test
    void unsupportedWidthsFaultWithoutReachingTheEmulator() {
        GuestImpl g = guest("", idle());
        assertEquals(BusFault.Kind.WIDTH, assertThrows(BusFault.class, () -> g.bus().write(CTR, 2, 1)).kind());
        assertEquals(0, g.bus().read(CTR + 8, 8));
    }

    @Test
    void irqLevelsSurviveTheSwapOfTheDeviceAndOfTheController() {
        GuestImpl g = guest("", idle());
        g.bus().write(PIC + 8, 8, 1L << 5); // enable line 5
        g.bus().write(CTR + 0x10, 4, 1); // counter raises line 5
        assertEquals(1L << 5, g.bus().read(PIC, 8));
        assertEquals(1L << TestPic.PIN, g.vcpuImpls().get(0).pins() & (1L << TestPic.PIN));

        k.kernel.emulators().remove(k.counters);
        k.kernel.emulators().remove(k.pics);
        TestPic.Factory pics = new TestPic.Factory();
        k.kernel.emulators().add(pics, List.of(TestPic.COMPAT), 0);
        k.kernel.emulators().add(new CounterEmulator.Factory(), List.of(CounterEmulator.COMPAT), 0);
        assertEquals(1L << 5, g.bus().read(PIC, 8), "level still high after both swaps");
        assertEquals(1L << 5, g.bus().read(PIC + 8, 8), "enable restored");
        g.bus().write(CTR + 0x10, 4, 0);
        assertEquals(0, g.bus().read(PIC, 8), "the new device lowers the line the old one raised");
        assertEquals(0, g.vcpuImpls().get(0).pins() & (1L << TestPic.PIN));
    }

    @Test
    void edgesWhileNoControllerIsAttachedAreDeliveredLater() {
        GuestImpl g = guest("", idle());
        k.kernel.emulators().remove(k.pics);
        g.bus().write(CTR + 0x10, 4, 2); // pulse line 5 while the PIC is away
        k.kernel.emulators().add(new TestPic.Factory(), List.of(TestPic.COMPAT), 0);
        assertEquals(1L << 5, g.bus().read(PIC, 8));
        g.bus().write(PIC + 8, 8, 1L << 5);
        assertEquals(6, g.bus().read(PIC + 0x10, 8), "claim returns line 5 + 1");
        assertEquals(0, g.bus().read(PIC, 8), "claiming cleared the edge");
    }

    @Test
    void aStateTheNewVersionDoesNotUnderstandPausesTheGuest() throws Exception {
        List<GuestEvent> events = new CopyOnWriteArrayList<>();
        k.kernel.events().add(events::add);
        GuestImpl g = guest("", idle());
        g.kick();
        k.kernel.emulators().remove(k.counters);
        EmulatorFactory picky = ctx -> new CounterEmulator(ctx) {
            @Override
            public void restore(SavedState s) {
                s.require("test.counter", 2, 2);
            }
        };
        k.kernel.emulators().add(picky, List.of(CounterEmulator.COMPAT), 0);
        assertEquals("failed", region(g, "ctr").status());
        assertTrue(g.awaitState(GuestState.PAUSED, java.time.Duration.ofSeconds(5)));
        assertTrue(k.kernel.events().drain(2000));
        assertTrue(events.stream().anyMatch(e -> e.type() == GuestEvent.Type.ERROR && e.detail().contains("version 1")),
                events.toString());
        // a better-ranked factory that understands the state restores it later
        k.kernel.emulators().add(new CounterEmulator.Factory(), List.of(CounterEmulator.COMPAT), 5);
        assertEquals("attached", region(g, "ctr").status());
        g.resume();
    }

    @Test
    void timersArmedBeforeASwapFireInTheRestoredInstance() throws Exception {
        GuestImpl g = guest("", idle());
        g.bus().write(CTR + 0x20, 4, 30_000_000L); // 30 ms
        k.kernel.emulators().remove(k.counters);
        CounterEmulator.Factory next = new CounterEmulator.Factory();
        k.kernel.emulators().add(next, List.of(CounterEmulator.COMPAT), 0);
        TestKernel.await(g, () -> next.instances.get(0).value() == 1000, 2000);
        Thread.sleep(50);
        assertEquals(1000, next.instances.get(0).value(), "fired once, not also in the closed instance");
    }

    @Test
    void aRunningGuestKeepsItsDeviceCountWhileTheBundleIsSwappedInALoop() throws Exception {
        // the guest increments the counter register forever; each swap must hand the count over
        byte[] prog = new Asm().li(3, CTR).label("l").ldw(4, 3, 0).addi(4, 4, 1).stw(4, 3, 0).jmp("l").bytes();
        GuestImpl g = guest("", prog);
        g.kick();
        long last = 0;
        for (int i = 0; i < 20; i++) {
            CounterEmulator.Factory f = new CounterEmulator.Factory();
            k.kernel.emulators().add(f, List.of(CounterEmulator.COMPAT), 10 + i);
            k.kernel.emulators().remove(i == 0 ? k.counters : previous);
            previous = f;
            Thread.sleep(5);
        }
        g.pause();
        long value = g.bus().read(CTR, 4);
        long writes = g.bus().read(CTR + 8, 8);
        assertTrue(value > 0);
        assertEquals(value, writes, "every increment the guest made is counted exactly once");
        assertEquals(VcpuState.PAUSED, g.vcpus().get(0).state());
        assertTrue(last >= 0);
    }

    private CounterEmulator.Factory previous;

    private static RegionInfo region(GuestImpl g, String name) {
        return g.regions().stream().filter(r -> r.config().name().equals(name)).findFirst().orElseThrow();
    }
}
