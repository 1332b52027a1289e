package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;

import org.junit.jupiter.api.Test;

class KeySourceTest {

    @Test
    void aPlainStreamGivesBytesTimeoutsAndItsEnd() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        try (KeySource k = KeySource.of(new PipedInputStream(typing), "test")) {
            assertEquals(KeySource.TIMEOUT, k.read(20));
            typing.write(new byte[] { 'a', (byte) 0xff });
            typing.flush();
            assertEquals('a', k.read(5_000));
            assertEquals(0xff, k.read(5_000));
            typing.close();
            assertEquals(KeySource.EOF, k.read(5_000));
            assertEquals(KeySource.EOF, k.read(5_000), "the end stays the end");
        }
    }
}
