package hv.emu.internal.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import hv.core.emu.Emulator;
import hv.core.state.SavedState;
import hv.core.state.StateException;
import hv.emu.testing.FakeContext;
import hv.emu.testing.ManualTimers;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GoldfishRtcTest {

    static final int TIME_LOW = 0x00, TIME_HIGH = 0x04, ALARM_LOW = 0x08, ALARM_HIGH = 0x0c, IRQ_ENABLED = 0x10,
            CLEAR_ALARM = 0x14, ALARM_STATUS = 0x18, CLEAR_INTERRUPT = 0x1c;
    static final long SECOND = 1_000_000_000L;

    FakeContext ctx;
    ManualTimers clock;
    GoldfishRtc rtc;

    @BeforeEach
    void setUp() {
        ctx = FakeContext.device("rtc", 0x101000, 0x1000, 11);
        clock = ctx.timers();
        rtc = create(ctx);
    }

    static GoldfishRtc create(FakeContext c) {
        Emulator e = new GoldfishRtcFactory().create(c);
        return (GoldfishRtc) e;
    }

    static long time(GoldfishRtc r) {
        long low = r.read(TIME_LOW, 4);
        long high = r.read(TIME_HIGH, 4);
        return high << 32 | low;
    }

    static void setTime(GoldfishRtc r, long t) {
        r.write(TIME_HIGH, 4, t >>> 32);
        r.write(TIME_LOW, 4, t & 0xFFFF_FFFFL);
    }

    static void setAlarm(GoldfishRtc r, long t) {
        r.write(ALARM_HIGH, 4, t >>> 32);
        r.write(ALARM_LOW, 4, t & 0xFFFF_FFFFL);
    }

    boolean irq() {
        return ctx.irq(0).level();
    }

    @Test
    void time_is_the_guest_wall_clock_in_nanoseconds_since_1970() {
        assertEquals(ManualTimers.EPOCH, time(rtc));
        clock.advance(3 * SECOND);
        assertEquals(ManualTimers.EPOCH + 3 * SECOND, time(rtc));
    }

    @Test
    void a_virtual_wall_clock_is_what_the_guest_sees() {
        clock.setWallAtZero(86_400 * SECOND); // 1970-01-02, as a virtual-time guest's epoch might be
        assertEquals(86_400 * SECOND, time(rtc));
    }

    @Test
    void reading_time_low_latches_time_high() {
        long low = rtc.read(TIME_LOW, 4);
        long expectedHigh = ManualTimers.EPOCH >>> 32;
        clock.advance(10L << 32); // the high half moves on by 10
        assertEquals(expectedHigh, rtc.read(TIME_HIGH, 4), "TIME_HIGH is the half latched with TIME_LOW");
        assertEquals(ManualTimers.EPOCH & 0xFFFF_FFFFL, low);
        rtc.read(TIME_LOW, 4);
        assertEquals(expectedHigh + 10, rtc.read(TIME_HIGH, 4));
    }

    @Test
    void writing_the_time_sets_an_offset_that_keeps_running() {
        setTime(rtc, 1_000 * SECOND);
        assertEquals(1_000 * SECOND, time(rtc));
        clock.advance(SECOND);
        assertEquals(1_001 * SECOND, time(rtc));
    }

    @Test
    void an_alarm_fires_at_its_time_and_raises_the_line_when_enabled() {
        rtc.write(IRQ_ENABLED, 4, 1);
        setAlarm(rtc, ManualTimers.EPOCH + SECOND);
        assertEquals(1, rtc.read(ALARM_STATUS, 4));
        assertEquals(ManualTimers.EPOCH + SECOND, rtc.read(ALARM_HIGH, 4) << 32 | rtc.read(ALARM_LOW, 4));
        clock.advance(SECOND / 2);
        assertFalse(irq());
        clock.advance(SECOND / 2);
        assertTrue(irq());
        assertEquals(0, rtc.read(ALARM_STATUS, 4), "a fired alarm is no longer armed");
        rtc.write(CLEAR_INTERRUPT, 4, 1);
        assertFalse(irq());
    }

    @Test
    void an_alarm_in_the_past_fires_at_once() {
        rtc.write(IRQ_ENABLED, 4, 1);
        setAlarm(rtc, 5);
        clock.advance(0);
        assertTrue(irq());
    }

    @Test
    void a_disabled_interrupt_is_held_until_enabled() {
        setAlarm(rtc, ManualTimers.EPOCH + 10);
        clock.advance(10);
        assertFalse(irq());
        rtc.write(IRQ_ENABLED, 4, 1);
        assertTrue(irq());
        assertEquals(1, rtc.read(IRQ_ENABLED, 4));
        rtc.write(IRQ_ENABLED, 4, 0);
        assertFalse(irq());
    }

    @Test
    void clearing_the_alarm_disarms_it() {
        rtc.write(IRQ_ENABLED, 4, 1);
        setAlarm(rtc, ManualTimers.EPOCH + SECOND);
        rtc.write(CLEAR_ALARM, 4, 1);
        assertEquals(0, rtc.read(ALARM_STATUS, 4));
        assertEquals(0, clock.pendingCount(), "its timer is cancelled");
        clock.advance(2 * SECOND);
        assertFalse(irq());
    }

    @Test
    void setting_the_time_moves_an_armed_alarm_with_it() {
        rtc.write(IRQ_ENABLED, 4, 1);
        setAlarm(rtc, ManualTimers.EPOCH + 100 * SECOND);
        setTime(rtc, ManualTimers.EPOCH + 99 * SECOND);
        clock.advance(SECOND);
        assertTrue(irq(), "one second of RTC time was left");
        rtc.write(CLEAR_INTERRUPT, 4, 1);
        setAlarm(rtc, ManualTimers.EPOCH + 200 * SECOND);
        setTime(rtc, ManualTimers.EPOCH);
        clock.advance(100 * SECOND);
        assertFalse(irq(), "the clock went back: the alarm waits");
        clock.advance(100 * SECOND);
        assertTrue(irq());
    }

    @Test
    void an_alarm_beyond_2_to_the_63_never_overflows_the_timer() {
        setAlarm(rtc, -1L);
        assertEquals(1, rtc.read(ALARM_STATUS, 4));
        clock.advance(1000 * SECOND);
        assertEquals(1, rtc.read(ALARM_STATUS, 4));
        assertFalse(irq());
    }

    @Test
    void other_widths_offsets_and_directions_are_counted_and_harmless() {
        long before = rtc.unhandledAccesses();
        assertEquals(0, rtc.read(TIME_LOW, 8));
        assertEquals(0, rtc.read(0x20, 4));
        assertEquals(0, rtc.read(CLEAR_ALARM, 4));
        rtc.write(ALARM_STATUS, 4, 1);
        rtc.write(0x02, 2, 1);
        assertEquals(before + 5, rtc.unhandledAccesses());
        assertEquals(ManualTimers.EPOCH, time(rtc), "the time is untouched");
    }

    @Test
    void reset_forgets_the_offset_and_the_alarm() {
        setTime(rtc, 7);
        rtc.write(IRQ_ENABLED, 4, 1);
        setAlarm(rtc, ManualTimers.EPOCH + SECOND);
        rtc.reset();
        assertEquals(ManualTimers.EPOCH, time(rtc));
        assertEquals(0, rtc.read(ALARM_STATUS, 4));
        assertEquals(0, clock.pendingCount());
        assertFalse(irq());
    }

    List<Long> observe(GoldfishRtc r, FakeContext c) {
        List<Long> seen = new ArrayList<>();
        seen.add(r.read(TIME_HIGH, 4)); // the latch
        seen.add(time(r));
        for (int reg : new int[] {ALARM_LOW, ALARM_HIGH, IRQ_ENABLED, ALARM_STATUS}) {
            seen.add(r.read(reg, 4));
        }
        seen.add(c.irq(0).level() ? 1L : 0L);
        c.timers().advance(SECOND);
        seen.add(c.irq(0).level() ? 1L : 0L);
        seen.add(r.read(ALARM_STATUS, 4));
        r.write(TIME_LOW, 4, 0); // uses the TIME_HIGH value staged before the save
        seen.add(time(r));
        return seen;
    }

    @Test
    void save_and_restore_into_a_fresh_instance_behave_identically() {
        setTime(rtc, 0x1234_5678_9ABC_DEF0L);
        rtc.read(TIME_LOW, 4);
        rtc.write(TIME_HIGH, 4, 0x77);
        rtc.write(IRQ_ENABLED, 4, 1);
        setAlarm(rtc, 0x1234_5678_9ABC_DEF0L + SECOND / 2);
        rtc.write(ALARM_HIGH, 4, 0x55);
        SavedState saved = SavedState.fromBytes(rtc.save().toBytes());

        FakeContext other = FakeContext.device("rtc", 0x101000, 0x1000, 11);
        GoldfishRtc fresh = create(other);
        fresh.restore(saved);
        assertEquals(1, other.timers().pendingCount(), "the armed alarm is re-armed");
        assertEquals(observe(rtc, ctx), observe(fresh, other));
    }

    @Test
    void restore_refuses_an_unknown_type_or_version() {
        assertThrows(StateException.class, () -> rtc.restore(new SavedState("hv.emu.vminfo", 1)));
        assertThrows(StateException.class, () -> rtc.restore(new SavedState(GoldfishRtc.STATE_TYPE, 0)));
    }

    @Test
    void hostile_accesses_never_throw_and_keep_the_line_consistent() {
        Random rnd = new Random(0x601D);
        int[] widths = {1, 2, 4, 8};
        for (int k = 0; k < 30_000; k++) {
            long off = rnd.nextInt(5) == 0 ? rnd.nextLong() : rnd.nextInt(0x40);
            int w = rnd.nextInt(3) == 0 ? widths[rnd.nextInt(4)] : 4;
            if (rnd.nextBoolean()) {
                rtc.write(off, w, rnd.nextLong());
            } else {
                long v = rtc.read(off, w);
                assertTrue(w == 8 || v >= 0 && v <= 0xFFFF_FFFFL);
            }
            if (rnd.nextInt(50) == 0) {
                clock.advance(rnd.nextInt(1_000_000));
            }
            assertTrue(clock.pendingCount() <= 1, "at most one alarm timer");
        }
        assertEquals(0, rtc.internalErrors());
        rtc.close();
        assertEquals(0, clock.pendingCount(), "close cancels the alarm");
    }
}
