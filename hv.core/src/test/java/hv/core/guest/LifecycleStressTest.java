package hv.core.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.core.fixture.Asm;
import hv.core.fixture.CounterEmulator;
import hv.core.fixture.Dts;
import hv.core.fixture.TestEngine;
import hv.core.fixture.TestKernel;

class LifecycleStressTest {

    @TempDir
    Path dir;

    private final TestKernel k = new TestKernel(2);

    @AfterEach
    void close() {
        k.close();
    }

    @Test
    void manyThreadsHammeringLifecycleOperationsNeverDeadlockOrCorruptState() throws Exception {
        // two VCPUs per guest: one computes and does MMIO, one sleeps on its timer and prints
        byte[] image = new byte[0x400];
        byte[] p0 = new Asm().li(3, 0x1000_0000L).label("l").ldw(4, 3, 0).addi(4, 4, 1).stw(4, 3, 0).jmp("l").bytes();
        byte[] p1 = new Asm().label("l").time(3).addi(3, 3, 1000).setTimer(3).wfi(1 << TestEngine.TIMER_PIN)
                .print(".", 2).jmp("l").bytes();
        System.arraycopy(p0, 0, image, 0, p0.length);
        System.arraycopy(p1, 0, image, 0x200, p1.length);
        String dts = Dts.guest("", Dts.vcpu("vcpu0", Dts.RAM, "") + Dts.vcpu("vcpu1", Dts.RAM + 0x200, ""),
                Dts.ram("mem0", Dts.RAM, 0x10000, Dts.image(dir, image))
                        + Dts.device("ctr", CounterEmulator.COMPAT, 0x1000_0000L, 0x100, ""));
        List<Guest> guests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            guests.add(k.create(dts, "s" + i));
        }
        AtomicInteger ops = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            fs.add(pool.submit(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    Guest g = guests.get(r.nextInt(guests.size()));
                    Vcpu v = g.vcpus().get(r.nextInt(2));
                    try {
                        switch (r.nextInt(9)) {
                            case 0 -> g.kick();
                            case 1 -> g.pause();
                            case 2 -> g.resume();
                            case 3 -> g.reset();
                            case 4 -> g.halt();
                            case 5 -> v.pause();
                            case 6 -> v.resume();
                            case 7 -> v.kick();
                            default -> {
                                v.stats();
                                g.regions();
                                v.waiting();
                            }
                        }
                        ops.incrementAndGet();
                    } catch (IllegalStateException e) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get(20, TimeUnit.SECONDS); // a deadlock shows as a timeout here
        }
        pool.shutdown();
        assertTrue(ops.get() > 100, "operations done: " + ops.get());
        // every guest still obeys its state machine afterwards
        for (Guest g : guests) {
            g.reset();
            assertEquals(GuestState.RESET, g.state());
            for (Vcpu v : g.vcpus()) {
                assertEquals(VcpuState.RESET, v.state(), v.name());
            }
            g.kick();
            Vcpu v1 = g.vcpus().get(1);
            long out = g.console().outputCount();
            TestKernel.await(g, () -> g.console().outputCount() > out + 3, 5000);
            g.pause();
            for (Vcpu v : g.vcpus()) {
                assertEquals(VcpuState.PAUSED, v.state(), v.name());
            }
            assertTrue(v1.stats().switches() > 0);
            g.destroy();
        }
        assertEquals(0, k.kernel.hostMemory().used());
        assertTrue(k.kernel.scheduler().entities().isEmpty(), k.kernel.scheduler().entities().toString());
    }
}
