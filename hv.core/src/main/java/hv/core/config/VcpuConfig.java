package hv.core.config;

import java.util.List;

import hv.dt.Node;

/**
 * One VCPU of a guest, from a {@code vcpus/vcpuN} node or an expanded {@code vcpu_template}.
 *
 * @param hartId index in the guest, 0-based (the order of the {@code vcpus} children)
 * @param name node name ({@code vcpu0})
 * @param path DT path of the node it came from
 * @param compatible the engine to use, first match wins
 * @param isa the {@code riscv,isa} string (or null)
 * @param startPc first pc
 * @param priority 0..7, higher wins (default 3)
 * @param timeSlice ns (default 10 ms)
 * @param deadline ns (default 10 x time slice)
 * @param periodicity ns (default 10 x deadline)
 * @param affinity allowed host CPUs; empty means all
 * @param poweroff stays in RESET when the guest is kicked, until started (SBI HSM)
 * @param node the DT node it came from (the template for expanded VCPUs); read only, never change it
 */
public record VcpuConfig(int hartId, String name, String path, List<String> compatible, String isa, long startPc,
        int priority, long timeSlice, long deadline, long periodicity, List<Integer> affinity, boolean poweroff,
        Node node) {

    public VcpuConfig {
        compatible = List.copyOf(compatible);
        affinity = List.copyOf(affinity);
    }
}
