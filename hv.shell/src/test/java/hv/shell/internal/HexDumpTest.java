package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

class HexDumpTest {

    @Test
    void theLayoutIsThatOfHexdumpC() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(Fakes.bytes("hv shell\u0000\u0001\u007f\u0080\u00ffABCDEFG"));
        b.writeBytes(new byte[64]);
        b.writeBytes(Fakes.bytes("tail"));
        // what `hexdump -C` prints for the same bytes
        assertEquals("""
                00000000  68 76 20 73 68 65 6c 6c  00 01 7f 80 ff 41 42 43  |hv shell.....ABC|
                00000010  44 45 46 47 00 00 00 00  00 00 00 00 00 00 00 00  |DEFG............|
                00000020  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                *
                00000050  00 00 00 00 74 61 69 6c                           |....tail|
                00000058""", HexDump.format(0, b.toByteArray()));
    }

    @Test
    void linesStartAtTheGivenAddressAndWidenFor64BitAddresses() {
        assertEquals("""
                80000001  41                                                |A|
                80000002""", HexDump.format(0x8000_0001L, Fakes.bytes("A")));
        assertEquals("""
                0000001000000000  41 42                                             |AB|
                0000001000000002""", HexDump.format(0x10_0000_0000L, Fakes.bytes("AB")));
    }
}
