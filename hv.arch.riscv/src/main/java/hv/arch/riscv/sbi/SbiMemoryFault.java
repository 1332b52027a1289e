package hv.arch.riscv.sbi;

/** A guest virtual address given to a legacy SBI call does not translate. Stackless. */
public final class SbiMemoryFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final SbiMemoryFault INSTANCE = new SbiMemoryFault();

    private SbiMemoryFault() {
        super("SBI argument address does not translate", null, false, false);
    }
}
