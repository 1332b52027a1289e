package hv.arch.riscv;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import hv.core.vcpu.SliceEnd;

/**
 * JMH benchmark of the interpreter loop: one operation is one guest instruction, so the score in
 * ops/us is guest MIPS. Each invocation runs a slice of {@value #SLICE} instructions (the engine may
 * overrun a slice by at most one block, a few instructions in a million). Programs are the integer
 * loops of {@link EngineSpeedProbe}. Run with {@code hv.arch.riscv/bench.sh}; not part of the tests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterpreterBenchmark {

    static final int SLICE = 1_000_000;

    @Param({"alu", "compressed", "copy", "longblock", "muldiv"})
    public String program;

    private RiscvEngine engine;

    @Setup
    public void setUp() {
        Asm a = switch (program) {
            case "alu" -> EngineSpeedProbe.aluLoop();
            case "compressed" -> EngineSpeedProbe.compressedLoop();
            case "copy" -> EngineSpeedProbe.copyLoop();
            case "longblock" -> EngineSpeedProbe.longBlockLoop();
            case "muldiv" -> EngineSpeedProbe.mulDivLoop();
            default -> throw new IllegalArgumentException(program);
        };
        engine = new Machine().load(a).cpu();
    }

    @Benchmark
    @OperationsPerInvocation(SLICE)
    public long slice() {
        SliceEnd end = engine.run(SLICE);
        if (end != SliceEnd.BUDGET) {
            throw new IllegalStateException(program + ": slice ended with " + end);
        }
        return engine.retired();
    }
}
