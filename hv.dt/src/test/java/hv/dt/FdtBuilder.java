package hv.dt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes flattened device trees token by token, so that tests can write broken ones. */
final class FdtBuilder {
    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final ByteArrayOutputStream rsv = new ByteArrayOutputStream();

    FdtBuilder u32(int v) {
        struct.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
        return this;
    }

    FdtBuilder begin(String name) {
        u32(1);
        byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
        struct.writeBytes(b);
        struct.write(0);
        pad();
        return this;
    }

    FdtBuilder prop(String name, byte[] value) {
        return propAt(string(name), value.length, value);
    }

    FdtBuilder prop(String name, int... value) {
        byte[] b = new byte[value.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) value[i];
        }
        return prop(name, b);
    }

    FdtBuilder propAt(int nameOffset, int length, byte... value) {
        u32(3).u32(length).u32(nameOffset);
        struct.writeBytes(value);
        pad();
        return this;
    }

    FdtBuilder end() {
        return u32(2);
    }

    FdtBuilder nop() {
        return u32(4);
    }

    FdtBuilder finish() {
        return u32(9);
    }

    FdtBuilder reserve(long address, long size) {
        rsv.writeBytes(ByteBuffer.allocate(16).putLong(address).putLong(size).array());
        return this;
    }

    /** Adds a string to the strings block and returns its offset. */
    int string(String s) {
        int off = strings.size();
        strings.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        strings.write(0);
        return off;
    }

    FdtBuilder rawStrings(byte[] b) {
        strings.writeBytes(b);
        return this;
    }

    private void pad() {
        while (struct.size() % 4 != 0) {
            struct.write(0);
        }
    }

    /** The blob laid out as dtc does (header, reservations and terminator, struct, strings). */
    ByteBuffer build() {
        byte[] r = rsv.toByteArray();
        byte[] s = struct.toByteArray();
        byte[] str = strings.toByteArray();
        int offRsv = 40;
        int offStruct = offRsv + r.length + 16;
        int offStrings = offStruct + s.length;
        int total = offStrings + str.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(0xd00dfeed).putInt(total).putInt(offStruct).putInt(offStrings).putInt(offRsv)
                .putInt(17).putInt(16).putInt(0).putInt(str.length).putInt(s.length);
        b.put(r).put(new byte[16]).put(s).put(str);
        return b;
    }

    static byte[] bytes(ByteBuffer b) {
        return b.array();
    }
}
