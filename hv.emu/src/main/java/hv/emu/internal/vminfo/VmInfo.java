package hv.emu.internal.vminfo;

import java.util.List;

import hv.core.state.SavedState;
import hv.core.state.StateException;
import hv.emu.internal.AccessLog;
import hv.emu.internal.MmioDevice;
import hv.emu.internal.RegisterDef;
import hv.emu.internal.RegisterMap;

/**
 * Xvisor's {@code vminfo-0.1} device: read-only 32-bit little-endian registers that tell a guest's firmware
 * about its virtual machine (magic, vendor, version, VCPU count, boot delay, timer frequencies, up to four RAM
 * banks). 64-bit values are split into a high word at the lower offset and a low word after it. Narrower and
 * wider aligned reads return the covered bytes; writes are ignored.
 */
public final class VmInfo extends MmioDevice {

    /** Saved state type. */
    public static final String STATE_TYPE = "hv.emu.vminfo";
    /** Saved state format version. */
    public static final int STATE_VERSION = 1;

    /** Register 0x00. */
    public static final int MAGIC = 0xa4a297a6;
    /** Register 0x04: "XVSR" read as a little-endian word. */
    public static final int VENDOR = 0x52535658;
    /** Register 0x08. */
    public static final int VERSION = 1;
    /** RAM banks described. */
    public static final int RAM_BANKS = 4;

    /** One RAM bank: guest physical base and size in bytes (size 0: no bank). */
    public record RamBank(long base, long size) {
    }

    /** The register map, as Xvisor's vminfo emulator lays it out. */
    enum Reg implements RegisterDef {
        MAGIC_REG(0x00, 1, "magic 0xa4a297a6"),
        VENDOR_REG(0x04, 1, "vendor 0x52535658"),
        VERSION_REG(0x08, 1, "version 1"),
        VCPU_COUNT(0x0c, 1, "number of VCPUs"),
        BOOT_DELAY(0x10, 1, "boot delay"),
        RESERVED_14(0x14, 1, "reserved, reads 0"),
        CLOCKSOURCE_FREQ(0x18, 2, "clocksource frequency in Hz, high word then low word"),
        CLOCKCHIP_FREQ(0x20, 2, "clockchip frequency in Hz, high word then low word"),
        RAM(0x40, RAM_BANKS * 4, "RAMn base high, base low, size high, size low at 0x40 + 0x10 * n");

        private final long base;
        private final int count;
        private final String spec;

        Reg(long base, int count, String spec) {
            this.base = base;
            this.count = count;
            this.spec = spec;
        }

        @Override
        public long base() {
            return base;
        }

        @Override
        public int width() {
            return 4;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public Access access() {
            return Access.RO;
        }

        @Override
        public long writableMask() {
            return 0;
        }

        @Override
        public String spec() {
            return spec;
        }
    }

    static final RegisterMap<Reg> MAP = new RegisterMap<>(Reg.class);

    private final Object lock = new Object();
    private int vcpus;
    private long bootDelay;
    private long clocksourceHz;
    private long clockchipHz;
    private List<RamBank> ram;

    /**
     * @param ram the RAM banks in address order; the first four are shown
     */
    public VmInfo(int vcpus, long bootDelay, long clocksourceHz, long clockchipHz, List<RamBank> ram, AccessLog log) {
        super(log);
        this.vcpus = vcpus;
        this.bootDelay = bootDelay;
        this.clocksourceHz = clocksourceHz;
        this.clockchipHz = clockchipHz;
        this.ram = List.copyOf(ram.size() > RAM_BANKS ? ram.subList(0, RAM_BANKS) : ram);
    }

    @Override
    public int accessWidths() {
        return ACCESS_ALL;
    }

    /** The 32-bit register at the aligned offset {@code word}, or null when none is there. */
    private Long word(long word) {
        RegisterMap.Hit<Reg> hit = MAP.lookup(word);
        if (hit == null) {
            return null;
        }
        int i = hit.index();
        synchronized (lock) {
            long v = switch (hit.reg()) {
                case MAGIC_REG -> MAGIC;
                case VENDOR_REG -> VENDOR;
                case VERSION_REG -> VERSION;
                case VCPU_COUNT -> vcpus;
                case BOOT_DELAY -> bootDelay;
                case RESERVED_14 -> 0;
                case CLOCKSOURCE_FREQ -> half(clocksourceHz, i);
                case CLOCKCHIP_FREQ -> half(clockchipHz, i);
                case RAM -> {
                    int bank = i / 4;
                    List<RamBank> banks = ram;
                    RamBank b = bank < banks.size() ? banks.get(bank) : new RamBank(0, 0);
                    yield half(i % 4 < 2 ? b.base() : b.size(), i % 2);
                }
            };
            return v & 0xFFFF_FFFFL;
        }
    }

    /** Index 0: the high word, 1: the low word. */
    private static long half(long v, int i) {
        return i == 0 ? v >>> 32 : v & 0xFFFF_FFFFL;
    }

    @Override
    protected long readReg(long offset, int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8 || offset < 0 || offset % size != 0) {
            accessLog.unhandledRead(offset, size);
            return 0;
        }
        long result = 0;
        boolean any = false;
        for (int k = 0; k < size; k++) {
            long byteAddr = offset + k;
            Long w = word(byteAddr & ~3L);
            if (w != null) {
                any = true;
                result |= ((w >>> (8 * (byteAddr & 3))) & 0xFF) << (8 * k);
            }
        }
        if (!any) {
            accessLog.unhandledRead(offset, size);
        }
        return result;
    }

    @Override
    protected void writeReg(long offset, int size, long value) {
        accessLog.unhandledWrite(offset, size, value);
    }

    @Override
    public void reset() {
        // Read-only: nothing to reset.
    }

    @Override
    public SavedState save() {
        synchronized (lock) {
            long[] banks = new long[RAM_BANKS * 2];
            List<RamBank> r = ram;
            for (int n = 0; n < r.size(); n++) {
                banks[2 * n] = r.get(n).base();
                banks[2 * n + 1] = r.get(n).size();
            }
            return new SavedState(STATE_TYPE, STATE_VERSION).put("vcpus", vcpus).put("bootDelay", bootDelay)
                    .put("clocksourceHz", clocksourceHz).put("clockchipHz", clockchipHz).put("ram", banks)
                    .put("unhandled", accessLog.unhandled());
        }
    }

    @Override
    public void restore(SavedState s) {
        s.require(STATE_TYPE, 1, STATE_VERSION);
        long[] banks = s.getLongs("ram");
        if (banks.length != RAM_BANKS * 2) {
            throw new StateException("saved vminfo has " + banks.length + " RAM values, expected " + RAM_BANKS * 2);
        }
        List<RamBank> restored = new java.util.ArrayList<>();
        for (int k = 0; k < RAM_BANKS; k++) {
            restored.add(new RamBank(banks[2 * k], banks[2 * k + 1]));
        }
        int n = s.getInt("vcpus");
        long delay = s.getLong("bootDelay");
        long source = s.getLong("clocksourceHz");
        long chip = s.getLong("clockchipHz");
        synchronized (lock) {
            vcpus = n;
            bootDelay = delay;
            clocksourceHz = source;
            clockchipHz = chip;
            ram = List.copyOf(restored);
        }
        accessLog.restoreUnhandled(s.getLong("unhandled", 0));
    }
}
