package hv.emu.internal.uart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import hv.core.state.SavedState;
import hv.core.state.StateException;
import hv.emu.internal.DeviceProps;
import hv.emu.testing.FakeContext;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Ns16550Test {

    static final int RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6,
            SCR = 7;

    FakeContext ctx;
    FakeContext.FakeConsole console;
    Ns16550 uart;

    @BeforeEach
    void setUp() {
        ctx = FakeContext.device("uart0", 0x1000_0000L, 0x100, 10);
        uart = Ns16550Factory.create(ctx, DeviceProps.of(Map.of("reg-shift", 2, "reg-io-width", 4)));
        console = ctx.console("uart0");
    }

    int rd(int reg) {
        return (int) uart.read((long) reg << 2, 4);
    }

    void wr(int reg, int v) {
        uart.write((long) reg << 2, 4, v);
    }

    boolean irq() {
        return ctx.irq(0).level();
    }

    @Test
    void a_polled_driver_sends_and_receives_bytes() {
        for (char c : "hello".toCharArray()) {
            while ((rd(LSR) & Ns16550.LSR_THRE) == 0) {
                Thread.onSpinWait();
            }
            wr(THR, c);
        }
        assertEquals("hello", console.output());
        assertEquals(0, rd(LSR) & Ns16550.LSR_DR);
        console.type("ok");
        StringBuilder got = new StringBuilder();
        while ((rd(LSR) & Ns16550.LSR_DR) != 0) {
            got.append((char) rd(RBR));
        }
        assertEquals("ok", got.toString());
        assertFalse(irq(), "no interrupt is enabled");
    }

    @Test
    void console_input_longer_than_the_fifo_is_not_lost() {
        wr(FCR, Ns16550.FCR_ENABLE);
        String text = "the quick brown fox jumps over the lazy dog";
        console.type(text);
        StringBuilder got = new StringBuilder();
        while ((rd(LSR) & Ns16550.LSR_DR) != 0) {
            got.append((char) rd(RBR));
        }
        assertEquals(text, got.toString());
        assertEquals(0, rd(LSR) & Ns16550.LSR_OE, "back-pressure, not overrun");
    }

    @Test
    void received_data_raises_the_line_when_enabled_and_reading_lowers_it() {
        wr(IER, Ns16550.IER_ERBFI);
        assertFalse(irq());
        assertEquals(Ns16550.IIR_NONE, rd(IIR));
        console.type("x");
        assertTrue(irq());
        assertEquals(Ns16550.IIR_RDA, rd(IIR), "16450 mode reports received data available");
        assertEquals('x', rd(RBR));
        assertFalse(irq());
        assertEquals(Ns16550.IIR_NONE, rd(IIR));
    }

    @Test
    void fifo_mode_reports_a_timeout_below_the_trigger_level_and_data_available_at_it() {
        wr(FCR, 0x81 | Ns16550.FCR_CLEAR_RX); // trigger level 8
        wr(IER, Ns16550.IER_ERBFI);
        console.type("abc");
        assertEquals(Ns16550.IIR_TIMEOUT | Ns16550.IIR_FIFOS, rd(IIR));
        console.type("defgh");
        assertEquals(Ns16550.IIR_RDA | Ns16550.IIR_FIFOS, rd(IIR));
        for (int k = 0; k < 8; k++) {
            rd(RBR);
        }
        assertEquals(Ns16550.IIR_NONE | Ns16550.IIR_FIFOS, rd(IIR));
        assertFalse(irq());
    }

    @Test
    void the_thre_interrupt_follows_16550_semantics() {
        wr(IER, Ns16550.IER_ETBEI);
        assertTrue(irq(), "enabling ETBEI with THR empty raises THRE");
        assertEquals(Ns16550.IIR_THRE, rd(IIR));
        assertFalse(irq(), "reading IIR while it reports THRE clears it");
        assertEquals(Ns16550.IIR_NONE, rd(IIR));
        wr(THR, 'a');
        assertTrue(irq(), "THR empties at once, which re-arms THRE");
        wr(IER, 0);
        assertFalse(irq());
        wr(IER, Ns16550.IER_ETBEI);
        assertTrue(irq(), "re-enabling ETBEI re-arms THRE");
        assertEquals(Ns16550.IIR_THRE, rd(IIR));
        wr(IER, Ns16550.IER_ETBEI);
        assertTrue(irq(), "an IER write with ETBEI set re-arms THRE while THR is empty");
        assertEquals("a", console.output());
    }

    @Test
    void linux_thre_quirk_probe_sees_a_well_behaved_uart() {
        // The 8250 driver's UART_BUG_THRE test: IIR after enabling THRI, then after toggling IER.
        wr(IER, Ns16550.IER_ETBEI);
        int iir1 = rd(IIR);
        wr(IER, 0);
        wr(IER, Ns16550.IER_ETBEI);
        int iir = rd(IIR);
        wr(IER, 0);
        assertEquals(0, iir1 & Ns16550.IIR_NONE);
        assertEquals(0, iir & Ns16550.IIR_NONE);
    }

    @Test
    void iir_reports_line_status_then_data_then_thre_then_modem_status() {
        wr(FCR, Ns16550.FCR_ENABLE);
        wr(MCR, Ns16550.MCR_LOOP);
        for (int k = 0; k < Ns16550.FIFO_SIZE + 1; k++) {
            wr(THR, 'a' + k); // one too many: overrun
        }
        wr(MCR, Ns16550.MCR_LOOP | Ns16550.MCR_RTS); // CTS changes: a modem status delta
        wr(IER, 0x0F);
        assertEquals(Ns16550.IIR_RLS | Ns16550.IIR_FIFOS, rd(IIR));
        assertEquals(Ns16550.LSR_OE, rd(LSR) & Ns16550.LSR_OE, "LSR read reports and clears the overrun");
        assertEquals(Ns16550.IIR_RDA | Ns16550.IIR_FIFOS, rd(IIR));
        while ((rd(LSR) & Ns16550.LSR_DR) != 0) {
            rd(RBR);
        }
        assertEquals(Ns16550.IIR_THRE | Ns16550.IIR_FIFOS, rd(IIR));
        assertEquals(Ns16550.IIR_MSI | Ns16550.IIR_FIFOS, rd(IIR), "THRE was cleared by the IIR read");
        assertTrue(irq());
        int msr = rd(MSR);
        assertEquals(Ns16550.MSR_CTS, msr & 0xF0, "in loopback CTS follows RTS");
        assertEquals(Ns16550.MSR_DCTS, msr & Ns16550.MSR_DCTS);
        assertEquals(Ns16550.IIR_NONE | Ns16550.IIR_FIFOS, rd(IIR));
        assertFalse(irq());
    }

    @Test
    void a_full_fifo_overruns_and_keeps_the_first_sixteen_bytes() {
        wr(FCR, Ns16550.FCR_ENABLE);
        wr(MCR, Ns16550.MCR_LOOP);
        for (int k = 0; k < 20; k++) {
            wr(THR, 'A' + k);
        }
        int lsr = rd(LSR);
        assertEquals(Ns16550.LSR_OE | Ns16550.LSR_DR, lsr & (Ns16550.LSR_OE | Ns16550.LSR_DR));
        assertEquals(0, rd(LSR) & Ns16550.LSR_OE, "OE clears when LSR is read");
        StringBuilder got = new StringBuilder();
        while ((rd(LSR) & Ns16550.LSR_DR) != 0) {
            got.append((char) rd(RBR));
        }
        assertEquals("ABCDEFGHIJKLMNOP", got.toString());
        assertEquals("", console.output(), "loopback output does not reach the line");
    }

    @Test
    void without_fifos_a_new_byte_overwrites_the_unread_one() {
        wr(MCR, Ns16550.MCR_LOOP);
        wr(THR, '1');
        wr(THR, '2');
        assertEquals(Ns16550.LSR_OE, rd(LSR) & Ns16550.LSR_OE);
        assertEquals('2', rd(RBR));
        assertEquals(0, rd(LSR) & Ns16550.LSR_DR);
    }

    @Test
    void fifo_control_clears_the_receiver_and_reports_fifos_in_iir() {
        wr(FCR, Ns16550.FCR_ENABLE);
        assertEquals(3, rd(IIR) >> 6, "Linux identifies a 16550A by IIR bits 7:6");
        console.type("abc");
        wr(FCR, Ns16550.FCR_ENABLE | Ns16550.FCR_CLEAR_RX);
        assertEquals(0, rd(LSR) & Ns16550.LSR_DR);
        wr(FCR, 0);
        assertEquals(0, rd(IIR) >> 6);
    }

    @Test
    void dlab_selects_the_divisor_latch_without_disturbing_ier_or_transmitting() {
        wr(IER, Ns16550.IER_ERBFI);
        wr(LCR, Ns16550.LCR_DLAB | 0x03);
        wr(DLL, 0x0C);
        wr(DLM, 0x01);
        assertEquals(0x0C, rd(DLL));
        assertEquals(0x01, rd(DLM));
        assertEquals("", console.output(), "a DLL write is not a THR write");
        wr(LCR, 0x03);
        assertEquals(Ns16550.IER_ERBFI, rd(IER));
        assertEquals(0x03, rd(LCR));
        wr(LCR, Ns16550.LCR_DLAB);
        assertEquals(0x0C, rd(DLL));
    }

    @Test
    void loopback_routes_modem_control_to_modem_status_as_linux_expects() {
        assertEquals(Ns16550.MSR_CONNECTED, rd(MSR) & 0xF0, "a console is always connected");
        wr(MCR, Ns16550.MCR_LOOP | Ns16550.MCR_OUT2 | Ns16550.MCR_RTS);
        assertEquals(0x90, rd(MSR) & 0xF0, "CTS from RTS, DCD from OUT2");
        wr(MCR, Ns16550.MCR_LOOP | Ns16550.MCR_OUT1);
        assertEquals(Ns16550.MSR_RI, rd(MSR) & Ns16550.MSR_RI);
        wr(MCR, Ns16550.MCR_LOOP);
        assertEquals(Ns16550.MSR_TERI, rd(MSR) & Ns16550.MSR_TERI, "trailing edge of RI");
        wr(THR, 'Z');
        assertEquals('Z', rd(RBR));
        wr(MCR, 0xFF);
        assertEquals(0x1F, rd(MCR), "MCR bits 5-7 are 0");
    }

    @Test
    void scratch_and_line_control_hold_any_value() {
        for (int v : new int[] {0x00, 0x55, 0xAA, 0xFF}) {
            wr(SCR, v);
            assertEquals(v, rd(SCR));
        }
        wr(IER, 0xFF);
        assertEquals(0x0F, rd(IER), "IER bits 4-7 are 0");
    }

    @Test
    void input_left_in_the_console_arrives_once_loopback_ends() {
        wr(MCR, Ns16550.MCR_LOOP);
        console.type("q");
        assertEquals(0, rd(LSR) & Ns16550.LSR_DR, "loopback disconnects the line");
        wr(MCR, 0);
        assertEquals(Ns16550.LSR_DR, rd(LSR) & Ns16550.LSR_DR);
        assertEquals('q', rd(RBR));
    }

    @Test
    void reg_shift_places_registers_and_other_offsets_are_not_served() {
        wr(SCR, 0x5A);
        assertEquals(0x5A, uart.read(7 << 2, 1), "a byte access at the register works too");
        long before = uart.unhandledAccesses();
        assertEquals(0, uart.read((7 << 2) + 1, 1));
        uart.write(0x40, 4, 1);
        assertEquals(before + 2, uart.unhandledAccesses());
        FakeContext c0 = FakeContext.device("uart1", 0x1000_0000L, 0x100, 10);
        Ns16550 packed = Ns16550Factory.create(c0, DeviceProps.none());
        packed.write(7, 1, 0x33);
        assertEquals(0x33, packed.read(7, 1));
    }

    @Test
    void the_factory_refuses_a_bad_reg_shift_or_io_width_naming_the_property() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ns16550Factory.create(ctx, DeviceProps.of(Map.of("reg_shift", 5))));
        assertTrue(e.getMessage().contains("reg-shift"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Ns16550Factory.create(ctx, DeviceProps.of(Map.of("reg-io-width", 3))));
        assertTrue(e.getMessage().contains("reg-io-width"), e.getMessage());
        FakeContext small = FakeContext.device("uart2", 0, 8, 10);
        assertThrows(IllegalArgumentException.class, () -> Ns16550Factory.create(small, DeviceProps.of(Map.of("reg-shift", 2))));
    }

    @Test
    void a_uart_without_interrupts_still_works_polled() {
        FakeContext c = FakeContext.device("uart3", 0, 0x100);
        Ns16550 polled = Ns16550Factory.create(c, DeviceProps.none());
        polled.write(IER, 1, 0x0F);
        polled.write(THR, 1, 'k');
        assertEquals("k", c.console("uart3").output());
        assertEquals(Ns16550.IIR_THRE, polled.read(IIR, 1));
    }

    @Test
    void reset_returns_to_the_power_on_state_and_lowers_the_line() {
        wr(IER, 0x0F);
        wr(LCR, 0x83);
        wr(SCR, 9);
        assertTrue(irq());
        uart.reset();
        assertFalse(irq());
        assertEquals(0, rd(LCR));
        assertEquals(0, rd(IER));
        assertEquals(0, rd(SCR));
        assertEquals(Ns16550.IIR_NONE, rd(IIR));
        assertEquals(Ns16550.LSR_THRE | Ns16550.LSR_TEMT, rd(LSR));
    }

    /** Reads every register in a fixed order (with their side effects) and returns what was seen. */
    List<Integer> probe(Ns16550 u, FakeContext c) {
        List<Integer> seen = new ArrayList<>();
        seen.add(c.irq(0).level() ? 1 : 0);
        for (int reg : new int[] {LCR, IER, MCR, SCR, MSR, IIR, LSR, IIR}) {
            seen.add((int) u.read(reg << 2, 4));
        }
        u.write(LCR << 2, 4, Ns16550.LCR_DLAB);
        seen.add((int) u.read(DLL << 2, 4));
        seen.add((int) u.read(DLM << 2, 4));
        u.write(LCR << 2, 4, 0);
        while ((u.read(LSR << 2, 4) & Ns16550.LSR_DR) != 0) {
            seen.add((int) u.read(RBR << 2, 4));
        }
        seen.add((int) u.read(IIR << 2, 4));
        seen.add(c.irq(0).level() ? 1 : 0);
        return seen;
    }

    @Test
    void save_and_restore_into_a_fresh_instance_behave_identically() {
        wr(LCR, Ns16550.LCR_DLAB);
        wr(DLL, 0x34);
        wr(DLM, 0x12);
        wr(LCR, 0x1B);
        wr(FCR, 0x41);
        wr(SCR, 0x77);
        wr(MCR, Ns16550.MCR_LOOP | Ns16550.MCR_DTR);
        for (int k = 0; k < 18; k++) {
            wr(THR, '0' + k);
        }
        wr(IER, 0x0F);
        SavedState saved = SavedState.fromBytes(uart.save().toBytes());
        assertEquals(Ns16550.STATE_TYPE, saved.type());

        FakeContext other = FakeContext.device("uart0", 0x1000_0000L, 0x100, 10);
        Ns16550 fresh = Ns16550Factory.create(other, DeviceProps.of(Map.of("reg-shift", 2)));
        fresh.restore(saved);
        assertEquals(irq(), other.irq(0).level(), "the restored instance drives the line as the old one did");
        assertEquals(probe(uart, ctx), probe(fresh, other));
    }

    @Test
    void a_fresh_instance_leaves_the_line_alone_until_restore_drives_it() {
        FakeContext other = FakeContext.device("uart0", 0x1000_0000L, 0x100, 10);
        other.irq(0).set(true); // held high by the instance that was swapped out
        Ns16550 fresh = Ns16550Factory.create(other, DeviceProps.of(Map.of("reg-shift", 2)));
        assertTrue(other.irq(0).level(), "no glitch while the state is not yet restored");
        fresh.restore(uart.save());
        assertFalse(other.irq(0).level(), "the saved state has nothing pending");
    }

    @Test
    void restore_refuses_an_unknown_type_or_version() {
        assertThrows(StateException.class, () -> uart.restore(new SavedState("hv.emu.plic", 1)));
        assertThrows(StateException.class, () -> uart.restore(new SavedState(Ns16550.STATE_TYPE, 99)));
        SavedState bad = uart.save();
        bad.put("rx", new byte[40]);
        assertThrows(StateException.class, () -> uart.restore(bad));
    }

    @Test
    void hostile_accesses_never_throw_and_leave_the_uart_sane() {
        Random rnd = new Random(16550);
        int[] widths = {1, 2, 4, 8};
        for (int k = 0; k < 50_000; k++) {
            long off = rnd.nextInt(8) == 0 ? rnd.nextLong() : rnd.nextInt(0x110);
            int w = widths[rnd.nextInt(4)];
            if (rnd.nextBoolean()) {
                uart.write(off, w, rnd.nextLong());
            } else {
                uart.read(off, w);
            }
            if (rnd.nextInt(100) == 0) {
                console.type(String.valueOf((char) ('a' + rnd.nextInt(26))));
            }
            int lsr = rd(LSR);
            assertEquals(Ns16550.LSR_THRE | Ns16550.LSR_TEMT, lsr & (Ns16550.LSR_THRE | Ns16550.LSR_TEMT));
            assertEquals(0, rd(MCR) & ~0x1F);
            if ((rd(LCR) & Ns16550.LCR_DLAB) == 0) {
                assertEquals(0, rd(IER) & ~0x0F);
            }
            boolean line = irq();
            int iir = rd(IIR);
            assertTrue(java.util.Set.of(0x01, 0x06, 0x04, 0x0C, 0x02, 0x00).contains(iir & 0x0F), "IIR " + iir);
            assertEquals((iir & 1) == 0, line, "the line is high exactly when IIR reports an interrupt");
        }
        assertEquals(0, uart.internalErrors());
        assertTrue(uart.unhandledAccesses() > 0);
        uart.reset();
        wr(THR, '!');
        assertTrue(console.output().endsWith("!"));
    }

    @Test
    void close_detaches_from_the_console() {
        assertTrue(console.hasCallback());
        uart.close();
        assertFalse(console.hasCallback());
    }
}
