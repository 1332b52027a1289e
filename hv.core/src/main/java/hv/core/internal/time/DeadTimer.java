package hv.core.internal.time;

import hv.core.time.Timer;

/** A timer that never fires (armed on a closed clock or context). */
public record DeadTimer(long deadline) implements Timer {

    public static Timer at(long deadline) {
        return new DeadTimer(deadline);
    }

    @Override
    public boolean pending() {
        return false;
    }

    @Override
    public boolean cancel() {
        return false;
    }
}
