package hv.core.internal.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import hv.core.config.ClockConfig;
import hv.core.config.ClockMode;
import hv.core.config.GuestConfig;
import hv.core.config.GuestConfigException;
import hv.core.config.ImageConfig;
import hv.core.config.ImageFormat;
import hv.core.config.MissingEmulator;
import hv.core.config.OsDtConfig;
import hv.core.config.RegionConfig;
import hv.core.config.VcpuConfig;
import hv.dt.DeviceTree;
import hv.dt.Node;

/**
 * Turns a guest DT (Xvisor's schema plus {@code hv,*} properties, see docs/guest-dt.md) into a
 * validated {@link GuestConfig}. Works on a private copy of the tree. Every error names the node
 * path and the property.
 */
public final class GuestConfigParser {

    /** Most VCPUs one guest may have. */
    public static final int MAX_VCPUS = 256;
    /** Default {@code guest_irq_count}. */
    public static final int DEFAULT_IRQ_COUNT = 32;
    static final long DEFAULT_TIME_SLICE = 10_000_000L;

    private final int hostCpus;

    /** @param hostCpus host CPU count: affinity entries must be below it */
    public GuestConfigParser(int hostCpus) {
        this.hostCpus = hostCpus;
    }

    /**
     * @param name the guest's name, or null for {@code hv,name}, else {@code fallbackName}
     * @param source where the tree came from (a file name), for messages
     * @param baseDir directory for relative file names, or null for the working directory
     */
    public GuestConfig parse(DeviceTree original, String name, String fallbackName, String source, Path baseDir) {
        DeviceTree tree = original.copy();
        Props root = new Props(tree.root());
        String type = root.string("device_type").orElse(null);
        if (!"guest".equals(type)) {
            throw root.error("device_type", type == null ? "missing: a guest DT's root has device_type = \"guest\""
                    : "is \"" + type + "\", a guest DT's root has device_type = \"guest\"");
        }
        String guestName = name != null ? name : root.string("hv,name").orElse(fallbackName);
        checkName(guestName);
        Path base = baseDir != null ? baseDir : Path.of("").toAbsolutePath();

        List<VcpuConfig> vcpus = vcpus(tree, root);
        Node aspace = tree.root().optChild("aspace").or(() -> tree.root().optChild("addr_space"))
                .orElseThrow(() -> root.error(null, "no aspace node: a guest needs an address space"));
        Props as = new Props(aspace);
        int irqCount = as.smallInt("guest_irq_count", DEFAULT_IRQ_COUNT, 1, 65536);
        MissingEmulator missing = missing(root);
        List<ImageConfig> images = new ArrayList<>();
        RegionParser rp = new RegionParser(irqCount, base);
        List<RegionConfig> regions = new ArrayList<>();
        for (Node child : aspace.children()) {
            regions.add(rp.parse(new Props(child), images));
        }
        regions.sort(Comparator.comparing(RegionConfig::gpa, Long::compareUnsigned));
        checkOverlaps(regions);
        checkAliases(regions);
        tree.root().optChild("hv,images").ifPresent(n -> images.addAll(rp.images(n)));

        ClockConfig clock = clock(root);
        OsDtConfig osDt = osDt(root, base);
        long timeout = root.number("hv,emulator-timeout-ms", -1);
        return new GuestConfig(guestName, root.string("model").orElse(null), source, baseDir, vcpus, irqCount, regions,
                images, clock, osDt, root.string("hv,bootargs").orElse(null), missing, timeout, tree);
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty() || !name.matches("[A-Za-z0-9_.+-]{1,64}")) {
            throw new GuestConfigException("/", "hv,name", "guest name \"" + name
                    + "\" must be 1-64 characters of A-Z a-z 0-9 _ . + -");
        }
    }

    static MissingEmulator missing(Props p) {
        String m = p.choice("hv,missing-emulator", null, "wait", "fail");
        return m == null ? null : MissingEmulator.valueOf(m.toUpperCase());
    }

    private List<VcpuConfig> vcpus(DeviceTree tree, Props root) {
        Optional<Node> vcpusNode = tree.root().optChild("vcpus");
        Optional<Node> template = tree.root().optChild("vcpu_template");
        List<VcpuConfig> out = new ArrayList<>();
        if (vcpusNode.isPresent() && template.isPresent()) {
            throw root.error(null, "has both vcpus and vcpu_template: use one");
        }
        if (template.isPresent()) {
            int count = root.smallInt("vcpu_count", 1, 1, MAX_VCPUS);
            for (int i = 0; i < count; i++) {
                out.add(vcpu(new Props(template.get()), i, "vcpu" + i));
            }
        } else if (vcpusNode.isPresent()) {
            for (Node n : vcpusNode.get().children()) {
                if (out.size() == MAX_VCPUS) {
                    throw new Props(vcpusNode.get()).error(null, "more than " + MAX_VCPUS + " VCPUs");
                }
                out.add(vcpu(new Props(n), out.size(), n.name()));
            }
        }
        if (out.isEmpty()) {
            throw root.error(null, "no VCPUs: add vcpus/vcpu0 { device_type = \"vcpu\"; ... } or a vcpu_template");
        }
        return out;
    }

    private VcpuConfig vcpu(Props p, int hart, String name) {
        String type = p.string("device_type").orElse(null);
        if (!"vcpu".equals(type)) {
            throw p.error("device_type", "must be \"vcpu\"" + (type == null ? " (missing)" : ", is \"" + type + "\""));
        }
        List<String> compatible = p.strings("compatible");
        if (compatible.isEmpty()) {
            throw p.error("compatible", "missing: names the VCPU engine (for example \"riscv,generic\")");
        }
        int priority = p.smallInt("priority", 3, 0, 7);
        long slice = p.number("time_slice", DEFAULT_TIME_SLICE);
        if (slice <= 0) {
            throw p.error("time_slice", "must be positive (nanoseconds)");
        }
        long deadline = p.number("deadline", mul10(slice));
        if (deadline < slice) {
            throw p.error("deadline", deadline + " ns is shorter than time_slice " + slice + " ns");
        }
        long period = p.number("periodicity", mul10(deadline));
        if (period < deadline) {
            throw p.error("periodicity", period + " ns is shorter than deadline " + deadline + " ns");
        }
        List<Integer> affinity = p.cellList("affinity");
        for (int cpu : affinity) {
            if (cpu < 0 || cpu >= hostCpus) {
                throw p.error("affinity", "host CPU " + Integer.toUnsignedString(cpu) + " does not exist (host CPUs 0.."
                        + (hostCpus - 1) + ")");
            }
        }
        return new VcpuConfig(hart, name, p.path(), compatible, p.string("riscv,isa").orElse(null),
                p.number("start_pc", 0), priority, slice, deadline, period, affinity, p.has("poweroff"), p.node());
    }

    private static long mul10(long v) {
        return v > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : v * 10;
    }

    private static void checkOverlaps(List<RegionConfig> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            RegionConfig a = sorted.get(i - 1);
            RegionConfig b = sorted.get(i);
            if (Long.compareUnsigned(b.gpa(), a.end()) <= 0) {
                throw new GuestConfigException(b.path(), "guest_physical_addr", String.format(
                        "[0x%x..0x%x] overlaps %s [0x%x..0x%x]", b.gpa(), b.end(), a.path(), a.gpa(), a.end()));
            }
        }
    }

    private static void checkAliases(List<RegionConfig> regions) {
        for (RegionConfig r : regions) {
            if (r.kind() != hv.core.config.RegionKind.ALIAS) {
                continue;
            }
            long t = r.aliasPhysicalAddr();
            RegionConfig target = regions.stream().filter(x -> x.kind() != hv.core.config.RegionKind.ALIAS
                    && x.contains(t) && Long.compareUnsigned(r.size() - 1, x.end() - t) <= 0).findFirst()
                    .orElseThrow(() -> new GuestConfigException(r.path(), "alias_physical_addr", String.format(
                            "[0x%x, +0x%x) is not wholly inside one RAM, ROM or device region", t, r.size())));
            if (target == r) {
                throw new GuestConfigException(r.path(), "alias_physical_addr", "points into itself");
            }
        }
    }

    private static ClockConfig clock(Props root) {
        ClockMode mode = ClockMode.valueOf(root.choice("hv,clock", "real", "real", "virtual").toUpperCase());
        long hz = root.number("hv,timebase-frequency", ClockConfig.DEFAULT_TIMEBASE_HZ);
        if (hz <= 0 || hz > 10_000_000_000L) {
            throw root.error("hv,timebase-frequency", hz + " Hz is outside 1..10^10");
        }
        long quantum = root.number("hv,quantum", ClockConfig.DEFAULT_QUANTUM);
        if (quantum < 1 || quantum > 1_000_000_000L) {
            throw root.error("hv,quantum", quantum + " instructions is outside 1..10^9");
        }
        long ipt = root.number("hv,instructions-per-tick", ClockConfig.DEFAULT_INSTRUCTIONS_PER_TICK);
        if (ipt < 1 || ipt > 1_000_000L) {
            throw root.error("hv,instructions-per-tick", ipt + " is outside 1..10^6");
        }
        long epochSeconds = root.number("hv,epoch", 0);
        if (epochSeconds < 0 || epochSeconds > 1L << 40) {
            throw root.error("hv,epoch", "seconds since 1970 out of range");
        }
        return new ClockConfig(mode, hz, quantum, ipt, epochSeconds * 1_000_000_000L);
    }

    private static OsDtConfig osDt(Props root, Path base) {
        Optional<String> v = root.string("hv,os-dt");
        long addr = root.number("hv,os-dt-addr", -1);
        if (v.isEmpty() || v.get().equals("none")) {
            return new OsDtConfig(OsDtConfig.Source.NONE, null, addr);
        }
        if (v.get().equals("generate")) {
            return new OsDtConfig(OsDtConfig.Source.GENERATE, null, addr);
        }
        return new OsDtConfig(OsDtConfig.Source.FILE, base.resolve(v.get()).normalize(), addr);
    }

    static ImageFormat format(Props p, String prop) {
        return ImageFormat.valueOf(p.choice(prop, "auto", "raw", "elf", "auto").toUpperCase());
    }
}
