package hv.emu.internal.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import hv.emu.internal.AccessLog;
import hv.emu.testing.FakeContext;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SifiveTestDeviceTest {

    record Request(boolean reset, int exitCode, String reason) {
    }

    final List<Request> requests = new ArrayList<>();
    FakeContext ctx;
    SifiveTest finisher;

    @BeforeEach
    void setUp() {
        ctx = FakeContext.device("test", 0x100000, 0x1000);
        finisher = newFinisher(requests);
    }

    SifiveTest newFinisher(List<Request> sink) {
        return new SifiveTest("test", (reset, code, reason) -> sink.add(new Request(reset, code, reason)),
                new AccessLog(ctx.log(), "test"));
    }

    @Test
    void writing_0x5555_powers_off_with_exit_code_0() {
        finisher.write(0, 4, SifiveTest.FINISHER_PASS);
        assertEquals(List.of(new Request(false, 0, "test: PASS")), requests);
        assertEquals(SifiveTest.FINISHER_PASS, finisher.lastRequest());
    }

    @Test
    void writing_0x3333_powers_off_with_the_code_in_the_high_half() {
        finisher.write(0, 4, 42L << 16 | SifiveTest.FINISHER_FAIL);
        assertEquals(List.of(new Request(false, 42, "test: FAIL code 42")), requests);
        finisher.write(0, 4, 0xFFFFL << 16 | SifiveTest.FINISHER_FAIL);
        assertEquals(0xFFFF, requests.get(1).exitCode());
    }

    @Test
    void the_platform_gets_a_guest_exit_of_the_matching_kind() {
        SifiveTest real = new SifiveTest("test", hv.emu.internal.PowerControl.from(ctx), new AccessLog(ctx.log(), "test"));
        real.write(0, 4, SifiveTest.FINISHER_PASS);
        real.write(0, 4, 7L << 16 | SifiveTest.FINISHER_FAIL);
        real.write(0, 4, SifiveTest.FINISHER_RESET);
        assertEquals(List.of(
                new hv.core.guest.GuestExit(hv.core.guest.GuestExit.Kind.POWER_OFF, 0, "test: PASS"),
                new hv.core.guest.GuestExit(hv.core.guest.GuestExit.Kind.FAILURE, 7, "test: FAIL code 7"),
                new hv.core.guest.GuestExit(hv.core.guest.GuestExit.Kind.RESET, 0, "test: RESET")), ctx.exits);
    }

    @Test
    void writing_0x7777_resets() {
        finisher.write(0, 4, SifiveTest.FINISHER_RESET);
        assertEquals(List.of(new Request(true, 0, "test: RESET")), requests);
    }

    @Test
    void a_64_bit_write_uses_the_low_word_only() {
        finisher.write(0, 8, 0xDEAD_BEEF_0000_0000L | 3L << 16 | SifiveTest.FINISHER_FAIL);
        assertEquals(3, requests.get(0).exitCode());
    }

    @Test
    void other_values_offsets_and_widths_are_ignored_and_counted() {
        finisher.write(0, 4, 0x1234);
        finisher.write(0, 2, SifiveTest.FINISHER_PASS);
        finisher.write(4, 4, SifiveTest.FINISHER_PASS);
        finisher.write(2, 4, SifiveTest.FINISHER_PASS);
        assertEquals(List.of(), requests);
        assertEquals(4, finisher.unhandledAccesses());
        assertEquals(0, finisher.read(0, 4), "reads return 0");
    }

    @Test
    void the_factory_serves_the_context_and_logs_requests_until_the_core_can_take_them() {
        Emulator e = new SifiveTestFactory().create(ctx);
        e.write(0, 4, SifiveTest.FINISHER_PASS);
        assertEquals(1, ((SifiveTest) e).requests());
    }

    @Test
    void save_and_restore_keep_what_the_guest_asked_for() {
        finisher.write(0, 4, 7L << 16 | SifiveTest.FINISHER_FAIL);
        finisher.write(0, 4, 1);
        SavedState saved = SavedState.fromBytes(finisher.save().toBytes());
        List<Request> other = new ArrayList<>();
        SifiveTest fresh = newFinisher(other);
        fresh.restore(saved);
        assertEquals(finisher.lastRequest(), fresh.lastRequest());
        assertEquals(finisher.requests(), fresh.requests());
        assertEquals(finisher.unhandledAccesses(), fresh.unhandledAccesses());
        fresh.write(0, 4, SifiveTest.FINISHER_RESET);
        finisher.write(0, 4, SifiveTest.FINISHER_RESET);
        assertEquals(requests.get(requests.size() - 1), other.get(0));
        assertThrows(StateException.class, () -> fresh.restore(new SavedState("x", 1)));
        assertThrows(StateException.class, () -> fresh.restore(new SavedState(SifiveTest.STATE_TYPE, 2)));
    }

    @Test
    void hostile_accesses_never_throw_and_only_the_three_codes_act() {
        Random rnd = new Random(0x5555);
        int[] widths = {1, 2, 4, 8};
        for (int k = 0; k < 20_000; k++) {
            long off = rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextInt(16);
            int w = widths[rnd.nextInt(4)];
            long v = rnd.nextInt(8) == 0 ? (rnd.nextLong() & ~0xFFFFL) | SifiveTest.FINISHER_FAIL : rnd.nextLong();
            if (rnd.nextBoolean()) {
                finisher.write(off, w, v);
            } else {
                assertEquals(0, finisher.read(off, w));
            }
        }
        assertEquals(0, finisher.internalErrors());
        for (Request r : requests) {
            assertTrue(r.reset() ? r.exitCode() == 0 : r.exitCode() >= 0 && r.exitCode() <= 0xFFFF, r.toString());
        }
        assertEquals(requests.size(), finisher.requests());
    }
}
