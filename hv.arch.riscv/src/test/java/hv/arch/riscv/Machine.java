package hv.arch.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hv.core.vcpu.HartControl;
import hv.core.vcpu.SliceEnd;

/** One test guest: a bus, N harts with their contexts and engines. Hart 0 starts at RAM base. */
final class Machine {

    final TestBus bus;
    final TestHarts harts = new TestHarts();

    Machine() {
        this(1);
    }

    Machine(int nharts) {
        this(nharts, 16 << 20);
    }

    Machine(int nharts, int ramSize) {
        bus = new TestBus(ramSize);
        for (int h = 0; h < nharts; h++) {
            harts.contexts.add(new TestContext(bus, h, harts));
            harts.states.add(h == 0 ? HartControl.HartState.STARTED : HartControl.HartState.STOPPED);
        }
    }

    /** Sets a DT property on every hart (before {@link #engines()}). */
    Machine prop(String name, String value) {
        for (TestContext c : harts.contexts) {
            c.props.put(name, value);
        }
        return this;
    }

    /** Creates the engines (done lazily by {@link #cpu}). */
    Machine engines() {
        if (harts.engines.isEmpty()) {
            for (TestContext c : harts.contexts) {
                RiscvEngine e = RiscvEngineFactory.create(c, 0x000100);
                e.reset(TestBus.RAM_BASE, c.hart, 0);
                harts.engines.add(e);
            }
        }
        return this;
    }

    RiscvEngine cpu() {
        return cpu(0);
    }

    RiscvEngine cpu(int h) {
        engines();
        return harts.engines.get(h);
    }

    TestContext ctx() {
        return harts.contexts.get(0);
    }

    Machine load(Asm a) {
        bus.load(a.origin, a.bytes());
        return this;
    }

    /** Runs hart 0 until it is no longer just out of budget (at most 10M instructions). */
    SliceEnd run() {
        SliceEnd r;
        int rounds = 0;
        do {
            r = cpu().run(100_000);
        } while (r == SliceEnd.BUDGET && ++rounds < 100);
        return r;
    }

    /** Runs hart 0 and expects it to end at a wfi (the test programs' halt). */
    Machine runToHalt() {
        assertEquals(SliceEnd.WAIT, run(), "the program should end at its halt (wfi)");
        return this;
    }

    long x(int r) {
        return cpu().x[r];
    }

    /** Loads and runs a program, returning the machine. */
    static Machine exec(Asm a) {
        return new Machine().load(a).runToHalt();
    }
}
