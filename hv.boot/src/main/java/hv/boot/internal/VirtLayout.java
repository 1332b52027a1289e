package hv.boot.internal;

import hv.dt.DeviceTree;
import hv.dt.Node;

/**
 * The guest DT (Xvisor's schema, with hv's additions) of a guest laid out like QEMU's
 * {@code virt} board, so that payloads built for QEMU virt + OpenSBI run unchanged: RAM at
 * 0x80000000, PLIC at 0x0c000000, a 16550A UART at 0x10000000 (irq 10), the goldfish RTC at
 * 0x101000 (irq 11), the SiFive test/syscon device at 0x100000. Timebase 10 MHz.
 */
public final class VirtLayout {

    public static final long RAM_BASE = 0x8000_0000L;
    /** Where OpenSBI's fw_jump puts the payload; a Linux Image asks for RAM base + text_offset (2 MiB). */
    public static final long PAYLOAD_ADDR = RAM_BASE + 0x20_0000L;
    static final long PLIC_BASE = 0x0c00_0000L;
    static final long PLIC_SIZE = 0x0400_0000L;
    static final long UART_BASE = 0x1000_0000L;
    static final long RTC_BASE = 0x0010_1000L;
    static final long TEST_BASE = 0x0010_0000L;
    static final int UART_IRQ = 10;
    static final int RTC_IRQ = 11;
    /** Guest IRQ lines, as QEMU virt's PLIC: sources 1..95. */
    static final int IRQ_COUNT = 96;

    private VirtLayout() {
    }

    /**
     * The guest DT for {@code smp} harts and {@code memory} bytes of RAM; the caller adds images,
     * boot arguments and the guest OS DT with {@link GuestDtAdditions}.
     */
    public static DeviceTree guest(String name, int smp, long memory, String clock) {
        DeviceTree dt = DeviceTree.create();
        Node root = dt.root();
        root.setU32("#address-cells", 2).setU32("#size-cells", 2);
        root.setString("model", "hv,virt");
        root.setString("device_type", "guest");
        Node vcpus = root.addChild("vcpus");
        for (int h = 0; h < smp; h++) {
            Node v = vcpus.addChild("vcpu" + h);
            v.setString("device_type", "vcpu");
            v.setString("compatible", "riscv,generic");
            v.setU64("start_pc", PAYLOAD_ADDR);
            if (h > 0) {
                v.setEmpty("poweroff"); // secondary harts wait for SBI HSM hart_start
            }
        }
        Node aspace = root.addChild("aspace");
        aspace.setU32("guest_irq_count", IRQ_COUNT);
        region(aspace, "mem0", "real", "alloced_ram", RAM_BASE, memory);
        Node plic = region(aspace, "plic", "virtual", "pic", PLIC_BASE, PLIC_SIZE);
        plic.setStrings("compatible", "sifive,plic-1.0.0", "riscv,plic0");
        plic.setU32("parent_irq", 9);
        plic.setU32("num_irq", IRQ_COUNT - 1);
        plic.setU32("max_priority", 7);
        Node uart = region(aspace, "uart0", "virtual", "serial", UART_BASE, 0x100);
        uart.setString("compatible", "ns16550a");
        uart.setU32("interrupts", UART_IRQ);
        Node rtc = region(aspace, "rtc", "virtual", "rtc", RTC_BASE, 0x1000);
        rtc.setString("compatible", "google,goldfish-rtc");
        rtc.setU32("interrupts", RTC_IRQ);
        Node test = region(aspace, "test", "virtual", "sys", TEST_BASE, 0x1000);
        test.setStrings("compatible", "sifive,test1", "sifive,test0", "syscon");
        GuestDtAdditions.clock(root, clock);
        return dt;
    }

    private static Node region(Node aspace, String name, String manifest, String deviceType, long gpa, long size) {
        Node n = aspace.addChild(name);
        n.setString("manifest_type", manifest);
        n.setString("address_type", "memory");
        n.setString("device_type", deviceType);
        n.setU64("guest_physical_addr", gpa);
        n.setU64("physical_size", size);
        return n;
    }
}
