package hv.itest.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;

import hv.core.guest.Guest;
import hv.core.guest.VcpuState;
import hv.core.sched.Orphan;
import hv.core.sched.OrphanBody;
import hv.core.sched.Scheduler;

/** {@code hv:vcpu} through a real Gogo session, for guest VCPUs and orphan VCPUs. */
class VcpuCommandTest extends ShellTestBase {

    @InjectService
    Scheduler scheduler;

    Orphan orphan;

    @BeforeEach
    void createOrphan() {
        orphan = scheduler.createOrphan("shelltest", 2, 1_000_000, deadline -> OrphanBody.Result.IDLE);
    }

    @AfterEach
    void destroyOrphan() {
        orphan.destroy();
    }

    @Test
    void listShowsNormalAndOrphanVcpus() {
        started("g0", 2);
        String list = shell.run("hv:vcpu list");
        assertTrue(list.startsWith("vcpu              kind    state  "), list);
        assertTrue(list.contains("\ng0/vcpu0          normal  "), list);
        assertTrue(list.contains("\ng0/vcpu1          normal  "), list);
        assertTrue(list.contains("\norphan/shelltest  orphan  IDLE "), list);
        assertTrue(list.lines().anyMatch(l -> l.matches("g0/vcpu1 +normal +\\S.* 4 +all .*")), "priority 4: " + list);
        String normal = shell.run("hv:vcpu normal_list");
        assertTrue(normal.contains("g0/vcpu1") && !normal.contains("orphan/"), normal);
        String orphans = shell.run("hv:vcpu orphan_list");
        assertTrue(!orphans.contains("g0/vcpu") && orphans.contains("orphan/shelltest"), orphans);
        String one = shell.run("hv:vcpu list g0");
        assertTrue(one.contains("g0/vcpu0") && !one.contains("orphan/"), one);
    }

    @Test
    void dumpstatWorksForGuestAndOrphanVcpus() {
        started("g0", 2);
        String stat = shell.run("hv:vcpu dumpstat g0 vcpu1");
        assertTrue(stat.startsWith("item          value\n"), stat);
        assertTrue(stat.contains("\nname          g0/vcpu1\n"), stat);
        assertTrue(stat.contains("\nhart id       1\n"), stat);
        assertTrue(stat.contains("\nengine        test,counter\n"), stat);
        assertTrue(stat.contains("\nisa           counter\n"), stat);
        assertTrue(stat.contains("\npriority      4\n"), stat);
        assertTrue(stat.contains("\ntime slice    10.0 ms\n"), stat);
        assertTrue(stat.contains("\ndeadline      100.0 ms\n"), stat);
        assertTrue(stat.contains("\naffinity      all\n"), stat);
        assertTrue(stat.contains("\ninstructions  "), stat);
        assertTrue(shell.run("hv:vcpu dumpstat g0/1").contains("\nname          g0/vcpu1\n"), "GUEST/HART");
        assertTrue(shell.run("hv:vcpu dumpstat g0 g0/vcpu1").contains("\nname          g0/vcpu1\n"), "full name");
        String orphanStat = shell.run("hv:vcpu dumpstat orphan/shelltest");
        assertTrue(orphanStat.contains("\nname         orphan/shelltest\n"), orphanStat);
        assertTrue(orphanStat.contains("\nkind         orphan\n"), orphanStat);
        assertTrue(orphanStat.contains("\npriority     2\n"), orphanStat);
        assertTrue(orphanStat.contains("\nswitches     "), orphanStat);
        assertEquals(orphanStat.lines().count(), shell.run("hv:vcpu dumpstat orphan shelltest").lines().count());
        assertEquals("no orphan VCPU 'orphan/nope': orphans are orphan/shelltest",
                shell.error("hv:vcpu dumpstat orphan/nope"));
    }

    @Test
    void dumpregShowsTheRegistersOfAPausedVcpu() {
        started("g0", 1);
        shell.run("hv:guest pause g0");
        String regs = shell.run("hv:vcpu dumpreg g0 vcpu0");
        assertTrue(regs.startsWith("g0/vcpu0 (PAUSED, isa counter)\nreg  value             reg      value\n"), regs);
        assertTrue(regs.matches("(?s).*\npc   0000000080000000  counter  [0-9a-f]{16}$"), regs);
        assertEquals("orphan VCPUs have no registers: they run Java code (try hv:vcpu dumpstat orphan/shelltest)",
                shell.error("hv:vcpu dumpreg orphan/shelltest"));
        assertEquals("guest g0 has no VCPU 'vcpu3': its VCPUs are vcpu0 (or hart ids 0..0)",
                shell.error("hv:vcpu dumpreg g0 vcpu3"));
    }

    @Test
    void oneVcpuIsPausedAndResumed() {
        Guest g = started("g0", 2);
        assertEquals("g0/vcpu1: PAUSED", shell.run("hv:vcpu pause g0 vcpu1"));
        assertEquals(VcpuState.PAUSED, g.vcpus().get(1).state());
        String resumed = shell.run("hv:vcpu resume g0 1");
        assertTrue(resumed.startsWith("g0/vcpu1: READY") || resumed.equals("g0/vcpu1: RUNNING"), resumed);
        assertEquals("orphan VCPUs belong to the platform: the shell cannot pause them",
                shell.error("hv:vcpu pause orphan shelltest"));
    }

    @Test
    void affinityAndHostCpuChangesAreValidatedThenApplied() {
        create("g0", 1);
        int n = scheduler.hostCpuCount();
        String range = n == 1 ? "0" : "0.." + (n - 1);
        assertEquals("host CPU 999 does not exist: host CPUs are " + range,
                shell.error("hv:vcpu set_affinity g0 vcpu0 0,999"));
        assertEquals("CPU list '0,,1' is malformed: expected numbers in " + range + " like 0,2 or 0-3",
                shell.error("hv:vcpu set_affinity g0 vcpu0 0,,1"));
        assertEquals("g0/vcpu0: affinity 0", shell.run("hv:vcpu set_affinity g0 vcpu0 0"));
        assertEquals(java.util.List.of(0), scheduler.entities().stream().filter(e -> e.name().equals("g0/vcpu0"))
                .findFirst().orElseThrow().allowedCpus(), "the scheduler now confines the VCPU to host CPU 0");
        assertEquals("g0/vcpu0: pinned to host CPU 0", shell.run("hv:vcpu set_hcpu g0 vcpu0 0"));
        shell.run("hv:vcpu set_affinity g0 vcpu0 0-" + (n - 1)); // leave no pin behind for later tests
        assertEquals("CPU 999 is out of range: expected 0.." + (n - 1), shell.error("hv:vcpu set_hcpu g0 vcpu0 999"));
    }

    @Test
    void unknownVcpusAndMissingArgumentsAreExplained() {
        create("g0", 2);
        assertEquals("guest g0 has no VCPU 'vcpu7': its VCPUs are vcpu0, vcpu1 (or hart ids 0..1)",
                shell.error("hv:vcpu dumpstat g0 vcpu7"));
        assertEquals("missing VCPU: usage: hv:vcpu pause GUEST VCPU (or GUEST/VCPU as one name)",
                shell.error("hv:vcpu pause g0"));
        assertEquals("missing GUEST: usage: hv:vcpu dumpreg GUEST VCPU", shell.error("hv:vcpu dumpreg"));
    }
}
