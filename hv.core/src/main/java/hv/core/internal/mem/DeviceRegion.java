package hv.core.internal.mem;

import hv.core.config.RegionConfig;

/** An emulated device: accesses go to its backend with the offset inside the region. */
public final class DeviceRegion extends Region {

    private final DeviceBackend backend;

    public DeviceRegion(RegionConfig config, DeviceBackend backend) {
        super(config.name(), config.gpa(), config.size(), config);
        this.backend = backend;
    }

    public DeviceBackend backend() {
        return backend;
    }

    @Override
    public long read(long gpa, int size) {
        return backend.read(gpa - start, size, gpa);
    }

    @Override
    public void write(long gpa, int size, long value) {
        backend.write(gpa - start, size, value, gpa);
    }
}
