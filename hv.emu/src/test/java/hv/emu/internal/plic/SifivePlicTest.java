package hv.emu.internal.plic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import hv.core.state.SavedState;
import hv.core.state.StateException;
import hv.emu.internal.DeviceProps;
import hv.emu.testing.FakeContext;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SifivePlicTest {

    static final int HARTS = 4;
    static final int LINES = 64;
    static final int SEIP = SifivePlic.PIN_SEIP;
    static final int MEIP = SifivePlic.PIN_MEIP;

    FakeContext ctx;
    SifivePlic plic;

    @BeforeEach
    void setUp() {
        ctx = newContext();
        plic = SifivePlicFactory.create(ctx, DeviceProps.none());
    }

    static FakeContext newContext() {
        return new FakeContext(FakeContext.region("plic", 0x0C00_0000L, 0x400_0000L), HARTS, LINES);
    }

    static int s(int hart) {
        return 2 * hart + 1;
    }

    static int m(int hart) {
        return 2 * hart;
    }

    static void priority(SifivePlic p, int src, int v) {
        p.write(4L * src, 4, v);
    }

    static void enable(SifivePlic p, int context, int src, boolean on) {
        long off = 0x2000 + 0x80L * context + 4 * (src / 32);
        long v = p.read(off, 4);
        v = on ? v | 1L << (src % 32) : v & ~(1L << (src % 32));
        p.write(off, 4, v);
    }

    static void threshold(SifivePlic p, int context, int v) {
        p.write(0x20_0000 + 0x1000L * context, 4, v);
    }

    static int claim(SifivePlic p, int context) {
        return (int) p.read(0x20_0004 + 0x1000L * context, 4);
    }

    static void complete(SifivePlic p, int context, int id) {
        p.write(0x20_0004 + 0x1000L * context, 4, id);
    }

    static long pendingWord(SifivePlic p, int word) {
        return p.read(0x1000 + 4L * word, 4);
    }

    void line(int n, boolean level) {
        ctx.guestIrq(n).set(level);
    }

    boolean pin(int hart, int pin) {
        return ctx.hart(hart).pin(pin);
    }

    @Test
    void sources_default_to_one_per_guest_line_and_contexts_to_two_per_hart() {
        assertEquals(LINES - 1, plic.sources());
        assertEquals(2 * HARTS, plic.contexts());
    }

    @Test
    void a_raised_line_reaches_only_the_contexts_that_enable_it() {
        priority(plic, 10, 1);
        enable(plic, s(2), 10, true);
        line(10, true);
        for (int h = 0; h < HARTS; h++) {
            assertEquals(h == 2, pin(h, SEIP), "hart " + h);
            assertFalse(pin(h, MEIP));
        }
        enable(plic, m(1), 10, true);
        assertTrue(pin(1, MEIP), "an M context drives MEIP");
        assertEquals(1L << 10, pendingWord(plic, 0));
        assertEquals(10, claim(plic, s(2)));
        assertFalse(pin(2, SEIP));
        assertFalse(pin(1, MEIP), "claimed by another context: no longer pending anywhere");
    }

    @Test
    void only_priorities_above_the_threshold_interrupt_but_claims_ignore_the_threshold() {
        priority(plic, 5, 3);
        enable(plic, s(0), 5, true);
        threshold(plic, s(0), 3);
        line(5, true);
        assertFalse(pin(0, SEIP), "priority 3 does not exceed threshold 3");
        threshold(plic, s(0), 2);
        assertTrue(pin(0, SEIP));
        threshold(plic, s(0), 7);
        assertFalse(pin(0, SEIP));
        assertEquals(5, claim(plic, s(0)), "the claim process is not affected by the threshold");
    }

    @Test
    void a_claim_returns_the_highest_priority_then_the_lowest_id() {
        for (int src : new int[] {3, 4, 40, 41}) {
            enable(plic, s(1), src, true);
        }
        priority(plic, 3, 2);
        priority(plic, 4, 6);
        priority(plic, 40, 6);
        priority(plic, 41, 7);
        for (int src : new int[] {3, 4, 40, 41}) {
            line(src, true);
        }
        assertEquals(41, claim(plic, s(1)));
        assertEquals(4, claim(plic, s(1)));
        assertEquals(40, claim(plic, s(1)));
        assertEquals(3, claim(plic, s(1)));
        assertEquals(0, claim(plic, s(1)), "nothing left");
        assertFalse(pin(1, SEIP));
    }

    @Test
    void the_gateway_forwards_a_held_level_again_only_after_completion() {
        priority(plic, 7, 1);
        enable(plic, s(0), 7, true);
        line(7, true);
        assertEquals(7, claim(plic, s(0)));
        assertFalse(pin(0, SEIP), "in flight: not pending although the line is high");
        assertEquals(0, claim(plic, s(0)));
        complete(plic, s(0), 7);
        assertTrue(pin(0, SEIP), "still high after completion: a new request");
        assertEquals(7, claim(plic, s(0)));
        line(7, false);
        complete(plic, s(0), 7);
        assertFalse(pin(0, SEIP), "low at completion: no new request");
        assertEquals(0, pendingWord(plic, 0));
    }

    @Test
    void a_request_stays_pending_when_the_line_drops_before_the_claim() {
        priority(plic, 9, 1);
        enable(plic, s(3), 9, true);
        line(9, true);
        line(9, false);
        assertTrue(pin(3, SEIP));
        assertEquals(9, claim(plic, s(3)));
    }

    @Test
    void a_completion_is_ignored_unless_the_source_is_enabled_for_that_context_and_in_flight() {
        priority(plic, 12, 1);
        enable(plic, s(0), 12, true);
        line(12, true);
        complete(plic, s(0), 12);
        assertEquals(12, claim(plic, s(0)));
        complete(plic, s(1), 12); // not enabled for hart 1's context
        assertEquals(0, claim(plic, s(0)), "still in flight");
        enable(plic, s(0), 12, false);
        complete(plic, s(0), 12); // disabled now: ignored (Linux re-enables around its EOI)
        enable(plic, s(0), 12, true);
        assertEquals(0, claim(plic, s(0)), "still in flight");
        complete(plic, s(0), 12);
        assertEquals(12, claim(plic, s(0)), "completed, the level is still high");
        complete(plic, s(0), 999);
        complete(plic, s(0), -1);
    }

    @Test
    void priority_zero_never_interrupts() {
        enable(plic, s(0), 20, true);
        line(20, true);
        assertFalse(pin(0, SEIP));
        assertEquals(0, claim(plic, s(0)));
        priority(plic, 20, 1);
        assertTrue(pin(0, SEIP));
    }

    @Test
    void registers_are_warl_and_reserved_bits_read_zero() {
        priority(plic, 3, 100);
        assertEquals(SifivePlicFactory.DEFAULT_MAX_PRIORITY, plic.read(4 * 3, 4), "clamped to max_priority");
        priority(plic, 0, 5);
        assertEquals(0, plic.read(0, 4), "source 0 does not exist");
        priority(plic, 1000, 5);
        assertEquals(0, plic.read(4 * 1000, 4), "nor do sources beyond riscv,ndev");
        plic.write(0x2000, 4, 0xFFFF_FFFFL);
        assertEquals(0xFFFF_FFFEL, plic.read(0x2000, 4), "enable bit 0 is hardwired 0");
        plic.write(0x2004, 4, 0xFFFF_FFFFL);
        assertEquals(0xFFFF_FFFFL, plic.read(0x2004, 4), "sources 32..63");
        plic.write(0x2008, 4, 0xFFFF_FFFFL);
        assertEquals(0, plic.read(0x2008, 4));
        threshold(plic, s(0), 1 << 20);
        assertEquals(SifivePlicFactory.DEFAULT_MAX_PRIORITY, plic.read(0x20_0000 + 0x1000 * s(0), 4));
    }

    @Test
    void accesses_outside_the_map_or_the_contexts_are_counted_and_harmless() {
        long before = plic.unhandledAccesses();
        assertEquals(0, plic.read(0x20_0000 + 0x1000L * (2 * HARTS), 4), "no such context");
        plic.write(0x2000 + 0x80L * (2 * HARTS), 4, -1);
        assertEquals(0, plic.read(0x1000 + 0x100, 4), "a hole");
        assertEquals(0, plic.read(0x20_0008, 4), "reserved space in a context page");
        plic.write(0x1000, 4, -1); // pending bits are read only
        assertEquals(0, plic.read(0x10, 1), "byte access");
        assertEquals(0, plic.read(0x12, 4), "misaligned");
        assertEquals(before + 7, plic.unhandledAccesses());
        assertEquals(0, pendingWord(plic, 0));
    }

    @Test
    void an_edge_while_in_flight_is_delivered_after_completion() {
        priority(plic, 30, 1);
        enable(plic, s(0), 30, true);
        ctx.guestIrq(30).pulse();
        assertEquals(30, claim(plic, s(0)));
        ctx.guestIrq(30).pulse();
        assertEquals(0, claim(plic, s(0)));
        complete(plic, s(0), 30);
        assertEquals(30, claim(plic, s(0)));
        complete(plic, s(0), 30);
        assertEquals(0, claim(plic, s(0)));
    }

    @Test
    void lines_beyond_the_sources_and_line_zero_are_ignored() {
        SifivePlic small = SifivePlicFactory.create(
                new FakeContext(FakeContext.region("plic", 0, 0x400_0000L), 1, LINES), DeviceProps.of(Map.of("riscv,ndev", 8)));
        assertEquals(8, small.sources());
        small.levelChanged(9, true);
        small.levelChanged(0, true);
        small.levelChanged(-3, true);
        small.edge(5000);
        assertEquals(0, small.read(0x1000, 4));
    }

    @Test
    @Timeout(60)
    void concurrent_raisers_and_claimers_on_several_harts_lose_and_duplicate_nothing() throws Exception {
        int sources = 24;
        int rounds = 200;
        Random rnd = new Random(7);
        for (int src = 1; src <= sources; src++) {
            priority(plic, src, 1 + rnd.nextInt(7));
            for (int h = 0; h < HARTS; h++) {
                enable(plic, s(h), src, true);
            }
        }
        AtomicIntegerArray serviced = new AtomicIntegerArray(sources + 1);
        AtomicIntegerArray inService = new AtomicIntegerArray(sources + 1);
        AtomicInteger total = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int h = 0; h < HARTS; h++) {
            int hart = h;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (!stop.get()) {
                        int id = claim(plic, s(hart));
                        if (id == 0) {
                            Thread.yield();
                            continue;
                        }
                        if (!inService.compareAndSet(id, 0, 1)) {
                            throw new AssertionError("source " + id + " claimed twice at once");
                        }
                        ctx.guestIrq(id).set(false); // the driver acknowledges the device, which lowers its line
                        serviced.incrementAndGet(id);
                        total.incrementAndGet();
                        inService.set(id, 0);
                        complete(plic, s(hart), id);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        List<Thread> raisers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int first = 1 + t * (sources / 6);
            raisers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        for (int src = first; src < first + sources / 6; src++) {
                            ctx.guestIrq(src).set(true);
                        }
                        for (int src = first; src < first + sources / 6; src++) {
                            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                            while (serviced.get(src) < r + 1) {
                                if (System.nanoTime() > deadline) {
                                    throw new AssertionError("source " + src + " round " + r + " was never serviced");
                                }
                                Thread.yield();
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : raisers) {
            t.join();
        }
        Thread.sleep(20);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(sources * rounds, total.get(), "every raise serviced exactly once");
        for (int h = 0; h < HARTS; h++) {
            assertFalse(pin(h, SEIP), "hart " + h + " pin low at the end");
        }
        assertEquals(0, plic.internalErrors());
    }

    /** What each context would see now: pins, pending words, and the order of its claims. */
    static List<Long> observe(SifivePlic p, FakeContext c) {
        List<Long> seen = new ArrayList<>();
        for (int h = 0; h < HARTS; h++) {
            seen.add(c.hart(h).pins());
        }
        seen.add(pendingWord(p, 0));
        seen.add(pendingWord(p, 1));
        for (int context = 0; context < 2 * HARTS; context++) {
            seen.add(p.read(0x20_0000 + 0x1000L * context, 4));
            List<Integer> claimed = new ArrayList<>();
            int id;
            while ((id = claim(p, context)) != 0) { // ends: each claim puts one more source in flight
                claimed.add(id);
                seen.add((long) id);
            }
            for (int done : claimed) {
                complete(p, context, done);
                seen.add(pendingWord(p, 0));
                seen.add(pendingWord(p, 1));
            }
        }
        return seen;
    }

    @Test
    void save_and_restore_into_a_fresh_instance_behave_identically() {
        Random rnd = new Random(42);
        for (int src = 1; src < LINES; src++) {
            priority(plic, src, rnd.nextInt(8));
        }
        for (int context = 0; context < 2 * HARTS; context++) {
            plic.write(0x2000 + 0x80L * context, 4, rnd.nextInt());
            plic.write(0x2004 + 0x80L * context, 4, rnd.nextInt());
            threshold(plic, context, rnd.nextInt(4));
        }
        for (int src = 1; src < LINES; src += 3) {
            line(src, true);
        }
        claim(plic, s(0));
        claim(plic, s(2)); // two sources in flight
        for (int src = 2; src < LINES; src += 9) {
            line(src, true);
            line(src, false); // pending, line low
        }
        SavedState saved = SavedState.fromBytes(plic.save().toBytes());

        FakeContext other = newContext();
        for (int n = 0; n < LINES; n++) {
            other.guestIrq(n).set(ctx.guestIrq(n).level());
        }
        SifivePlic fresh = SifivePlicFactory.create(other, DeviceProps.none());
        fresh.restore(saved);
        assertEquals(observe(plic, ctx), observe(fresh, other));
    }

    @Test
    void a_fresh_instance_leaves_the_pins_alone_until_restore_drives_them() {
        FakeContext other = newContext();
        other.hart(1).setPin(SEIP, true); // raised by the instance that was swapped out
        SifivePlic fresh = SifivePlicFactory.create(other, DeviceProps.none());
        assertTrue(other.hart(1).pin(SEIP));
        fresh.restore(plic.save());
        assertFalse(other.hart(1).pin(SEIP), "nothing is pending in the saved state");
    }

    @Test
    void restore_refuses_another_type_version_or_size() {
        assertThrows(StateException.class, () -> plic.restore(new SavedState("hv.emu.ns16550", 1)));
        assertThrows(StateException.class, () -> plic.restore(new SavedState(SifivePlic.STATE_TYPE, 2)));
        SifivePlic small = new SifivePlic(8, 7, newContext().harts(), new hv.emu.internal.AccessLog(ctx.log(), "t"));
        StateException e = assertThrows(StateException.class, () -> small.restore(plic.save()));
        assertTrue(e.getMessage().contains("sources"), e.getMessage());
    }

    @Test
    void the_factory_reads_ndev_num_irq_and_max_priority_and_refuses_bad_values() {
        FakeContext c = new FakeContext(FakeContext.region("plic", 0, 0x400_0000L), 2, 128);
        SifivePlic p = SifivePlicFactory.create(c, DeviceProps.of(Map.of("num_irq", 100, "max_priority", 3)));
        assertEquals(100, p.sources());
        priority(p, 1, 7);
        assertEquals(3, p.read(4, 4));
        assertThrows(IllegalStateException.class, () -> SifivePlicFactory.create(c, DeviceProps.none()),
                "a guest's lines can be claimed once");
        for (Map<String, Integer> bad : List.of(Map.of("riscv,ndev", 0), Map.of("riscv,ndev", 1024),
                Map.of("max_priority", 0), Map.of("parent_irq", 11))) {
            FakeContext c2 = newContext();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SifivePlicFactory.create(c2, DeviceProps.of(bad)));
            assertTrue(e.getMessage().contains(bad.keySet().iterator().next().replace("riscv,ndev", "ndev")), e.getMessage());
        }
    }

    @Test
    void reset_clears_registers_and_keeps_high_lines_as_requests() {
        priority(plic, 4, 5);
        enable(plic, s(0), 4, true);
        line(4, true);
        threshold(plic, s(0), 1);
        assertTrue(pin(0, SEIP));
        plic.reset();
        assertFalse(pin(0, SEIP), "enables are cleared");
        assertEquals(0, plic.read(16, 4));
        assertEquals(1L << 4, pendingWord(plic, 0));
    }

    @Test
    void close_releases_the_lines() {
        plic.close();
        assertTrue(ctx.released());
    }

    @Test
    void hostile_accesses_and_line_storms_never_throw_and_keep_the_invariants() {
        Random rnd = new Random(0x91C);
        int[] widths = {1, 2, 4, 8};
        for (int k = 0; k < 40_000; k++) {
            int kind = rnd.nextInt(10);
            long off = switch (rnd.nextInt(6)) {
                case 0 -> rnd.nextInt(0x1000);
                case 1 -> 0x1000 + rnd.nextInt(0x100);
                case 2 -> 0x2000 + rnd.nextInt(0x80 * 2 * HARTS + 0x100);
                case 3 -> 0x20_0000 + rnd.nextInt(0x1000 * (2 * HARTS + 2));
                case 4 -> rnd.nextInt(0x400_0000);
                default -> rnd.nextLong();
            };
            int w = rnd.nextInt(4) == 0 ? widths[rnd.nextInt(4)] : 4;
            if (kind < 4) {
                plic.write(off & ~(w == 4 ? 3L : 0), w, rnd.nextLong());
            } else if (kind < 8) {
                long v = plic.read(off & ~(w == 4 ? 3L : 0), w);
                assertTrue(v >= 0 && v <= 0xFFFF_FFFFL);
            } else if (kind == 8) {
                line(1 + rnd.nextInt(LINES - 1), rnd.nextBoolean());
            } else {
                ctx.guestIrq(rnd.nextInt(LINES)).pulse();
            }
            if (k % 997 == 0) {
                for (int context = 0; context < 2 * HARTS; context++) {
                    int id = claim(plic, context);
                    assertTrue(id >= 0 && id < LINES, "claim " + id);
                }
            }
        }
        assertEquals(0, plic.internalErrors());
        // Invariant: a pin is high exactly when its context has an enabled pending source above its threshold.
        plic.reset();
        for (int h = 0; h < HARTS; h++) {
            assertFalse(pin(h, SEIP) || pin(h, MEIP));
        }
    }
}
