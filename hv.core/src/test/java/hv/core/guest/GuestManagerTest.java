package hv.core.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.core.config.GuestConfig;
import hv.core.config.GuestConfigException;
import hv.core.config.HostConfig;
import hv.core.fixture.Asm;
import hv.core.fixture.Dts;
import hv.core.fixture.TestEngineFactory;
import hv.core.fixture.TestKernel;
import hv.core.internal.config.HostConfigParser;
import hv.core.internal.guest.GuestImpl;
import hv.core.state.SavedState;
import hv.dt.DeviceTree;

class GuestManagerTest {

    @TempDir
    Path dir;

    private final TestKernel k = new TestKernel(2);

    @AfterEach
    void close() {
        k.close();
    }

    @Test
    void theXvisorVirt64GuestIsCreatedWithAllItsRegions() throws Exception {
        k.kernel.engines().add(k.engines, List.of("riscv,generic"), 0);
        k.kernel.sharedMemory().create("default", 0x0100_0000, 21);
        Path f = Path.of(getClass().getResource("/guests/virt64-guest.dts").toURI());
        Guest g = k.kernel.guests().create(f, null);
        assertEquals("virt64-guest", g.name());
        assertEquals(2, g.vcpus().size());
        assertEquals(13, g.regions().size());
        RegionInfo uart = g.regions().stream().filter(r -> r.config().name().equals("uart0")).findFirst().orElseThrow();
        assertEquals("waiting", uart.status(), "no ns16550a emulator in this test: the region waits for one");
        assertEquals("shmem:default", g.regions().stream().filter(r -> r.config().name().equals("shmem")).findFirst()
                .orElseThrow().backing());
        assertTrue(g.memory().isRam(0x8000_0000L, 0x0400_0000L));
        assertTrue(g.memory().isRam(0, 0x0200_0000L), "flash reads as memory");
        assertThrows(hv.core.mem.GuestMemoryException.class, () -> g.memory().write8(0, 1), "flash is ROM");
        assertEquals(List.of(g), k.kernel.guests().list());
        assertEquals(g, k.kernel.guests().find("virt64-guest").orElseThrow());
        assertTrue(k.kernel.guests().destroy("virt64-guest"));
        assertEquals(List.of(), k.kernel.guests().list());
    }

    @Test
    void xvisorStylePatchesFillInTheVirt64PlaceholdersBeforeCreation() throws Exception {
        k.kernel.engines().add(k.engines, List.of("riscv,generic"), 0);
        k.kernel.sharedMemory().create("ring", 0x0100_0000, 21);
        Path f = Path.of(getClass().getResource("/guests/virt64-guest.dts").toURI());
        Guest g = k.kernel.guests().create(f, "patched", List.of("mem0,physical_size,physsize,0x8000000",
                "net0,switch,string,br1", "shmem0,shared_mem,string,ring"));
        RegionInfo mem = g.regions().stream().filter(r -> r.config().name().equals("mem0")).findFirst().orElseThrow();
        assertEquals(0x0800_0000L, mem.config().size());
        assertEquals("br1", g.config().region("virtio-net0").orElseThrow().node().string("switch"));
        assertEquals("shmem:ring", g.regions().stream().filter(r -> r.config().name().equals("shmem")).findFirst()
                .orElseThrow().backing());
        GuestConfigException e = assertThrows(GuestConfigException.class,
                () -> k.kernel.guests().create(f, "bad", List.of("nosuch,x,string,y")));
        assertEquals("/aliases", e.path());
        assertThrows(GuestConfigException.class, () -> k.kernel.guests().create(f, "bad", List.of("mem0,x,float,1")));
    }

    @Test
    void aGuestFileWithRelativeImagePathsLoadsThemFromItsDirectory() throws Exception {
        Files.write(dir.resolve("fw.bin"), new Asm().print("ok", 2).stop().bytes());
        String dts = Dts.guest("", Dts.vcpu("vcpu0", Dts.RAM, ""), Dts.ram("mem0", Dts.RAM, 0x10000,
                "hv,image = \"fw.bin\";"));
        Path f = dir.resolve("g.dts");
        Files.writeString(f, dts);
        Guest g = k.kernel.guests().create(f, "rel");
        g.kick();
        TestKernel.await(g, () -> g.console().outputText().equals("ok"), 5000);
    }

    @Test
    void configurationErrorsNameTheFileTheNodeAndTheProperty() throws Exception {
        Path f = dir.resolve("bad.dts");
        Files.writeString(f, Dts.guest("", Dts.vcpu("vcpu0", 0, "priority = <9>;"), Dts.ram("m", Dts.RAM, 0x1000, "")));
        GuestConfigException e = assertThrows(GuestConfigException.class, () -> k.kernel.guests().create(f, null));
        assertEquals(f.toString(), e.file());
        assertTrue(e.getMessage().startsWith(f + ": /vcpus/vcpu0: priority: "), e.getMessage());
        Path syntax = dir.resolve("syntax.dts");
        Files.writeString(syntax, "/dts-v1/; / { oops");
        GuestConfigException s = assertThrows(GuestConfigException.class, () -> k.kernel.guests().create(syntax, null));
        assertTrue(s.getMessage().contains("syntax.dts"), s.getMessage());
    }

    @Test
    void aMissingEngineIsAClearError() {
        String dts = Dts.guest("", Dts.vcpu("vcpu0", 0, "").replace(TestEngineFactory.COMPAT, "riscv,none"),
                Dts.ram("m", Dts.RAM, 0x1000, ""));
        GuestConfigException e = assertThrows(GuestConfigException.class, () -> k.create(dts, "x"));
        assertEquals("/vcpus/vcpu0", e.path());
        assertTrue(e.getMessage().contains("no VCPU engine serves [riscv,none]"), e.getMessage());
        assertEquals(0, k.kernel.hostMemory().used());
    }

    @Test
    void guestNamesAreUnique() {
        String dts = Dts.guest("", Dts.vcpu("vcpu0", 0, ""), Dts.ram("m", Dts.RAM, 0x1000, ""));
        k.create(dts, "same");
        assertThrows(IllegalStateException.class, () -> k.create(dts, "same"));
        Guest auto = k.create(dts, null);
        assertNotEquals("same", auto.name());
    }

    @Test
    void aGuestOsDtFileIsPlacedAtTheTopOfRamWithBootArgsAndPassedInA1() throws Exception {
        Path os = dir.resolve("os.dts");
        Files.writeString(os, "/dts-v1/; / { model = \"os\"; chosen { }; };");
        String dts = Dts.guest("hv,os-dt = \"" + os + "\"; hv,bootargs = \"console=hvc0\";",
                Dts.vcpu("vcpu0", Dts.RAM, ""), Dts.ram("mem0", Dts.RAM, 0x40_0000, Dts.image(dir,
                        new Asm().stop().bytes())));
        GuestImpl g = k.create(dts, "os");
        long addr = 0x8020_0000L;
        assertEquals(addr, g.bootArgument());
        byte[] header = new byte[4];
        g.memory().read(addr, header, 0, 4);
        assertArrayEquals(new byte[] {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed}, header);
        int size = Integer.reverseBytes(g.memory().read32(addr + 4));
        byte[] blob = new byte[size];
        g.memory().read(addr, blob, 0, size);
        DeviceTree t = DeviceTree.readDtb(blob);
        assertEquals("console=hvc0", t.node("/chosen").string("bootargs"));
        g.kick();
        TestKernel.await(g, () -> g.vcpus().get(0).state() == VcpuState.RESET, 5000);
        assertEquals(addr, k.engines.engines.get(0).reg(1), "a1 holds the DT address");
        assertEquals(0, k.engines.engines.get(0).reg(0), "a0 holds the hart id");
    }

    @Test
    void aGeneratedGuestOsDtNeedsAProvider() {
        String dts = Dts.guest("hv,os-dt = \"generate\";", Dts.vcpu("vcpu0", Dts.RAM, ""),
                Dts.ram("mem0", Dts.RAM, 0x40_0000, ""));
        GuestConfigException e = assertThrows(GuestConfigException.class, () -> k.create(dts, "gen"));
        assertEquals("hv,os-dt", e.property());
        k.kernel.addOsDtProvider(c -> {
            DeviceTree t = DeviceTree.create();
            t.root().setString("model", "generated for " + c.name());
            return t.toDtb();
        }, List.of(TestEngineFactory.COMPAT), 0);
        GuestImpl g = k.create(dts, "gen");
        assertTrue(g.bootArgument() != 0);
    }

    @Test
    void engineStateCanBeSavedAndRestoredWhileStopped() throws Exception {
        byte[] prog = new Asm().li(3, 41).addi(3, 3, 1).label("l").jmp("l").bytes();
        Guest g = k.create(Dts.simple(dir, prog, "", ""), "eng");
        g.kick();
        Vcpu v = g.vcpus().get(0);
        TestKernel.await(g, () -> v.retired() > 0, 5000);
        assertThrows(IllegalStateException.class, v::saveEngine);
        g.pause();
        SavedState s = v.saveEngine();
        assertEquals("hvt", s.type());
        SavedState back = SavedState.fromBytes(s.toBytes());
        assertEquals(42, back.getLongs("r")[3]);
        long[] regs = back.getLongs("r");
        regs[3] = 7;
        v.restoreEngine(new SavedState("hvt", 1).put("pc", back.getLong("pc")).put("r", regs)
                .put("retired", back.getLong("retired")));
        assertEquals(7L, v.registers().get("r3"));
    }

    @Test
    void anEngineBundleSwapHandsTheVcpuStateToTheNewEngine() throws Exception {
        byte[] prog = new Asm().li(3, 0).label("l").addi(3, 3, 1).jmp("l").bytes();
        GuestImpl g = k.create(Dts.simple(dir, prog, "", ""), "swap");
        g.kick();
        TestKernel.await(g, () -> g.vcpus().get(0).stats().switches() > 2, 5000);
        k.kernel.engines().remove(k.engines);
        long r3 = k.engines.engines.get(0).reg(3);
        assertTrue(r3 > 0);
        TestEngineFactory next = new TestEngineFactory();
        k.kernel.engines().add(next, List.of(TestEngineFactory.COMPAT), 0);
        TestKernel.await(g, () -> !next.engines.isEmpty(), 2000);
        long after = g.vcpus().get(0).stats().switches();
        TestKernel.await(g, () -> g.vcpus().get(0).stats().switches() > after + 2, 5000);
        g.pause();
        assertTrue(next.engines.get(0).reg(3) > r3, "the new engine continued counting from the saved registers");
    }

    @Test
    void theHostDtSetsCpusMemoryAndSharedMemory() {
        DeviceTree t = DeviceTree.parseDts("/dts-v1/; / { hv,host-cpus = <3>; hv,memory-limit = <0x0 0x10000000>;"
                + " hv,missing-emulator = \"fail\"; shmem { ring { physical_size = <0x10000>; align_order = <16>; }; }; };",
                "host.dts");
        HostConfig h = HostConfigParser.parse(t, HostConfig.defaults());
        assertEquals(3, h.hostCpus());
        assertEquals(0x1000_0000L, h.memoryLimit());
        assertEquals(hv.core.config.MissingEmulator.FAIL, h.missingEmulator());
        assertEquals(List.of(new HostConfig.SharedMemorySpec("ring", 0x10000, 16)), h.sharedMemory());
        DeviceTree cpus = DeviceTree.parseDts("/dts-v1/; / { cpus { cpu@0 { }; cpu@1 { }; }; };", "h2.dts");
        assertEquals(2, HostConfigParser.parse(cpus, HostConfig.defaults()).hostCpus());
    }

    @Test
    void parseValidatesWithoutCreating() throws Exception {
        Path f = dir.resolve("p.dts");
        Files.writeString(f, Dts.guest("", Dts.vcpu("vcpu0", 0, ""), Dts.ram("m", Dts.RAM, 0x1000, "")));
        GuestConfig c = k.kernel.guests().parse(f, null);
        assertEquals("p", c.name());
        assertTrue(k.kernel.guests().list().isEmpty());
    }
}
