package hv.arch.riscv;

import static hv.arch.riscv.Asm.*;

import hv.core.vcpu.SliceEnd;

/**
 * Not a test (no JUnit annotations; surefire ignores it): a speed probe that runs integer loops in the
 * engine for a few seconds each and prints MIPS. Run with
 * {@code java -cp <test classes>:<classes>:<hv.core jar> hv.arch.riscv.EngineSpeedProbe [seconds]}.
 */
public final class EngineSpeedProbe {

    private EngineSpeedProbe() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        System.out.printf("load average: %s%n", loadAverage());
        probe("integer ALU mix (11 insns, 1 ld + 1 sd per loop)", aluLoop(), seconds);
        probe("compressed ALU loop (rv64c)", compressedLoop(), seconds);
        probe("memcpy-like loop with Sv39 paging off (ld/sd 8 bytes)", copyLoop(), seconds);
        probe("mul/div mix", mulDivLoop(), seconds);
        probe("long block (41 ALU insns per taken branch)", longBlockLoop(), seconds);
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static Asm aluLoop() {
        Asm a = new Asm().li(S0, TestBus.RAM_BASE + 0x10000).li(T0, 1L << 40).li(T1, 1);
        a.label("loop")
                .add(A0, A0, T1).op("xor", A1, A1, A0).opi("slli", T2, A1, 3).opi("srli", T3, A0, 5)
                .addi(T1, T1, 1).op("and", A2, T2, T3).op("or", A3, A3, A2).sd(A3, S0, 0).ld(A4, S0, 8)
                .addi(T0, T0, -1).bnez(T0, "loop");
        return a.halt();
    }

    static Asm compressedLoop() {
        Asm a = new Asm().li(S0, 1L << 40).li(S1, 1).li(A0, 0);
        a.label("loop").cAdd(A0, S1).cAlu("xor", A1, A0).cSlli(A2, 3).cAlu("or", A2, A1).cAddi(S1, 1)
                .cAddi(S0, -1).cBnez(S0, "loop");
        return a.halt();
    }

    static Asm copyLoop() {
        Asm a = new Asm().li(S2, 1L << 40);
        a.label("outer").li(S0, TestBus.RAM_BASE + 0x100000).li(S1, TestBus.RAM_BASE + 0x200000).li(T0, 512);
        a.label("loop").ld(T1, S0, 0).ld(T2, S0, 8).sd(T1, S1, 0).sd(T2, S1, 8).addi(S0, S0, 16).addi(S1, S1, 16)
                .addi(T0, T0, -1).bnez(T0, "loop").addi(S2, S2, -1).bnez(S2, "outer");
        return a.halt();
    }

    static Asm longBlockLoop() {
        Asm a = new Asm().li(T0, 1L << 40).li(T1, 1);
        a.label("loop");
        for (int k = 0; k < 8; k++) {
            a.add(A0, A0, T1).op("xor", A1, A1, A0).opi("slli", T2, A1, 3).opi("srli", T3, A0, 5).op("or", A3, A3, T2);
        }
        a.addi(T0, T0, -1).bnez(T0, "loop");
        return a.halt();
    }

    static Asm mulDivLoop() {
        Asm a = new Asm().li(T0, 1L << 40).li(A0, 12345).li(A1, 777);
        a.label("loop").op("mul", A2, A0, A1).op("div", A3, A2, A1).op("remu", A4, A2, T0).op("mulh", A5, A2, A2)
                .add(A0, A0, A3).addi(T0, T0, -1).bnez(T0, "loop");
        return a.halt();
    }

    static void probe(String name, Asm program, double seconds) {
        Machine m = new Machine().load(program);
        RiscvEngine e = m.cpu();
        // warm up
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 1_000_000_000L) {
            e.run(1_000_000);
        }
        long r0 = e.retired();
        java.lang.management.ThreadMXBean tmx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = tmx.getCurrentThreadCpuTime();
        t0 = System.nanoTime();
        long t1;
        do {
            SliceEnd s = e.run(10_000_000);
            if (s != SliceEnd.BUDGET) {
                throw new IllegalStateException(name + ": slice ended with " + s);
            }
            t1 = System.nanoTime();
        } while (t1 - t0 < seconds * 1e9);
        long c1 = tmx.getCurrentThreadCpuTime();
        double mips = (e.retired() - r0) / ((t1 - t0) / 1e3);
        double cpuMips = (e.retired() - r0) / ((c1 - c0) / 1e3);
        System.out.printf("%-55s %7.1f MIPS wall, %7.1f MIPS per CPU second  %s%n", name, mips, cpuMips,
                e.statistics());
    }
}
