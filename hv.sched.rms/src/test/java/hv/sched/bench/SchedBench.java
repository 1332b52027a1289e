package hv.sched.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import hv.arch.riscv.RiscvEngineFactory;
import hv.core.config.HostConfig;
import hv.core.config.MissingEmulator;
import hv.core.guest.Guest;
import hv.core.guest.Vcpu;
import hv.core.sched.HostCpuStats;
import hv.core.internal.guest.Kernel;
import hv.core.sched.ReadyReason;
import hv.core.sched.SchedEntity;
import hv.core.sched.SchedulerPolicy;
import hv.core.sched.SliceOutcome;
import hv.sched.rr.RoundRobin;
import hv.sched.sim.SchedSim;
import hv.sched.sim.SimEntity;

/**
 * Scheduling overhead, measured by hand (NOT a unit test; see docs/performance.md, "## Scheduler"):
 *
 * <ol>
 * <li>the policy's own cost of one switch decision (enqueue + pickNext + ran), no threads;</li>
 * <li>the cost of a VCPU switch on the real core with the real RISC-V engine: two busy VCPUs share one
 * host CPU with shorter and shorter time slices; the instructions lost per second divided by the
 * switches per second give the cost of one switch, in host time;</li>
 * <li>throughput with 2, 16 and 128 busy VCPUs on 2 host CPUs against 1 busy VCPU per host CPU: total
 * guest instructions per second.</li>
 * </ol>
 *
 * The guest program is a busy loop that increments its hart's counter in guest memory. Run:
 * {@code hv.sched.rms/bench.sh [SECONDS per point [SECTIONS]]} (it builds offline, then runs this class;
 * SECTIONS: a comma list of policy, core, switch, throughput; default all).
 */
public final class SchedBench {

    private static final long RAM = 0x8000_0000L;

    /** {@code auipc t0,1; slli t1,a0,6; add t0,t0,t1; 1: ld t2,0(t0); addi t2,t2,1; sd t2,0(t0); j 1b}. */
    private static final int[] PROGRAM = {0x00001297, 0x00651313, 0x006282B3, 0x0002B383, 0x00138393, 0x0072B023,
        0xFF5FF06F};

    private SchedBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        String sections = args.length > 1 ? args[1] : "policy,core,switch,throughput";
        System.out.printf(Locale.ROOT, "JVM %s, %d processors; measuring %.1f s per point%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), seconds);
        if (sections.contains("policy")) {
            policyCost();
        }
        if (sections.contains("core")) {
            coreSwitch(seconds);
        }
        if (!sections.contains("switch") && !sections.contains("throughput")) {
            return;
        }
        Path dir = Files.createTempDirectory("schedbench");
        Path image = dir.resolve("loop.bin");
        ByteBuffer b = ByteBuffer.allocate(PROGRAM.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : PROGRAM) {
            b.putInt(w);
        }
        Files.write(image, b.array());

        System.out.println();
        System.out.println("warm-up (JIT of engine, core and policy)...");
        if (sections.contains("switch")) {
        run(image, 2, 4, 1_000_000, seconds);
        run(image, 1, 2, 100_000, seconds);

        System.out.println("VCPU switch cost: 2 busy VCPUs on 1 host CPU, policy rr (median of " + REPEATS + ")");
        System.out.println("slice_us  switches/s  Minstr/s(wall)  Minstr/cpu-s  loss_vs_100ms  ns/switch(loss)"
                + "  ns/switch(core)");
        double ref = 0;
        for (long sliceUs : new long[] {100_000, 10_000, 1_000, 100, 50}) {
            Result r = median(image, 1, 2, sliceUs * 1000, seconds);
            if (ref == 0) {
                ref = r.ipcs;
            }
            double loss = 1 - r.ipcs / ref;
            // the switches of one CPU-second: switches/s divided by the host CPU's busy share
            double switchesPerCpuSecond = r.switchesPerSec * r.ipcs / Math.max(1, r.ips);
            double perSwitch = switchesPerCpuSecond > 0 ? loss / switchesPerCpuSecond * 1e9 : 0;
            System.out.printf(Locale.ROOT, "%8d  %10.0f  %14.1f  %12.1f  %12.1f%%  %15.0f  %15.0f%n", sliceUs,
                    r.switchesPerSec, r.ips / 1e6, r.ipcs / 1e6, loss * 100, perSwitch, r.coreNsPerSwitch);
        }

        }
        if (!sections.contains("throughput")) {
            return;
        }
        System.out.println();
        System.out.println("Throughput: N busy VCPUs on 2 host CPUs, policy rr, 10 ms and 1 ms slices (median of "
                + REPEATS + ")");
        System.out.println("vcpus  slice_ms  Minstr/s(wall)  Minstr/cpu-s  vs_2_vcpus(cpu-s)  switches/s  ns/switch(core)");
        for (long sliceMs : new long[] {10, 1}) {
            double base = 0;
            for (int n : new int[] {2, 16, 128}) {
                Result r = median(image, 2, n, sliceMs * 1_000_000, seconds);
                if (base == 0) {
                    base = r.ipcs;
                }
                System.out.printf(Locale.ROOT, "%5d  %8d  %14.1f  %12.1f  %16.1f%%  %10.0f  %15.0f%n", n, sliceMs,
                        r.ips / 1e6, r.ipcs / 1e6, r.ipcs / base * 100, r.switchesPerSec, r.coreNsPerSwitch);
            }
        }
    }

    private static final int REPEATS = 3;

    /**
     * @param ips guest instructions per second, all VCPUs
     * @param switchesPerSec slices started per second, all host CPUs
     * @param coreNsPerSwitch host CPU time outside slices (scheduler lock, policy, accounting, hand-over)
     *        per slice: (elapsed - busy - idle) / switches, summed over host CPUs
     */
    private record Result(double ips, double switchesPerSec, double coreNsPerSwitch, double ipcs) {
    }

    /** CPU time (ns) of the host CPU threads ({@code hv-hcpu*}) so far. */
    private static long hostCpuThreadTime() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("hv-hcpu")) {
                long c = mx.getThreadCpuTime(t.threadId());
                if (c > 0) {
                    sum += c;
                }
            }
        }
        return sum;
    }

    private static Result median(Path image, int hostCpus, int vcpus, long sliceNanos, double seconds)
            throws IOException, InterruptedException {
        List<Result> rs = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            rs.add(run(image, hostCpus, vcpus, sliceNanos, seconds));
        }
        rs.sort(java.util.Comparator.comparingDouble(Result::ipcs));
        return rs.get(REPEATS / 2);
    }

    /** Boots one guest of {@code vcpus} busy VCPUs on {@code hostCpus} host CPUs and measures it. */
    private static Result run(Path image, int hostCpus, int vcpus, long sliceNanos, double seconds)
            throws IOException, InterruptedException {
        HostConfig host = new HostConfig(hostCpus, 1L << 30, MissingEmulator.WAIT,
                HostConfig.DEFAULT_EMULATOR_TIMEOUT_MILLIS, null, List.of());
        Kernel k = new Kernel(host);
        try {
            k.engines().add(new RiscvEngineFactory(), List.of("riscv,generic"), 0);
            k.scheduler().addPolicy("rr", new RoundRobin(), 10);
            String dts = "/dts-v1/;\n/ {\n device_type = \"guest\";\n vcpu_count = <" + vcpus + ">;\n"
                    + " vcpu_template { device_type = \"vcpu\"; compatible = \"riscv,generic\";"
                    + " riscv,isa = \"rv64imac\"; start_pc = <0x0 0x80000000>; time_slice = <0x0 0x"
                    + Long.toHexString(sliceNanos) + ">; };\n"
                    + " aspace {\n  guest_irq_count = <32>;\n  mem0 { manifest_type = \"real\";"
                    + " address_type = \"memory\"; device_type = \"alloced_ram\";"
                    + " guest_physical_addr = <0x0 0x80000000>; physical_size = <0x0 0x100000>;"
                    + " hv,image = \"" + image.toAbsolutePath() + "\"; hv,image-format = \"raw\"; };\n };\n};\n";
            Guest g = k.guests().create(dts, "bench");
            g.kick();
            Thread.sleep((long) (Math.max(1.0, seconds / 2) * 1000)); // JIT warm-up
            List<HostCpuStats> c0 = k.scheduler().hostCpus();
            long r0 = retired(g);
            long s0 = switches(g);
            long cpu0 = hostCpuThreadTime();
            long t0 = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long r1 = retired(g);
            long s1 = switches(g);
            long cpu1 = hostCpuThreadTime();
            List<HostCpuStats> c1 = k.scheduler().hostCpus();
            long elapsed = System.nanoTime() - t0;
            double dt = elapsed / 1e9;
            long outside = 0;
            long cpuSwitches = 0;
            for (int i = 0; i < hostCpus; i++) {
                outside += elapsed - (c1.get(i).busyNanos() - c0.get(i).busyNanos())
                        - (c1.get(i).idleNanos() - c0.get(i).idleNanos());
                cpuSwitches += c1.get(i).switches() - c0.get(i).switches();
            }
            g.pause();
            // check the guest really counted in memory
            long sum = 0;
            for (int h = 0; h < vcpus; h++) {
                sum += g.memory().read64(RAM + 0x1000 + 64L * h);
            }
            if (sum == 0) {
                throw new IllegalStateException("the guest program did not run");
            }
            g.destroy();
            return new Result((r1 - r0) / dt, (s1 - s0) / dt, cpuSwitches == 0 ? 0 : (double) outside / cpuSwitches,
                    (r1 - r0) / ((cpu1 - cpu0) / 1e9));
        } finally {
            k.close();
        }
    }

    private static long retired(Guest g) {
        long s = 0;
        for (Vcpu v : g.vcpus()) {
            s += v.retired();
        }
        return s;
    }

    private static long switches(Guest g) {
        long s = 0;
        for (Vcpu v : g.vcpus()) {
            s += v.stats().switches();
        }
        return s;
    }

    /** A task whose slice does nothing: what is left is the core's own cost of a switch. */
    private static final class Empty extends hv.core.internal.sched.Task {
        long slices;

        Empty(String name) {
            super(name, false, 3, 1_000_000, 10_000_000, 100_000_000, null);
        }

        @Override
        protected SliceOutcome runSlice(hv.core.internal.sched.HostCpu cpu, long sliceNanos) {
            slices++;
            return SliceOutcome.SLICE_END;
        }
    }

    /** The core's switch path alone: tasks with empty slices on 1 host CPU, host CPU time per switch. */
    private static void coreSwitch(double seconds) throws InterruptedException {
        System.out.println();
        System.out.println("Core switch path (lock, pick, accounting, re-queue; empty slices), 1 host CPU:");
        System.out.println("policy       tasks  switches/cpu-s  ns/switch");
        for (String name : new String[] {"builtin-prr", "rr", "rms"}) {
            for (int n : new int[] {2, 128}) {
                hv.core.internal.sched.SchedulerCore core = new hv.core.internal.sched.SchedulerCore(1, null);
                try {
                    if (name.equals("rr")) {
                        core.addPolicy("rr", new RoundRobin(), 10);
                    } else if (name.equals("rms")) {
                        core.addPolicy("rms", new hv.sched.rms.RateMonotonic(System::nanoTime, false, false), 10);
                    }
                    List<Empty> ts = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        Empty t = new Empty("t" + i);
                        ts.add(t);
                        core.register(t);
                        core.wake(t);
                    }
                    Thread.sleep((long) (Math.max(1.0, seconds / 2) * 1000));
                    long s0 = core.hostCpus().get(0).switches();
                    long c0 = hostCpuThreadTime();
                    Thread.sleep((long) (seconds * 1000));
                    long s1 = core.hostCpus().get(0).switches();
                    long c1 = hostCpuThreadTime();
                    double perCpuSecond = (s1 - s0) / ((c1 - c0) / 1e9);
                    System.out.printf(Locale.ROOT, "%-11s  %5d  %14.0f  %9.0f%n", name, n, perCpuSecond,
                            1e9 / perCpuSecond);
                } finally {
                    core.close();
                }
            }
        }
    }

    /** The policies' own cost per switch decision, single-threaded, as the core calls them. */
    private static void policyCost() {
        System.out.println("Policy cost of one switch (enqueue SLICE_END + pickNext + ran), 2 host CPUs:");
        System.out.println("(\"pinned\": one VCPU may use host CPU 0 only, all others host CPU 1 only)");
        System.out.println("policy       entities  affinity  ns/switch");
        for (boolean pinned : new boolean[] {false, true}) {
        for (int n : new int[] {2, 16, 128, 1024}) {
            for (String name : new String[] {"builtin-prr", "rr", "rms"}) {
                SchedSim factory = new SchedSim(2);
                List<SimEntity> es = new ArrayList<>();
                java.util.BitSet zero = new java.util.BitSet();
                zero.set(0);
                java.util.BitSet one = new java.util.BitSet();
                one.set(1);
                for (int i = 0; i < n; i++) {
                    es.add(factory.add("v" + i, 3, 1_000_000, 1_000_000_000L, 1_000_000_000L,
                            pinned ? (i == 0 ? zero : one) : null));
                }
                long[] clock = {0};
                SchedulerPolicy p = switch (name) {
                    case "rr" -> new RoundRobin();
                    case "rms" -> new hv.sched.rms.RateMonotonic(() -> clock[0], false, false);
                    default -> new hv.core.internal.sched.PriorityRoundRobin();
                };
                p.attach(2);
                for (SimEntity e : es) {
                    p.enqueue(e, ReadyReason.WOKEN);
                }
                long ops = 0;
                long t0 = 0;
                for (int phase = 0; phase < 2; phase++) {
                    long iters = phase == 0 ? 2_000_000 : 5_000_000;
                    if (phase == 1) {
                        t0 = System.nanoTime();
                    }
                    for (long i = 0; i < iters; i++) {
                        SchedEntity e = p.pickNext((int) (i & 1));
                        clock[0] += 1_000;
                        p.ran(e, 1_000, SliceOutcome.SLICE_END);
                        p.enqueue(e, ReadyReason.SLICE_END);
                    }
                    ops = iters;
                }
                double ns = (System.nanoTime() - t0) / (double) ops;
                System.out.printf(Locale.ROOT, "%-11s  %8d  %-8s  %9.1f%n", name, n, pinned ? "pinned" : "all", ns);
            }
        }
        }
    }
}
