package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAlignedToTheWidestCellAndLinesCarryNoTrailingBlanks() {
        Table t = new Table("name", "state").row("guest0", "RUNNING").row("g1", "");
        assertEquals("""
                name    state
                ------  -------
                guest0  RUNNING
                g1""", t.toString());
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefused() {
        Table t = new Table("a", "b");
        assertThrows(IllegalArgumentException.class, () -> t.row("only one"));
    }
}
