package hv.shell.internal;

import hv.core.guest.GuestConsole;

/**
 * Follows a guest console's output by position, without a listener: the guest's thread never waits
 * for a slow terminal or network client. A follower that falls more than the console's kept output
 * (64 KiB) behind skips what was lost.
 */
final class OutputFollower {

    private final GuestConsole console;
    private long position;

    /** Follows output written from now on. */
    OutputFollower(GuestConsole console) {
        this.console = console;
        this.position = console.outputCount();
    }

    /** Output written since the last call (possibly empty). */
    byte[] next() {
        long before = console.outputCount();
        byte[] b = console.output(position);
        // output(from) returns [max(from, end - kept), end). Unless 'from' had fallen out of the kept
        // output, position + length is that end, which is at least the count read before the call.
        position = position + b.length >= before ? position + b.length : console.outputCount();
        return b;
    }
}
