package hv.arch.riscv.sbi;

/** One SBI extension (SBI v2.0 chapters 4-12). Implementations are small and stateless per call. */
interface SbiExtension {

    /** The name used in {@code xvisor,disable-sbi-<name>}, or null for BASE (never disabled). */
    String name();

    /** True when this extension serves extension id {@code eid}. */
    boolean serves(long eid);

    /** Handles a call, filling {@code c.error} and {@code c.value}; returns an {@link Sbi} action. */
    int call(SbiCall c);
}
