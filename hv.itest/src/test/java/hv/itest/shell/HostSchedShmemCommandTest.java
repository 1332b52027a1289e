package hv.itest.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;

import hv.core.mem.SharedMemoryInfo;
import hv.core.mem.SharedMemoryManager;
import hv.core.sched.Scheduler;

/** {@code hv:host}, {@code hv:sched} and {@code hv:shmem}. */
class HostSchedShmemCommandTest extends ShellTestBase {

    @InjectService
    Scheduler scheduler;

    @InjectService
    SharedMemoryManager shmem;

    @AfterEach
    void destroySharedMemory() {
        for (SharedMemoryInfo s : shmem.list()) {
            if (s.name().startsWith("shelltest")) {
                shmem.destroy(s.name());
            }
        }
    }

    @Test
    void hostInfoShowsCpusGuestMemoryAndTheJvm() {
        started("g0", 1);
        String info = shell.run("hv:host info");
        assertTrue(info.startsWith("host CPUs (scheduler policy " + scheduler.activePolicy() + ")\nhcpu  load"), info);
        assertTrue(info.contains("\nguest memory\nowner"), info);
        assertTrue(info.contains("\ng0 "), info);
        assertTrue(info.contains("1 MiB"), info);
        assertTrue(info.contains("\nJVM\nitem"), info);
        assertTrue(info.contains("heap used"), info);
        assertTrue(info.contains(System.getProperty("java.version")), info);
        assertEquals(scheduler.hostCpuCount() + 2L, shell.run("hv:host cpu").lines().count());
        assertTrue(shell.run("hv:host ram").contains("\nall "));
        assertTrue(shell.run("hv:host jvm").contains("\nthreads "));
    }

    @Test
    void schedShowsUsesAndCountsPolicies() {
        started("g0", 1);
        String show = shell.run("hv:sched show");
        assertTrue(show.startsWith("policy"), show);
        assertTrue(show.contains(Scheduler.BUILTIN_POLICY), show);
        assertTrue(show.lines().anyMatch(l -> l.startsWith(scheduler.activePolicy() + " ") && l.endsWith("*")), show);

        String active = scheduler.activePolicy();
        assertEquals("scheduling policy: " + active + " (unchanged)", shell.run("hv:sched use " + active));
        assertEquals("no scheduling policy 'fifo': known are " + String.join(", ", scheduler.policies()),
                shell.error("hv:sched use fifo"));

        String stats = shell.run("hv:sched stats");
        assertTrue(stats.startsWith("policy " + active + "\nentity"), stats);
        assertTrue(stats.contains("\ng0/vcpu0 "), stats);
        assertTrue(stats.contains("\nhcpu  load"), stats);
    }

    @Test
    void shmemIsCreatedListedAndDestroyed() {
        assertEquals("created shared memory shelltest0: 4 KiB, align_order 12", shell.run("hv:shmem create shelltest0 4K"));
        assertEquals("created shared memory shelltest1: 2 MiB, align_order 21",
                shell.run("hv:shmem create shelltest1 0x200000 21"));
        String list = shell.run("hv:shmem list");
        assertTrue(list.contains("\nshelltest0  4 KiB  12           -"), list);
        assertTrue(list.contains("\nshelltest1  2 MiB  21           -"), list);
        assertEquals("shared memory 'shelltest0' exists already: choose another NAME",
                shell.error("hv:shmem create shelltest0 4K"));
        assertEquals("SIZE '4Q' is not a size: expected bytes (4096, 0x1000) or 4K, 2M, 1G",
                shell.error("hv:shmem create shelltest2 4Q"));
        assertEquals("SIZE '0' must be more than 0 bytes", shell.error("hv:shmem create shelltest2 0"));
        assertEquals("ALIGN_ORDER 99 is out of range: expected 0..40", shell.error("hv:shmem create shelltest2 4K 99"));
        assertEquals("destroyed shared memory shelltest0", shell.run("hv:shmem destroy shelltest0"));
        assertTrue(shell.error("hv:shmem destroy shelltest0").startsWith("no shared memory 'shelltest0': "));
    }
}
