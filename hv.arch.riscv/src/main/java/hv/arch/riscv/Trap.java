package hv.arch.riscv;

/**
 * A synchronous guest exception raised in the middle of an instruction (page fault, access fault,
 * misaligned AMO, illegal CSR access). Stackless, and one instance per hart is reused: raising a
 * guest trap allocates nothing. Never escapes the engine.
 */
final class Trap extends RuntimeException {

    private static final long serialVersionUID = 1L;

    int cause;
    long tval;

    Trap() {
        super(null, null, false, false);
    }

    Trap set(int cause, long tval) {
        this.cause = cause;
        this.tval = tval;
        return this;
    }
}
