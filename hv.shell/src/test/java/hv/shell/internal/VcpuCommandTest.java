package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import hv.core.guest.VcpuState;
import hv.core.sched.EntityInfo;
import hv.core.sched.SchedStats;

class VcpuCommandTest {

    private final Fakes.FakeManager manager = new Fakes.FakeManager();
    private final Fakes.FakeScheduler scheduler = new Fakes.FakeScheduler();
    private final VcpuCommand cmd = new VcpuCommand(manager, scheduler);
    private Fakes.FakeGuest g0;

    @BeforeEach
    void guestAndOrphan() {
        g0 = Fakes.guest("g0", 2);
        manager.add(g0);
        ((Fakes.FakeVcpu) g0.vcpus().get(1)).state = VcpuState.RUNNING;
        ((Fakes.FakeVcpu) g0.vcpus().get(1)).stats = new SchedStats(2_000_000_000L, 0, 3, 0, 2);
        scheduler.entities.add(new EntityInfo("g0/vcpu0", false, 3, "IDLE", new SchedStats(0, 0, 0, 0, -1)));
        scheduler.entities.add(new EntityInfo("orphan/netswitch", true, 5, "READY", new SchedStats(1_000, 2_000, 9, 1, -1)));
        scheduler.entities.add(new EntityInfo("g1/vtime", false, 3, "RUNNING", new SchedStats(5_000, 0, 1, 0, 0)));
    }

    private Object run(String line) {
        return cmd.vcpu(null, line.split(" "));
    }

    private String error(String line) {
        return assertThrows(ShellException.class, () -> run(line)).getMessage();
    }

    @Test
    void listShowsGuestVcpusOrphansAndVirtualTimeGroups() {
        assertEquals("""
                vcpu              kind    state    hcpu  prio  affinity  run     ready    switches  preempt  retired
                ----------------  ------  -------  ----  ----  --------  ------  -------  --------  -------  -------
                g0/vcpu0          normal  RESET    -     3     all       1.5 ms  20.0 us  7         1        3000000
                g0/vcpu1          normal  RUNNING  2     3     all       2.00 s  0 ns     3         0        3000000
                orphan/netswitch  orphan  READY    -     5     all       1.0 us  2.0 us   9         1        -
                g1/vtime          group   RUNNING  0     3     all       5.0 us  0 ns     1         0        -""",
                run("list"));
        assertEquals(5, run("normal_list").toString().lines().count(), "header, rule, two VCPUs, the group");
        assertTrue(run("orphan_list").toString().endsWith("\norphan/netswitch  orphan  READY  -     5     all       1.0 us"
                + "  2.0 us  9         1        -"), run("orphan_list").toString());
        assertEquals(4, run("list g0").toString().lines().count());
    }

    @Test
    void dumpstatShowsConfigurationAndStatisticsAndWorksForOrphans() {
        String stat = run("dumpstat g0 vcpu0").toString();
        assertTrue(stat.startsWith("item          value\n------------  "), stat);
        assertTrue(stat.contains("\nname          g0/vcpu0\n"), stat);
        assertTrue(stat.contains("\ntime slice    10.0 ms\n"), stat);
        assertTrue(stat.contains("\nperiodicity   1.00 s\n"), stat);
        assertTrue(stat.contains("\nMIPS          2000.0"), stat);
        assertEquals(stat, run("dumpstat g0/0"));
        assertEquals("""
                item         value
                -----------  ----------------
                name         orphan/netswitch
                kind         orphan
                state        READY
                priority     5
                host cpu     -
                run time     1.0 us
                ready time   2.0 us
                switches     9
                preemptions  1""", run("dumpstat orphan netswitch"));
        assertEquals(run("dumpstat orphan netswitch"), run("dumpstat orphan/netswitch"));
        assertEquals("no orphan VCPU 'orphan/idle': orphans are orphan/netswitch", error("dumpstat orphan/idle"));
    }

    @Test
    void dumpregShowsRegistersOfAStoppedVcpuOnly() {
        assertEquals("""
                g0/vcpu0 (RESET, isa fake)
                reg  value             reg  value             reg  value
                ---  ----------------  ---  ----------------  ---  ----------------
                pc   0000000080000000  x1   0000000000001234  x2   ffffffffffffffff""", run("dumpreg g0 vcpu0"));
        assertEquals("g0/vcpu1 is RUNNING: cannot dump registers (pause it first: hv:vcpu pause g0 vcpu1, or hv:guest"
                + " pause g0)", error("dumpreg g0 vcpu1"));
    }

    @Test
    void controlOpsActOnOneVcpu() {
        assertEquals("g0/vcpu1: PAUSED", run("pause g0 vcpu1"));
        assertEquals("g0/vcpu1: READY", run("resume g0/vcpu1"));
        assertEquals("g0/vcpu0: HALTED", run("halt g0 0"));
        assertEquals("g0/vcpu0: RESET", run("reset g0 0"));
        assertEquals("g0/vcpu0: READY", run("kick g0 0"));
        run("halt g0 0");
        assertEquals("g0/vcpu0 is HALTED: cannot pause", error("pause g0 0"));
        assertEquals("missing VCPU: usage: hv:vcpu pause GUEST VCPU (or GUEST/VCPU as one name)", error("pause g0"));
        assertEquals("guest g0 has no VCPU '5': its VCPUs are vcpu0, vcpu1 (or hart ids 0..1)", error("pause g0 5"));
    }

    @Test
    void affinityChangesAreValidatedThenHandedToTheScheduler() {
        assertEquals("host CPU 4 does not exist: host CPUs are 0..3", error("set_affinity g0 vcpu0 1,4"));
        assertEquals("CPU 9 is out of range: expected 0..3", error("set_hcpu g0 vcpu0 9"));
        assertEquals("set_affinity is not supported by the active scheduler; set 'affinity' in the guest DT",
                error("set_affinity g0 vcpu0 2,1"), "a scheduler without the operation is reported, not hidden");
    }
}
