package hv.dt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DtsWriterTest {

    private static String fromBlob(int... value) {
        byte[] b = new byte[value.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) value[i];
        }
        DeviceTree t = DeviceTree.create();
        t.root().setBytes("p", b);
        return DeviceTree.readDtb(t.toDtb()).root().requiredProperty("p").toDts();
    }

    @Test
    void values_without_type_information_are_guessed_like_dtc_guesses() {
        assertEquals("p = \"abc\";", fromBlob('a', 'b', 'c', 0));
        assertEquals("p = \"a\\0bc\";", fromBlob('a', 0, 'b', 'c', 0));
        assertEquals("p = <0x01 0x2000>;", fromBlob(0, 0, 0, 1, 0, 0, 0x20, 0));
        assertEquals("p = [01 02 03];", fromBlob(1, 2, 3));
        assertEquals("p = [00];", fromBlob(0));
        assertEquals("p = <0x61000000>;", fromBlob('a', 0, 0, 0));
        assertEquals("p = \"tab\\there\";", fromBlob('t', 'a', 'b', 9, 'h',
                'e', 'r', 'e', 0));
        assertEquals("p;", fromBlob());
    }

    @Test
    void values_keep_the_shape_they_were_written_in() {
        DeviceTree t = Samples.dts("/dts-v1/; / { p = \"s\", <1>, [02], /bits/ 16 <3>, /bits/ 64 <4>, /bits/ 8 <5>; };");
        assertEquals("p = \"s\", <0x01>, [02], /bits/ 16 <0x03>, /bits/ 64 <0x04>, [05];",
                t.root().requiredProperty("p").toDts());
    }

    @Test
    void a_node_prints_with_its_labels_children_and_blank_lines() {
        DeviceTree t = Samples.dts("/dts-v1/; / { l: n@1 { a = <1>; c1 { }; c2 { x; }; }; };");
        assertEquals("""
                l: n@1 {
                	a = <0x01>;

                	c1 {
                	};

                	c2 {
                		x;
                	};
                };
                """, t.node("/n@1").toDts());
    }

    @Test
    void a_whole_tree_prints_its_reservations_first() {
        DeviceTree t = DeviceTree.create();
        t.addMemoryReservation(0x1000, 0x20);
        t.root().setString("model", "m");
        assertEquals("/dts-v1/;\n\n/memreserve/\t0x0000000000001000 0x0000000000000020;\n/ {\n\tmodel = \"m\";\n};\n",
                t.toDts());
    }

    @Test
    void strings_are_escaped_so_that_they_read_back_the_same() {
        DeviceTree built = DeviceTree.create();
        built.root().setBytes("p", new byte[] {'a', 0, '1', 0});
        built.root().setStrings("q", "x\"y\\z", "caf\u00e9");
        DeviceTree t = DeviceTree.readDtb(built.toDtb()); // no type information: "p" is guessed
        String dts = t.toDts();
        assertEquals("\tp = \"a\\0001\";", dts.lines().filter(l -> l.startsWith("\tp")).findFirst().orElseThrow());
        assertEquals("q = \"x\\\"y\\\\z\", \"caf\\xc3\\xa9\";", built.root().requiredProperty("q").toDts());
        assertEquals(new String(t.toDtb(), java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(DeviceTree.parseDts(dts, "e.dts").toDtb(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void a_name_that_would_read_as_a_directive_is_escaped() {
        DeviceTree t = DeviceTree.create();
        t.root().setU32("#include", 1).setU32("#address-cells", 2);
        String dts = t.toDts();
        assertEquals("/dts-v1/;\n\n/ {\n\t\\#include = <0x01>;\n\t#address-cells = <0x02>;\n};\n", dts);
        assertEquals(1, DeviceTree.parseDts(dts, "d.dts").root().u32("#include"));
    }
}
