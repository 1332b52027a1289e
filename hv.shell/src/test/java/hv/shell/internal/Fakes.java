package hv.shell.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

import hv.core.config.ClockConfig;
import hv.core.config.GuestConfig;
import hv.core.config.MissingEmulator;
import hv.core.config.OsDtConfig;
import hv.core.config.RegionConfig;
import hv.core.config.RegionKind;
import hv.core.config.VcpuConfig;
import hv.core.guest.Guest;
import hv.core.guest.GuestConsole;
import hv.core.guest.GuestExit;
import hv.core.guest.GuestManager;
import hv.core.guest.GuestState;
import hv.core.guest.RegionInfo;
import hv.core.guest.Vcpu;
import hv.core.guest.VcpuState;
import hv.core.mem.GuestMemory;
import hv.core.mem.GuestMemoryException;
import hv.core.mem.SharedMemoryInfo;
import hv.core.mem.SharedMemoryManager;
import hv.core.sched.EntityInfo;
import hv.core.sched.HostCpuStats;
import hv.core.sched.Orphan;
import hv.core.sched.OrphanBody;
import hv.core.sched.SchedStats;
import hv.core.sched.Scheduler;
import hv.core.state.SavedState;
import hv.dt.DeviceTree;

/** Small in-memory stand-ins for the core's services, for unit tests of the commands. */
final class Fakes {

    static final long RAM = 0x8000_0000L;

    private Fakes() {
    }

    static RegionConfig ram(String name, long gpa, long size) {
        return new RegionConfig(name, "/aspace/" + name, RegionKind.ALLOCED_RAM, false, "alloced_ram", gpa, size, -1,
                -1, 12, 12, List.of(), List.of(), null, null, null);
    }

    static RegionConfig device(String name, long gpa, long size, String compatible, int irq) {
        return new RegionConfig(name, "/aspace/" + name, RegionKind.DEVICE, false, "serial", gpa, size, -1, -1, 12, 12,
                List.of(compatible), List.of(irq), null, null, null);
    }

    static VcpuConfig vcpuConfig(int hart, int priority, List<Integer> affinity) {
        return new VcpuConfig(hart, "vcpu" + hart, "/vcpus/vcpu" + hart, List.of("test,fake"), null, RAM, priority,
                10_000_000, 100_000_000, 1_000_000_000, affinity, false, null);
    }

    /** A guest with {@code vcpus} VCPUs, 1 MiB of RAM at {@link #RAM} and a UART at 0x10000000. */
    static FakeGuest guest(String name, int vcpus) {
        List<VcpuConfig> vc = new ArrayList<>();
        for (int i = 0; i < vcpus; i++) {
            vc.add(vcpuConfig(i, 3, List.of()));
        }
        DeviceTree tree = DeviceTree.parseDts("/dts-v1/;\n/ { device_type = \"guest\"; vcpus { vcpu0 { device_type ="
                + " \"vcpu\"; }; }; aspace { mem0 { device_type = \"alloced_ram\"; }; }; };", name + ".dts");
        GuestConfig config = new GuestConfig(name, null, name + ".dts", null, vc, 32,
                List.of(device("uart0", 0x1000_0000L, 0x100, "ns16550a", 10), ram("mem0", RAM, 1 << 20)), List.of(),
                ClockConfig.realTime(), OsDtConfig.none(), null, MissingEmulator.WAIT, -1, tree);
        return new FakeGuest(config);
    }

    static final class FakeManager implements GuestManager {
        final Map<String, Guest> guests = new LinkedHashMap<>();
        Path createdFrom;

        FakeManager add(Guest g) {
            guests.put(g.name(), g);
            return this;
        }

        @Override
        public Guest create(Path file, String name) {
            createdFrom = file;
            FakeGuest g = guest(name == null ? "guest0" : name, 1);
            add(g);
            return g;
        }

        final List<String> patches = new ArrayList<>();

        @Override
        public Guest create(Path file, String name, List<String> dtPatches) {
            patches.addAll(dtPatches);
            return create(file, name);
        }

        @Override
        public Guest create(DeviceTree tree, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Guest create(String dts, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Guest create(GuestConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public GuestConfig parse(Path file, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Guest> list() {
            return List.copyOf(guests.values());
        }

        @Override
        public Optional<Guest> find(String name) {
            return Optional.ofNullable(guests.get(name));
        }

        @Override
        public boolean destroy(String name) {
            Guest g = guests.remove(name);
            if (g != null) {
                g.destroy();
            }
            return g != null;
        }
    }

    static final class FakeGuest implements Guest {
        final GuestConfig config;
        volatile GuestState state = GuestState.RESET;
        final List<Vcpu> vcpus = new ArrayList<>();
        final byte[] ram = new byte[1 << 20];
        final List<GuestConsole> consoles = new ArrayList<>();
        volatile GuestExit exit;

        FakeGuest(GuestConfig config) {
            this.config = config;
            for (VcpuConfig c : config.vcpus()) {
                vcpus.add(new FakeVcpu(config.name(), c));
            }
            consoles.add(new FakeConsole(config.name() + "/sbi"));
        }

        @Override
        public String name() {
            return config.name();
        }

        @Override
        public GuestConfig config() {
            return config;
        }

        @Override
        public GuestState state() {
            return state;
        }

        @Override
        public List<Vcpu> vcpus() {
            return vcpus;
        }

        private void move(GuestState from, GuestState to, String op) {
            if (state != from) {
                throw new IllegalStateException("guest " + name() + " is " + state + ": cannot " + op);
            }
            state = to;
        }

        @Override
        public void kick() {
            move(GuestState.RESET, GuestState.RUNNING, "kick");
        }

        @Override
        public void pause() {
            move(GuestState.RUNNING, GuestState.PAUSED, "pause");
        }

        @Override
        public void resume() {
            move(GuestState.PAUSED, GuestState.RUNNING, "resume");
        }

        @Override
        public void reset() {
            state = GuestState.RESET;
        }

        @Override
        public void halt() {
            state = GuestState.HALTED;
        }

        @Override
        public void destroy() {
            state = GuestState.DESTROYED;
        }

        @Override
        public boolean awaitState(GuestState s, Duration timeout) {
            return state == s;
        }

        @Override
        public List<RegionInfo> regions() {
            return config.regions().stream().map(r -> new RegionInfo(r, r.kind().memory() ? "memory" : "attached",
                    r.kind().memory() ? "host" : "hv.emu.Uart")).toList();
        }

        @Override
        public GuestMemory memory() {
            return new GuestMemory() {
                @Override
                public boolean isRam(long gpa, long len) {
                    long rel = gpa - RAM;
                    return len >= 0 && Long.compareUnsigned(rel, ram.length) < 0 && len <= ram.length - rel;
                }

                private int at(long gpa, long len) {
                    if (!isRam(gpa, len)) {
                        throw new GuestMemoryException(gpa, len);
                    }
                    return (int) (gpa - RAM);
                }

                @Override
                public int read8(long gpa) {
                    return ram[at(gpa, 1)] & 0xff;
                }

                @Override
                public int read16(long gpa) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read32(long gpa) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public long read64(long gpa) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write8(long gpa, int value) {
                    ram[at(gpa, 1)] = (byte) value;
                }

                @Override
                public void write16(long gpa, int value) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write32(long gpa, int value) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write64(long gpa, long value) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void read(long gpa, byte[] dst, int off, int len) {
                    System.arraycopy(ram, at(gpa, len), dst, off, len);
                }

                @Override
                public void write(long gpa, byte[] src, int off, int len) {
                    System.arraycopy(src, off, ram, at(gpa, len), len);
                }
            };
        }

        @Override
        public GuestConsole console() {
            return consoles.get(0);
        }

        @Override
        public List<GuestConsole> consoles() {
            return List.copyOf(consoles);
        }

        @Override
        public Optional<GuestConsole> console(String n) {
            return consoles.stream().filter(c -> c.name().equals(name() + "/" + n)).findFirst();
        }

        @Override
        public Optional<GuestExit> exit() {
            return Optional.ofNullable(exit);
        }

        @Override
        public long time() {
            return 0;
        }
    }

    static final class FakeVcpu implements Vcpu {
        final String guest;
        final VcpuConfig config;
        volatile VcpuState state = VcpuState.RESET;
        SchedStats stats = new SchedStats(1_500_000, 20_000, 7, 1, -1);
        final Map<String, Long> registers = new LinkedHashMap<>();

        FakeVcpu(String guest, VcpuConfig config) {
            this.guest = guest;
            this.config = config;
            registers.put("pc", RAM);
            registers.put("x1", 0x1234L);
            registers.put("x2", -1L);
        }

        @Override
        public String name() {
            return guest + "/" + config.name();
        }

        @Override
        public int hartId() {
            return config.hartId();
        }

        @Override
        public VcpuConfig config() {
            return config;
        }

        @Override
        public VcpuState state() {
            return state;
        }

        @Override
        public boolean waiting() {
            return false;
        }

        @Override
        public String isa() {
            return "fake";
        }

        @Override
        public SchedStats stats() {
            return stats;
        }

        @Override
        public long retired() {
            return 3_000_000;
        }

        @Override
        public void kick() {
            state = VcpuState.READY;
        }

        @Override
        public void pause() {
            if (state != VcpuState.READY && state != VcpuState.RUNNING) {
                throw new IllegalStateException(name() + " is " + state + ": cannot pause");
            }
            state = VcpuState.PAUSED;
        }

        @Override
        public void resume() {
            state = VcpuState.READY;
        }

        @Override
        public void reset() {
            state = VcpuState.RESET;
        }

        @Override
        public void halt() {
            state = VcpuState.HALTED;
        }

        @Override
        public Map<String, Long> registers() {
            if (state == VcpuState.RUNNING) {
                throw new IllegalStateException(name() + " is RUNNING: cannot dump registers");
            }
            return registers;
        }

        @Override
        public SavedState saveEngine() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void restoreEngine(SavedState s) {
            throw new UnsupportedOperationException();
        }
    }

    /** A console whose output tests append to and whose input they read. */
    static final class FakeConsole implements GuestConsole {
        final String name;
        private final StringBuilder out = new StringBuilder();
        final StringBuilder in = new StringBuilder();

        FakeConsole(String name) {
            this.name = name;
        }

        synchronized FakeConsole write(String s) {
            out.append(s);
            return this;
        }

        synchronized String input() {
            return in.toString();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized long outputCount() {
            return out.length();
        }

        @Override
        public synchronized byte[] output(long from) {
            return out.substring((int) Math.min(Math.max(0, from), out.length())).getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public synchronized String outputText() {
            return out.toString();
        }

        @Override
        public synchronized void input(byte[] data) {
            in.append(new String(data, StandardCharsets.ISO_8859_1));
        }

        @Override
        public AutoCloseable listen(IntConsumer output) {
            throw new UnsupportedOperationException("the shell polls");
        }
    }

    static final class FakeScheduler implements Scheduler {
        final List<String> policies = new ArrayList<>(List.of(BUILTIN_POLICY, "rate-monotonic"));
        String active = BUILTIN_POLICY;
        final List<EntityInfo> entities = new ArrayList<>();
        int hostCpus = 4;

        @Override
        public String activePolicy() {
            return active;
        }

        @Override
        public List<String> policies() {
            return policies;
        }

        @Override
        public void selectPolicy(String name) {
            if (!policies.contains(name)) {
                throw new IllegalArgumentException("no policy " + name);
            }
            active = name;
        }

        @Override
        public int hostCpuCount() {
            return hostCpus;
        }

        @Override
        public List<HostCpuStats> hostCpus() {
            List<HostCpuStats> l = new ArrayList<>();
            for (int i = 0; i < hostCpus; i++) {
                l.add(new HostCpuStats(i, 250_000_000L * i, 1_000_000_000L - 250_000_000L * i, 10 * i, i,
                        i == 1 ? "g0/vcpu0" : null));
            }
            return l;
        }

        @Override
        public List<EntityInfo> entities() {
            return entities;
        }

        @Override
        public Orphan createOrphan(String name, int priority, long timeSlice, OrphanBody body) {
            throw new UnsupportedOperationException();
        }
    }

    static final class FakeShmem implements SharedMemoryManager {
        final Map<String, SharedMemoryInfo> objects = new LinkedHashMap<>();

        @Override
        public SharedMemoryInfo create(String name, long size, int alignOrder) {
            SharedMemoryInfo s = new SharedMemoryInfo(name, size, alignOrder, List.of());
            objects.put(name, s);
            return s;
        }

        @Override
        public boolean destroy(String name) {
            SharedMemoryInfo s = objects.get(name);
            if (s != null && !s.users().isEmpty()) {
                throw new IllegalStateException("shared memory '" + name + "' is mapped by " + s.users());
            }
            return objects.remove(name) != null;
        }

        @Override
        public List<SharedMemoryInfo> list() {
            return List.copyOf(objects.values());
        }

        @Override
        public Optional<SharedMemoryInfo> find(String name) {
            return Optional.ofNullable(objects.get(name));
        }

        @Override
        public GuestMemory access(String name) {
            throw new UnsupportedOperationException();
        }
    }

    /** Bytes of a string, for console and key fixtures. */
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(Arrays.copyOf(b, b.length), StandardCharsets.ISO_8859_1);
    }
}
