package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class UnitsTest {

    private static String error(Runnable r) {
        return assertThrows(ShellException.class, r::run).getMessage();
    }

    @Test
    void numbersAreHexOrDecimalAndUnsigned64Bit() {
        assertEquals(0x8000_0000L, Units.number("0x80000000", "GPA"));
        assertEquals(0x8000_0000L, Units.number("0X8000_0000", "GPA"));
        assertEquals(2147483648L, Units.number("2147483648", "GPA"));
        assertEquals(-1L, Units.number("0xffffffffffffffff", "GPA"));
        assertEquals("GPA '-1' is not a number: expected hex (0x80000000) or decimal", error(() -> Units.number("-1", "GPA")));
        assertEquals("GPA '0x' is not a number: expected hex (0x80000000) or decimal", error(() -> Units.number("0x", "GPA")));
        assertEquals("GPA '0x1ffffffffffffffff' is not a number: expected hex (0x80000000) or decimal",
                error(() -> Units.number("0x1ffffffffffffffff", "GPA")));
    }

    @Test
    void sizesTakeBinarySuffixesAndMustBePositiveAndFit() {
        assertEquals(4096, Units.size("4K", "SIZE"));
        assertEquals(4096, Units.size("4k", "SIZE"));
        assertEquals(4096, Units.size("4KiB", "SIZE"));
        assertEquals(4096, Units.size("4 KB", "SIZE"));
        assertEquals(2L << 20, Units.size("2M", "SIZE"));
        assertEquals(1L << 30, Units.size("1G", "SIZE"));
        assertEquals(1L << 40, Units.size("1T", "SIZE"));
        assertEquals(0x1000, Units.size("0x1000", "SIZE"));
        assertEquals(100, Units.size("100B", "SIZE"));
        assertEquals(0xbb, Units.size("0xbb", "SIZE"), "hex digits are not a B suffix");
        assertEquals("SIZE '0' must be more than 0 bytes", error(() -> Units.size("0", "SIZE")));
        assertEquals("SIZE '4Q' is not a size: expected bytes (4096, 0x1000) or 4K, 2M, 1G", error(() -> Units.size("4Q", "SIZE")));
        assertEquals("SIZE 'K' is not a size: expected bytes (4096, 0x1000) or 4K, 2M, 1G", error(() -> Units.size("K", "SIZE")));
        assertEquals("SIZE '16777216T' is too large", error(() -> Units.size("16777216T", "SIZE")));
        assertEquals("SIZE '0xffffffffffffffff' is too large", error(() -> Units.size("0xffffffffffffffff", "SIZE")));
    }

    @Test
    void cpuListsAreSortedRangesCheckedAgainstTheHostCpus() {
        assertEquals(List.of(0, 2), Units.cpuList("2,0", 4));
        assertEquals(List.of(0, 1, 2, 3), Units.cpuList("0-3", 4));
        assertEquals(List.of(0, 1, 3), Units.cpuList("0-1, 3, 1", 4));
        assertEquals("host CPU 4 does not exist: host CPUs are 0..3", error(() -> Units.cpuList("0,4", 4)));
        assertEquals("host CPU 1 does not exist: host CPUs are 0", error(() -> Units.cpuList("1", 1)));
        assertEquals("CPU list '3-1' is malformed: expected numbers in 0..3 like 0,2 or 0-3", error(() -> Units.cpuList("3-1", 4)));
        assertEquals("CPU list 'a' is malformed: expected numbers in 0..3 like 0,2 or 0-3", error(() -> Units.cpuList("a", 4)));
        assertEquals("CPU list '-1' is malformed: expected numbers in 0..3 like 0,2 or 0-3", error(() -> Units.cpuList("-1", 4)));
        assertEquals("0-3", Units.cpus(List.of(0, 1, 2, 3)));
        assertEquals("0,2-3,5", Units.cpus(List.of(0, 2, 3, 5)));
        assertEquals("all", Units.cpus(List.of()));
    }

    @Test
    void bytesDurationsAndPercentagesReadWell() {
        assertEquals("512 B", Units.bytes(512));
        assertEquals("4 KiB", Units.bytes(4096));
        assertEquals("1.5 MiB", Units.bytes(3 << 19));
        assertEquals("64 MiB", Units.bytes(64 << 20));
        assertEquals("4 EiB", Units.bytes(1L << 62));
        assertEquals("850 ns", Units.nanos(850));
        assertEquals("12.3 us", Units.nanos(12_300));
        assertEquals("45.6 ms", Units.nanos(45_600_000));
        assertEquals("3.21 s", Units.nanos(3_210_000_000L));
        assertEquals("125 s", Units.nanos(125_000_000_000L));
        assertEquals("-", Units.nanos(-1));
        assertEquals("37.5%", Units.percent(3, 8));
        assertEquals("-", Units.percent(3, 0));
        assertEquals("0x80000000", Units.hex(0x8000_0000L));
    }

    @Test
    void indexesAreSmallDecimalNumbersInRange() {
        assertEquals(3, Units.index("3", "CPU", 3));
        assertEquals("CPU 4 is out of range: expected 0..3", error(() -> Units.index("4", "CPU", 3)));
        assertEquals("CPU 'x' is not a number: expected 0..3", error(() -> Units.index("x", "CPU", 3)));
    }
}
