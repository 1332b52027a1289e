package hv.core.internal.emu;

import java.util.function.Consumer;

import hv.core.emu.GuestIrqs;
import hv.core.emu.IrqLine;
import hv.core.emu.IrqSink;

/**
 * A guest's interrupt lines ({@code guest_irq_count}): levels kept here, in the core, so that they
 * survive the swap of device and controller bundles; changes go to the claiming controller's
 * {@link IrqSink}. Changes of one line are delivered in order under that line's lock; when no
 * controller is attached, levels are kept and edges remembered, and both are replayed to the next
 * controller.
 */
public final class IrqRouter {

    /** Delivers to a claimed sink unless its instance is gone; returns false when not delivered. */
    interface Claim {
        boolean deliver(Consumer<IrqSink> action);

        Object owner();
    }

    private static final class Line {
        final int number;
        boolean level;
        boolean edgePending;

        Line(int number) {
            this.number = number;
        }
    }

    private final Line[] lines;
    private volatile Claim claim;

    public IrqRouter(int count) {
        lines = new Line[count];
        for (int i = 0; i < count; i++) {
            lines[i] = new Line(i);
        }
    }

    public int count() {
        return lines.length;
    }

    private Line line(int n) {
        if (n < 0 || n >= lines.length) {
            throw new IndexOutOfBoundsException("guest interrupt " + n + " outside 0.." + (lines.length - 1)
                    + " (aspace guest_irq_count)");
        }
        return lines[n];
    }

    /** Sets line {@code n}'s level; the controller hears a change. Any thread. */
    public void set(int n, boolean level) {
        Line l = line(n);
        synchronized (l) {
            if (l.level == level) {
                return;
            }
            l.level = level;
            Claim c = claim;
            if (c != null) {
                c.deliver(s -> s.levelChanged(n, level));
            }
        }
    }

    /** An edge on line {@code n}; remembered when no controller hears it. */
    public void pulse(int n) {
        Line l = line(n);
        synchronized (l) {
            Claim c = claim;
            if (c == null || !c.deliver(s -> s.edge(n))) {
                l.edgePending = true;
            }
        }
    }

    public boolean level(int n) {
        Line l = line(n);
        synchronized (l) {
            return l.level;
        }
    }

    /** A device-side handle of line {@code n}. */
    public IrqLine handle(int n) {
        line(n);
        return new IrqLine() {
            @Override
            public int line() {
                return n;
            }

            @Override
            public void set(boolean level) {
                IrqRouter.this.set(n, level);
            }

            @Override
            public void pulse() {
                IrqRouter.this.pulse(n);
            }

            @Override
            public boolean level() {
                return IrqRouter.this.level(n);
            }
        };
    }

    /**
     * Claims the lines for a controller.
     *
     * @throws IllegalStateException when another owner holds the claim
     */
    synchronized GuestIrqs claim(Claim c, String who) {
        Claim cur = claim;
        if (cur != null && cur.owner() != c.owner()) {
            throw new IllegalStateException(who + ": the guest's interrupt lines are already claimed by another controller");
        }
        claim = c;
        return new GuestIrqs() {
            @Override
            public int count() {
                return lines.length;
            }

            @Override
            public boolean level(int line) {
                return IrqRouter.this.level(line);
            }

            @Override
            public void release() {
                IrqRouter.this.release(c);
            }
        };
    }

    synchronized void release(Claim c) {
        if (claim == c) {
            claim = null;
        }
    }

    /** Replays high levels and remembered edges to the current claim (after an attach or restore). */
    void replay() {
        for (Line l : lines) {
            synchronized (l) {
                Claim c = claim;
                if (c == null) {
                    return;
                }
                int n = l.number;
                if (l.level) {
                    c.deliver(s -> s.levelChanged(n, true));
                }
                if (l.edgePending && c.deliver(s -> s.edge(n))) {
                    l.edgePending = false;
                }
            }
        }
    }

    /** Drops every level and edge (guest reset). */
    public void reset() {
        for (Line l : lines) {
            synchronized (l) {
                l.level = false;
                l.edgePending = false;
            }
        }
    }
}
