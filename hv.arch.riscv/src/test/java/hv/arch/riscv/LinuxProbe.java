package hv.arch.riscv;

import java.nio.file.Files;
import java.nio.file.Path;

import hv.core.vcpu.SliceEnd;
import hv.dt.DeviceTree;

/**
 * Not a test: boots a Linux Image + initramfs on one engine with nothing but SBI (console hvc0
 * through the legacy SBI console, timer through SBI TIME), types commands into its shell and
 * prints timings and engine statistics. For profiling the engine on real guest code:
 * {@code java -cp ... hv.arch.riscv.LinuxProbe Image initramfs.cpio ["command"]}.
 */
public final class LinuxProbe {

    private LinuxProbe() {
    }

    public static void main(String[] args) throws Exception {
        byte[] image = Files.readAllBytes(Path.of(args[0]));
        byte[] initrd = Files.readAllBytes(Path.of(args[1]));
        String command = args.length > 2 ? args[2]
                : "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo LOOPDONE $i";
        long ram = TestBus.RAM_BASE;
        long initrdAt = ram + 0x600_0000L;
        long dtbAt = ram + 0x5f0_0000L;
        String dts = """
                /dts-v1/;
                / {
                    #address-cells = <2>;
                    #size-cells = <2>;
                    model = "hv engine probe";
                    compatible = "riscv-virtio";
                    chosen {
                        bootargs = "console=hvc0 earlycon=sbi";
                        linux,initrd-start = <0x0 0x%x>;
                        linux,initrd-end = <0x0 0x%x>;
                    };
                    cpus {
                        #address-cells = <1>;
                        #size-cells = <0>;
                        timebase-frequency = <10000000>;
                        cpu@0 {
                            device_type = "cpu";
                            reg = <0>;
                            compatible = "riscv";
                            riscv,isa = "rv64imafdc_zicsr_zifencei_zihintpause";
                            mmu-type = "riscv,sv48";
                            intc: interrupt-controller {
                                #interrupt-cells = <1>;
                                interrupt-controller;
                                compatible = "riscv,cpu-intc";
                            };
                        };
                    };
                    memory@80000000 {
                        device_type = "memory";
                        reg = <0x0 0x80000000 0x0 0x8000000>;
                    };
                };
                """.formatted(initrdAt, initrdAt + initrd.length);
        Machine m = new Machine(1, 128 << 20);
        m.bus.load(ram + 0x20_0000, image);
        m.bus.load(initrdAt, initrd);
        m.bus.load(dtbAt, DeviceTree.parseDts(dts, "probe.dts").toDtb());
        TestContext ctx = m.ctx();
        ctx.timerModel = true;
        RiscvEngine e = m.cpu();
        e.reset(ram + 0x20_0000, 0, dtbAt);
        java.lang.management.ThreadMXBean tmx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = tmx.getCurrentThreadCpuTime();
        long tShell = 0;
        long tCmd = 0;
        int printed = 0;
        boolean typed = false;
        while (true) {
            SliceEnd r = e.run(1_000_000);
            if (r == SliceEnd.WAIT) {
                ctx.sleepToDeadline();
            } else if (r == SliceEnd.STOPPED) {
                break;
            }
            String out = ctx.out.toString();
            if (out.length() > printed) {
                System.out.print(out.substring(printed));
                printed = out.length();
            }
            if (!typed && out.contains("starting shell")) {
                tShell = System.nanoTime();
                System.out.printf("%n[probe] shell after %.2f s, %s%n", (tShell - t0) / 1e9, e.statistics());
                for (char c : (command + "\nexit\n").toCharArray()) {
                    ctx.in.add((int) c);
                }
                typed = true;
            }
            if (typed && tCmd == 0 && out.contains("DONE")) {
                tCmd = System.nanoTime();
                System.out.printf("%n[probe] command took %.2f s, %s%n", (tCmd - tShell) / 1e9, e.statistics());
            }
            if ((System.nanoTime() - t0) > 300e9) {
                System.out.println("\n[probe] giving up after 300 s");
                break;
            }
        }
        System.out.printf("%n[probe] end after %.2f s (%.2f s CPU), %s%n", (System.nanoTime() - t0) / 1e9,
                (tmx.getCurrentThreadCpuTime() - c0) / 1e9, e.statistics());
    }
}
