package hv.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import hv.core.config.RegionConfig;
import hv.core.config.RegionKind;
import hv.core.mem.SharedMemoryInfo;
import hv.core.sched.EntityInfo;
import hv.core.sched.SchedStats;

class SchedShmemHostCommandTest {

    private final Fakes.FakeScheduler scheduler = new Fakes.FakeScheduler();
    private final Fakes.FakeShmem shmem = new Fakes.FakeShmem();
    private final Fakes.FakeManager manager = new Fakes.FakeManager().add(Fakes.guest("g0", 1));

    @Test
    void schedShowsAndSwitchesPoliciesAndCounts() {
        SchedCommand cmd = new SchedCommand(scheduler);
        assertEquals("""
                policy          active
                --------------  ------
                builtin-prr     *
                rate-monotonic""", cmd.sched(null, "show"));
        assertEquals("scheduling policy: rate-monotonic (was builtin-prr)", cmd.sched(null, "use", "rate-monotonic"));
        assertEquals("scheduling policy: rate-monotonic (unchanged)", cmd.sched(null, "use", "rate-monotonic"));
        assertEquals("no scheduling policy 'edf': known are builtin-prr, rate-monotonic",
                assertThrows(ShellException.class, () -> cmd.sched(null, "use", "edf")).getMessage());
        scheduler.entities.add(new EntityInfo("orphan/idle", true, 0, "IDLE", new SchedStats(0, 0, 0, 0, -1)));
        scheduler.hostCpus = 2;
        assertEquals("""
                policy rate-monotonic
                entity       kind    prio  state  hcpu  run   ready  switches  preemptions
                -----------  ------  ----  -----  ----  ----  -----  --------  -----------
                orphan/idle  orphan  0     IDLE   -     0 ns  0 ns   0         0

                hcpu  load   busy      idle      switches  preemptions  running
                ----  -----  --------  --------  --------  -----------  --------
                0     0.0%   0 ns      1.00 s    0         0            -
                1     25.0%  250.0 ms  750.0 ms  10        1            g0/vcpu0""", cmd.sched(null, "stats"));
    }

    @Test
    void shmemCreatesListsAndDestroysWithSizesPeopleType() {
        ShmemCommand cmd = new ShmemCommand(shmem);
        assertEquals("created shared memory fb: 2 MiB, align_order 12", cmd.shmem(null, "create", "fb", "2M"));
        assertEquals("created shared memory ring: 64 KiB, align_order 16", cmd.shmem(null, "create", "ring", "0x10000", "16"));
        shmem.objects.put("ring", new SharedMemoryInfo("ring", 0x10000, 16, List.of("g0", "g1")));
        assertEquals("""
                name  size    align_order  guests
                ----  ------  -----------  ------
                fb    2 MiB   12           -
                ring  64 KiB  16           g0, g1""", cmd.shmem(null, "list"));
        assertEquals("shared memory 'ring' is mapped by [g0, g1]",
                assertThrows(ShellException.class, () -> cmd.shmem(null, "destroy", "ring")).getMessage());
        assertEquals("destroyed shared memory fb", cmd.shmem(null, "destroy", "fb"));
        assertEquals("no shared memory 'fb': objects are ring",
                assertThrows(ShellException.class, () -> cmd.shmem(null, "destroy", "fb")).getMessage());
        assertEquals("shared memory name 'a b' must be 1-64 characters of A-Z a-z 0-9 _ . + -",
                assertThrows(ShellException.class, () -> cmd.shmem(null, "create", "a b", "4K")).getMessage());
        assertEquals("missing SIZE: usage: hv:shmem create NAME SIZE [ALIGN_ORDER]",
                assertThrows(ShellException.class, () -> cmd.shmem(null, "create", "x")).getMessage());
    }

    @Test
    void hostRamCountsGuestMemoryAndSharedMemoryOnce() {
        Fakes.FakeGuest g1 = Fakes.guest("g1", 1);
        RegionConfig shared = new RegionConfig("shm", "/aspace/shm", RegionKind.SHARED_RAM, false, "shared_ram",
                0x5800_0000L, 2 << 20, -1, -1, 12, 12, List.of(), List.of(), "fb", null, null);
        List<RegionConfig> regions = new java.util.ArrayList<>(g1.config().regions());
        regions.add(shared);
        manager.add(new Fakes.FakeGuest(new hv.core.config.GuestConfig("g1", null, "g1.dts", null,
                g1.config().vcpus(), 32, regions, List.of(), g1.config().clock(), g1.config().osDt(), null, null, -1,
                g1.config().tree())));
        shmem.create("fb", 2 << 20, 12);
        HostCommand cmd = new HostCommand(manager, scheduler, shmem);
        assertEquals("""
                owner      state  ram    rom  shared  total
                ---------  -----  -----  ---  ------  -----
                g0         RESET  1 MiB  0 B  0 B     1 MiB
                g1         RESET  1 MiB  0 B  2 MiB   1 MiB
                shmem (1)  -      -      -    2 MiB   2 MiB
                all        -      -      -    -       4 MiB""", cmd.host(null, "ram"));
        String info = cmd.host(null, "info").toString();
        assertTrue(info.startsWith("host CPUs (scheduler policy builtin-prr)\nhcpu  load"), info);
        assertTrue(info.contains("\n\nguest memory\nowner "), info);
        assertTrue(info.contains("\n\nJVM\nitem "), info);
        assertTrue(info.contains("\nheap used "), info);
    }
}
