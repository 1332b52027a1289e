package hv.core.emu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import hv.core.internal.emu.IrqRouter;

class IrqRouterTest {

    @Test
    void levelsAreKeptInTheCoreAndOnlyChangesAreSignalled() {
        IrqRouter r = new IrqRouter(8);
        IrqLine l = r.handle(3);
        l.raise();
        l.raise();
        assertTrue(l.level());
        assertTrue(r.level(3));
        l.lower();
        assertFalse(r.level(3));
        assertEquals(3, l.line());
    }

    @Test
    void aLineOutsideGuestIrqCountIsRefused() {
        IrqRouter r = new IrqRouter(8);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> r.handle(8));
        assertTrue(e.getMessage().contains("guest_irq_count"), e.getMessage());
    }

    @Test
    void resetDropsLevels() {
        IrqRouter r = new IrqRouter(4);
        r.set(1, true);
        r.reset();
        assertFalse(r.level(1));
    }
}
