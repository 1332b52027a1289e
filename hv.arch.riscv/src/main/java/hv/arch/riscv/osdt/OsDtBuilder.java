package hv.arch.riscv.osdt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import hv.core.config.GuestConfig;
import hv.core.config.RegionConfig;
import hv.core.config.RegionKind;
import hv.core.config.VcpuConfig;
import hv.dt.DeviceTree;
import hv.dt.Node;

/**
 * Builds the device tree a RISC-V guest OS boots with, from the guest's configuration, in the
 * shape of QEMU's {@code virt} board (what Linux and OpenSBI payloads expect): CPUs with their
 * interrupt controllers, memory, the PLIC with one M and one S context per hart, UARTs, the RTC,
 * the power-off device with syscon-poweroff/-reboot, virtio-mmio slots, and {@code /chosen}.
 * Devices it does not know get a generic node (compatible, reg, interrupts).
 */
public final class OsDtBuilder {

    /** Clock of QEMU virt's UART; Linux needs one to program the divisor. */
    static final int UART_CLOCK_HZ = 3_686_400;
    /** Cause numbers of the machine and supervisor external interrupts (interrupts-extended). */
    static final int IRQ_M_EXT = 11;
    static final int IRQ_S_EXT = 9;
    static final int DEFAULT_PLIC_SOURCES = 95;

    private final GuestConfig config;
    private final Function<VcpuConfig, String> isa;
    private final String mmuType;
    private final DeviceTree tree = DeviceTree.create();
    private final List<Node> hartIntcs = new ArrayList<>();
    private Node plic;
    private String stdout;

    /**
     * @param isa the ISA string the engine executes for a VCPU
     * @param mmuType the largest paging mode offered, e.g. {@code riscv,sv48}
     */
    public OsDtBuilder(GuestConfig config, Function<VcpuConfig, String> isa, String mmuType) {
        this.config = config;
        this.isa = isa;
        this.mmuType = mmuType;
    }

    /** Builds the tree; {@code initrdStart == initrdEnd} means no initrd. */
    public DeviceTree build(long initrdStart, long initrdEnd) {
        Node root = tree.root();
        root.setU32("#address-cells", 2).setU32("#size-cells", 2);
        root.setString("compatible", "riscv-virtio");
        root.setString("model", config.model() == null || config.model().isBlank() ? "hv,virt" : config.model());
        Node chosen = root.addChild("chosen");
        cpus(root);
        memory(root);
        Node soc = root.addChild("soc");
        soc.setU32("#address-cells", 2).setU32("#size-cells", 2);
        soc.setString("compatible", "simple-bus");
        soc.setEmpty("ranges");
        for (RegionConfig r : config.regions()) {
            if (r.kind() == RegionKind.DEVICE && isPlic(r)) {
                plic(soc, r);
            }
        }
        for (RegionConfig r : config.regions()) {
            if (r.kind() == RegionKind.DEVICE && !isPlic(r)) {
                device(root, soc, r);
            }
        }
        if (config.bootArgs() != null && !config.bootArgs().isBlank()) {
            chosen.setString("bootargs", config.bootArgs());
        }
        if (stdout != null) {
            chosen.setString("stdout-path", stdout);
        }
        if (initrdEnd > initrdStart) {
            chosen.setU64("linux,initrd-start", initrdStart);
            chosen.setU64("linux,initrd-end", initrdEnd);
        }
        return tree;
    }

    private void cpus(Node root) {
        Node cpus = root.addChild("cpus");
        cpus.setU32("#address-cells", 1).setU32("#size-cells", 0);
        cpus.setU32("timebase-frequency", (int) config.clock().timebaseHz());
        for (VcpuConfig v : config.vcpus()) {
            Node cpu = cpus.addChild("cpu@" + Integer.toHexString(v.hartId()));
            cpu.setString("device_type", "cpu");
            cpu.setU32("reg", v.hartId());
            cpu.setString("status", "okay");
            cpu.setString("compatible", "riscv");
            cpu.setString("riscv,isa", isa.apply(v));
            cpu.setString("mmu-type", mmuType);
            Node intc = cpu.addChild("interrupt-controller");
            intc.setU32("#interrupt-cells", 1);
            intc.setEmpty("interrupt-controller");
            intc.setString("compatible", "riscv,cpu-intc");
            intc.ensurePhandle();
            hartIntcs.add(intc);
        }
    }

    private void memory(Node root) {
        for (RegionConfig r : config.regions()) {
            boolean ram = r.kind() == RegionKind.RAM || r.kind() == RegionKind.ALLOCED_RAM;
            if (ram && !r.io()) {
                Node m = root.addChild("memory@" + Long.toHexString(r.gpa()));
                m.setString("device_type", "memory");
                m.setCells("reg", hi(r.gpa()), lo(r.gpa()), hi(r.size()), lo(r.size()));
            }
        }
    }

    private void plic(Node soc, RegionConfig r) {
        if (plic != null) {
            return; // one interrupt controller drives the harts' external pins
        }
        plic = soc.addChild("plic@" + Long.toHexString(r.gpa()));
        plic.setStrings("compatible", "sifive,plic-1.0.0", "riscv,plic0");
        reg(plic, r);
        plic.setU32("#address-cells", 0);
        plic.setU32("#interrupt-cells", 1);
        plic.setEmpty("interrupt-controller");
        int sources = config.guestIrqCount() > 1 ? config.guestIrqCount() - 1 : DEFAULT_PLIC_SOURCES;
        plic.setU32("riscv,ndev", sources);
        long[] ext = new long[hartIntcs.size() * 4];
        for (int h = 0; h < hartIntcs.size(); h++) {
            int ph = hartIntcs.get(h).ensurePhandle();
            ext[4 * h] = ph;
            ext[4 * h + 1] = IRQ_M_EXT;
            ext[4 * h + 2] = ph;
            ext[4 * h + 3] = IRQ_S_EXT;
        }
        plic.setCells("interrupts-extended", ext);
        plic.ensurePhandle();
    }

    private void device(Node root, Node soc, RegionConfig r) {
        List<String> compat = r.compatible();
        String first = compat.isEmpty() ? "" : compat.get(0);
        Node n;
        if (has(compat, "ns16550a", "ns16550", "ns8250", "uart8250", "snps,dw-apb-uart")) {
            n = soc.addChild("serial@" + Long.toHexString(r.gpa()));
            n.setStrings("compatible", compat.contains("ns16550a") ? List.of("ns16550a") : compat);
            n.setU32("clock-frequency", UART_CLOCK_HZ);
            if (stdout == null) {
                stdout = n.path();
            }
        } else if (has(compat, "google,goldfish-rtc")) {
            n = soc.addChild("rtc@" + Long.toHexString(r.gpa()));
            n.setString("compatible", "google,goldfish-rtc");
        } else if (has(compat, "sifive,test0", "sifive,test1", "syscon")) {
            n = soc.addChild("test@" + Long.toHexString(r.gpa()));
            n.setStrings("compatible", "sifive,test1", "sifive,test0", "syscon");
            syscon(root, n, "poweroff", "syscon-poweroff", 0x5555);
            syscon(root, n, "reboot", "syscon-reboot", 0x7777);
        } else if (has(compat, "virtio,mmio")) {
            n = soc.addChild("virtio_mmio@" + Long.toHexString(r.gpa()));
            n.setString("compatible", "virtio,mmio");
        } else {
            String base = r.deviceType() == null || r.deviceType().isBlank() ? "device" : r.deviceType();
            n = soc.addChild(nodeName(base) + "@" + Long.toHexString(r.gpa()));
            if (!compat.isEmpty()) {
                n.setStrings("compatible", compat);
            } else if (!first.isEmpty()) {
                n.setString("compatible", first);
            }
        }
        reg(n, r);
        if (!r.interrupts().isEmpty() && plic != null) {
            long[] irqs = r.interrupts().stream().mapToLong(Integer::longValue).toArray();
            n.setCells("interrupts", irqs);
            n.setReference("interrupt-parent", plic);
        }
    }

    private static void syscon(Node root, Node device, String name, String compatible, int value) {
        if (root.optChild(name).isPresent()) {
            return;
        }
        Node n = root.addChild(name);
        n.setString("compatible", compatible);
        n.setReference("regmap", device);
        n.setU32("offset", 0);
        n.setU32("value", value);
    }

    private static void reg(Node n, RegionConfig r) {
        n.setCells("reg", hi(r.gpa()), lo(r.gpa()), hi(r.size()), lo(r.size()));
    }

    private static boolean isPlic(RegionConfig r) {
        return has(r.compatible(), "sifive,plic-1.0.0", "riscv,plic0", "sifive,plic0");
    }

    private static boolean has(List<String> compat, String... names) {
        for (String n : names) {
            if (compat.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static String nodeName(String s) {
        String n = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9,._+-]", "-");
        return n.isEmpty() ? "device" : n;
    }

    private static long hi(long v) {
        return v >>> 32;
    }

    private static long lo(long v) {
        return v & 0xffff_ffffL;
    }
}
