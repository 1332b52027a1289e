package hv.arch.riscv;

import java.util.ArrayList;
import java.util.List;

import hv.core.guest.GuestExit;
import hv.core.vcpu.HartControl;

/** The harts of a test guest: records starts, flushes and shutdowns. */
final class TestHarts implements HartControl {

    final List<TestContext> contexts = new ArrayList<>();
    final List<RiscvEngine> engines = new ArrayList<>();
    final List<HartState> states = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    String shutdown;
    Boolean shutdownReset;
    GuestExit exit;

    @Override
    public int count() {
        return contexts.size();
    }

    @Override
    public HartState state(int hart) {
        return states.get(hart);
    }

    @Override
    public synchronized boolean start(int hart, long pc, long arg1) {
        if (states.get(hart) != HartState.STOPPED) {
            return false;
        }
        states.set(hart, HartState.STARTED);
        engines.get(hart).reset(pc, hart, arg1);
        log.add("start " + hart + " 0x" + Long.toHexString(pc) + " " + arg1);
        return true;
    }

    @Override
    public void setPin(int hart, int pin, boolean level) {
        contexts.get(hart).setPin(pin, level);
    }

    @Override
    public synchronized void flush(int hart, int kinds) {
        log.add("flush " + hart + " " + kinds);
        engines.get(hart).requestFlush(kinds);
    }

    @Override
    public synchronized void exit(GuestExit e) {
        exit = e;
        HartControl.super.exit(e);
    }

    @Override
    public synchronized void shutdown(boolean reset, String reason) {
        shutdown = reason;
        shutdownReset = reset;
    }
}
