package hv.itest.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code hv:devtree}: a guest's DT whole, one node, one property; the host DT. */
class DevtreeCommandTest extends ShellTestBase {

    @Test
    void showPrintsTheGuestDtANodeOrAProperty() {
        create("g0", 1);
        String all = shell.run("hv:devtree show g0");
        assertTrue(all.startsWith("/dts-v1/;"), all);
        assertTrue(all.contains("device_type = \"guest\";"), all);
        assertTrue(all.contains("mem0 {"), all);

        String node = shell.run("hv:devtree show g0 /vcpus/vcpu0");
        assertTrue(node.startsWith("vcpu0 {"), node);
        assertTrue(node.contains("compatible = \"test,counter\";"), node);
        assertTrue(node.endsWith("};"), node);

        assertEquals("/aspace/mem0: device_type = \"alloced_ram\";",
                shell.run("hv:devtree show g0 /aspace/mem0 device_type"));
        assertEquals("/aspace/uart0: interrupts = <0x0a>;", shell.run("hv:devtree show g0 /aspace/uart0 interrupts"));
    }

    @Test
    void aMissingNodeOrPropertyIsNamedWithWhatExists() {
        create("g0", 1);
        assertEquals("no node /aspace/nope in the guest DT of g0 (see its nodes with hv:devtree show g0)",
                shell.error("hv:devtree show g0 /aspace/nope"));
        assertEquals("node /vcpus of the guest DT of g0 has no property 'x': it has none",
                shell.error("hv:devtree show g0 /vcpus x"));
        String e = shell.error("hv:devtree show g0 /aspace/mem0 size");
        assertTrue(e.startsWith("node /aspace/mem0 of the guest DT of g0 has no property 'size': it has manifest_type,"
                + " address_type, device_type, guest_physical_addr, physical_size"), e);
        assertEquals("no guest 'g9': guests are g0", shell.error("hv:devtree show g9"));
        assertEquals("missing GUEST: usage: hv:devtree show GUEST [PATH [PROPERTY]]", shell.error("hv:devtree show"));
    }

    @Test
    void hostSaysWhenTheHostRunsOnDefaults() {
        // the test framework has no hv.host.dt
        assertTrue(shell.run("hv:devtree host").startsWith("(no host DT: hv runs on its defaults"));
        assertTrue(shell.error("hv:devtree host /cpus").startsWith("there is no host DT"));
    }
}
