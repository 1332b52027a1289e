package hv.arch.riscv.sbi;

import hv.core.mem.GuestMemory;
import hv.core.mem.GuestMemoryException;
import hv.core.mem.RamBlock;
import hv.core.vcpu.FirmwareConsole;

/**
 * DBCN extension (EID "DBCN", SBI v2.0 chapter 12). Buffers are given by guest PHYSICAL address
 * (base_addr_lo; base_addr_hi must be 0 on RV64) and must lie wholly in RAM (for console_read:
 * writable RAM), else SBI_ERR_INVALID_PARAM.
 */
final class Dbcn implements SbiExtension {

    static final long EID = 0x4442434EL;

    private final byte[] buf = new byte[256];

    @Override
    public String name() {
        return "dbcn";
    }

    @Override
    public boolean serves(long eid) {
        return eid == EID;
    }

    @Override
    public int call(SbiCall c) {
        FirmwareConsole con = c.hart.context().console();
        GuestMemory mem = c.hart.context().bus().memory();
        switch (c.fid) {
            case 0, 1 -> {
                long num = c.a[0];
                long base = c.a[1];
                if (c.a[2] != 0 || num < 0 || (num > 0 && !mem.isRam(base, num))
                        || (c.fid == 1 && num > 0 && !writable(c, base, num))) {
                    c.fail(Sbi.ERR_INVALID_PARAM);
                    return Sbi.CONTINUE;
                }
                try {
                    c.ok(c.fid == 0 ? write(con, mem, num, base) : read(con, mem, num, base));
                } catch (GuestMemoryException e) {
                    c.fail(Sbi.ERR_INVALID_PARAM); // for example a read into ROM
                }
            }
            case 2 -> {
                con.write((int) c.a[0] & 0xff);
                c.ok(0);
            }
            default -> c.fail(Sbi.ERR_NOT_SUPPORTED);
        }
        return Sbi.CONTINUE;
    }

    /** console_read needs a buffer it can write: RAM, not ROM. */
    private static boolean writable(SbiCall c, long base, long num) {
        RamBlock b = c.hart.context().bus().ramBlock(base);
        return b != null && b.writable() && b.contains(base, num);
    }

    private long write(FirmwareConsole con, GuestMemory mem, long num, long base) {
        long done = 0;
        while (done < num) {
            int n = (int) Math.min(buf.length, num - done);
            mem.read(base + done, buf, 0, n);
            for (int i = 0; i < n; i++) {
                con.write(buf[i] & 0xff);
            }
            done += n;
        }
        return num;
    }

    private long read(FirmwareConsole con, GuestMemory mem, long num, long base) {
        long done = 0;
        while (done < num) {
            int ch = con.read();
            if (ch < 0) {
                break;
            }
            mem.write8(base + done, ch);
            done++;
        }
        return done;
    }
}
