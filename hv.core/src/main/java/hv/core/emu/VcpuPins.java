package hv.core.emu;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The interrupt pins of one VCPU as an interrupt controller drives them. Pins are numbered by the
 * ISA (RISC-V: 1 SSIP, 5 STIP, 9 SEIP; 3/7/11 for M mode). Any thread; never blocks.
 */
@ProviderType
public interface VcpuPins {

    /** The VCPU's hart id. */
    int hartId();

    /** Sets or clears {@code pin}; a VCPU waiting for an interrupt wakes when a pin rises. */
    void setPin(int pin, boolean level);

    /** Current pin levels, bit n = pin n. */
    long pins();
}
