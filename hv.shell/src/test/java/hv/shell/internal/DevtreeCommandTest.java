package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.dt.DeviceTree;

class DevtreeCommandTest {

    private final Fakes.FakeManager manager = new Fakes.FakeManager().add(Fakes.guest("g0", 1));

    private static final String HOST = "/dts-v1/;\n/ { model = \"host\"; cpus { cpu@0 { reg = <0>; }; }; };\n";

    @Test
    void showPrintsTheGuestDtANodeAndAProperty() {
        DevtreeCommand cmd = new DevtreeCommand(manager, (String) null);
        String all = cmd.devtree(null, "show", "g0").toString();
        assertTrue(all.startsWith("/dts-v1/;\n\n/ {\n"), all);
        assertEquals("mem0 {\n\tdevice_type = \"alloced_ram\";\n};", cmd.devtree(null, "show", "g0", "/aspace/mem0"));
        assertEquals("/aspace/mem0: device_type = \"alloced_ram\";",
                cmd.devtree(null, "show", "g0", "/aspace/mem0", "device_type"));
        assertEquals("no node /nope in the guest DT of g0 (see its nodes with hv:devtree show g0)",
                assertThrows(ShellException.class, () -> cmd.devtree(null, "show", "g0", "/nope")).getMessage());
        assertEquals("node /aspace/mem0 of the guest DT of g0 has no property 'reg': it has device_type",
                assertThrows(ShellException.class, () -> cmd.devtree(null, "show", "g0", "/aspace/mem0", "reg"))
                        .getMessage());
    }

    @Test
    void hostReadsTheHostDtAsDtsOrDtb(@TempDir Path dir) throws Exception {
        Path dts = Files.writeString(dir.resolve("host.dts"), HOST);
        Path dtb = Files.write(dir.resolve("host.dtb"), DeviceTree.parseDts(HOST, "host.dts").toDtb());
        for (Path p : new Path[] { dts, dtb }) {
            DevtreeCommand cmd = new DevtreeCommand(manager, p.toString());
            assertTrue(cmd.devtree(null, "host").toString().contains("model = \"host\";"));
            assertEquals("cpu@0 {\n\treg = <0x00>;\n};", cmd.devtree(null, "host", "/cpus/cpu@0"));
            assertEquals("/: model = \"host\";", cmd.devtree(null, "host", "/", "model"));
            assertEquals("no node /memory in the host DT " + p + " (see its nodes with hv:devtree host)",
                    assertThrows(ShellException.class, () -> cmd.devtree(null, "host", "/memory")).getMessage());
        }
        DevtreeCommand missing = new DevtreeCommand(manager, dir.resolve("gone.dts").toString());
        assertTrue(assertThrows(ShellException.class, () -> missing.devtree(null, "host")).getMessage()
                .startsWith("cannot read the host DT " + dir.resolve("gone.dts") + ": "));
    }

    @Test
    void withoutAHostDtTheHostRunsOnDefaults() {
        DevtreeCommand cmd = new DevtreeCommand(manager, "");
        assertTrue(cmd.devtree(null, "host").toString().startsWith("(no host DT: hv runs on its defaults;"));
        assertEquals("there is no host DT: hv runs on defaults (set the framework property hv.host.dt to a host DT file)",
                assertThrows(ShellException.class, () -> cmd.devtree(null, "host", "/cpus")).getMessage());
    }
}
