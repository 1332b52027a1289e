package hv.emu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import hv.dt.DeviceTree;
import hv.dt.Node;
import hv.emu.internal.uart.Ns16550Factory;
import hv.emu.testing.FakeContext;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RegisterMapTest {

    /** A register map for the tests: base, width, count, stride. */
    interface Def extends RegisterDef {
        long[] shape();

        @Override
        default long base() {
            return shape()[0];
        }

        @Override
        default int width() {
            return (int) shape()[1];
        }

        @Override
        default int count() {
            return (int) shape()[2];
        }

        @Override
        default long stride() {
            return shape()[3];
        }

        @Override
        default Access access() {
            return Access.RW;
        }

        @Override
        default long writableMask() {
            return -1;
        }

        @Override
        default String spec() {
            return "test";
        }
    }

    enum Good implements Def {
        CTRL(0x00, 4, 1, 4), TABLE(0x10, 4, 4, 4), THRESH(0x100, 4, 8, 0x100), CLAIM(0x104, 4, 8, 0x100), LAST(0x1000, 8, 1, 8);

        final long[] shape;

        Good(long... shape) {
            this.shape = shape;
        }

        @Override
        public long[] shape() {
            return shape;
        }
    }

    enum Overlap implements Def {
        A(0x00, 4, 4, 4), B(0x0c, 4, 1, 4);

        final long[] shape;

        Overlap(long... shape) {
            this.shape = shape;
        }

        @Override
        public long[] shape() {
            return shape;
        }
    }

    enum Misaligned implements Def {
        A(0x02, 4, 1, 4);

        final long[] shape;

        Misaligned(long... shape) {
            this.shape = shape;
        }

        @Override
        public long[] shape() {
            return shape;
        }
    }

    enum Interleaved implements Def {
        A(0x100, 4, 8, 0x100), B(0x102, 2, 8, 0x100);

        final long[] shape;

        Interleaved(long... shape) {
            this.shape = shape;
        }

        @Override
        public long[] shape() {
            return shape;
        }
    }

    @Test
    void lookups_find_the_register_its_index_and_the_byte_inside_it() {
        RegisterMap<Good> map = new RegisterMap<>(Good.class);
        assertEquals(new RegisterMap.Hit<>(Good.CTRL, 0, 0), map.lookup(0));
        assertEquals(new RegisterMap.Hit<>(Good.TABLE, 2, 1), map.lookup(0x19));
        assertEquals(new RegisterMap.Hit<>(Good.THRESH, 3, 0), map.lookup(0x400));
        assertEquals(new RegisterMap.Hit<>(Good.CLAIM, 3, 0), map.lookup(0x404));
        assertEquals(new RegisterMap.Hit<>(Good.LAST, 0, 7), map.lookup(0x1007));
        assertNull(map.lookup(0x04), "a hole");
        assertNull(map.lookup(0x408), "the rest of a context page");
        assertNull(map.lookup(0x900), "past the last context");
        assertNull(map.lookup(-8));
        assertNull(map.lookup(Long.MAX_VALUE));
        assertEquals(Good.CTRL, map.registers().get(0));
    }

    @Test
    void overlapping_misaligned_or_interleaving_registers_are_refused_when_the_map_is_built() {
        assertThrows(IllegalStateException.class, () -> new RegisterMap<>(Overlap.class));
        assertThrows(IllegalStateException.class, () -> new RegisterMap<>(Misaligned.class));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RegisterMap<>(Interleaved.class));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    @Test
    void device_properties_come_from_the_region_node_under_either_name() {
        Node node = DeviceTree.parseDts("""
                /dts-v1/;
                / { aspace { uart0 { reg_shift = <2>; reg_io_width = <4>; model = "x"; }; }; };
                """, "t.dts").root().find("aspace/uart0").orElseThrow();
        FakeContext ctx = new FakeContext(FakeContext.region("uart0", 0, 0x100, node, 10), 1, 32);
        DeviceProps props = DeviceProps.from(ctx);
        assertEquals(2, props.number(0, "reg-shift", "reg_shift"));
        assertEquals("x", props.string("model").orElseThrow());
        var uart = Ns16550Factory.create(ctx, props);
        uart.write(7 << 2, 4, 0x42);
        assertEquals(0x42, uart.read(7 << 2, 4), "SCR at 7 << reg_shift");
        assertTrue(DeviceProps.from(FakeContext.device("n", 0, 0x100)).number("reg-shift").isEmpty());
        assertEquals(3, DeviceProps.of(Map.of("a", 3)).number(0, "b", "a"));
    }

    @Test
    void a_malformed_property_is_reported_with_its_name() {
        Node node = DeviceTree.parseDts("""
                /dts-v1/;
                / { aspace { uart0 { reg-shift = [01 02 03]; }; }; };
                """, "t.dts").root().find("aspace/uart0").orElseThrow();
        FakeContext ctx = new FakeContext(FakeContext.region("uart0", 0, 0x100, node, 10), 1, 32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Ns16550Factory().create(ctx));
        assertTrue(e.getMessage().contains("reg-shift"), e.getMessage());
    }
}
