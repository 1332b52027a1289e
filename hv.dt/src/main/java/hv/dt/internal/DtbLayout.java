package hv.dt.internal;

import java.util.ArrayList;
import java.util.List;

import hv.dt.DtException;

/**
 * The checked layout of a blob: header fields validated, the structure and strings blocks
 * inside the blob and apart, the reservation block terminated before it runs into either.
 * All arithmetic on offsets is done in {@code long}, so that no 32-bit field can overflow it.
 *
 * @param total        the blob size the header declares (at most the bytes present)
 * @param structStart  first byte of the structure block
 * @param structEnd    one past its last byte
 * @param stringsStart first byte of the strings block
 * @param stringsEnd   one past its last byte
 * @param headerSize   36 (version 16) or 40 bytes
 * @param bootCpuId    the boot_cpuid_phys field
 */
record DtbLayout(int total, long structStart, long structEnd, long stringsStart, long stringsEnd,
        int headerSize, int bootCpuId) {

    private static long u32(byte[] b, long off) {
        return Bytes.be32(b, (int) off) & 0xffffffffL;
    }

    /** Checks the header of {@code b}. */
    static DtbLayout of(byte[] b) {
        if (b.length < 8) {
            throw DtException.blob(0, "truncated: " + b.length + " bytes is too short for a DTB header");
        }
        if (Bytes.be32(b, Fdt.OFF_MAGIC) != Fdt.MAGIC) {
            throw DtException.blob(0, String.format("bad magic 0x%08x (expected 0xd00dfeed)",
                    Bytes.be32(b, Fdt.OFF_MAGIC)));
        }
        if (b.length < Fdt.HEADER_SIZE_V16) {
            throw DtException.blob(0, "truncated header: " + b.length + " bytes");
        }
        long version = u32(b, Fdt.OFF_VERSION);
        long lastComp = u32(b, Fdt.OFF_LAST_COMP_VERSION);
        if (version < 16) {
            throw DtException.blob(Fdt.OFF_VERSION, "unsupported DTB version " + version
                    + " (this reader handles versions 16 and 17)");
        }
        if (lastComp > Fdt.VERSION) {
            throw DtException.blob(Fdt.OFF_LAST_COMP_VERSION, "the DTB needs a reader for version "
                    + lastComp + "; this reader handles up to version 17");
        }
        int headerSize = version >= 17 ? Fdt.HEADER_SIZE_V17 : Fdt.HEADER_SIZE_V16;
        if (b.length < headerSize) {
            throw DtException.blob(0, "truncated header: " + b.length + " bytes, version "
                    + version + " needs " + headerSize);
        }
        long totalSize = u32(b, Fdt.OFF_TOTALSIZE);
        if (totalSize > Limits.MAX_BLOB_SIZE) {
            throw DtException.blob(Fdt.OFF_TOTALSIZE, "totalsize " + totalSize
                    + " is larger than the limit of " + Limits.MAX_BLOB_SIZE + " bytes");
        }
        if (totalSize > b.length) {
            throw DtException.blob(Fdt.OFF_TOTALSIZE, "truncated: totalsize is " + totalSize
                    + " bytes but only " + b.length + " are present");
        }
        if (totalSize < headerSize) {
            throw DtException.blob(Fdt.OFF_TOTALSIZE, "totalsize " + totalSize
                    + " is smaller than the header");
        }
        int total = (int) totalSize;
        long structStart = u32(b, Fdt.OFF_DT_STRUCT);
        long stringsStart = u32(b, Fdt.OFF_DT_STRINGS);
        long stringsEnd = stringsStart + u32(b, Fdt.OFF_SIZE_DT_STRINGS);
        long structEnd;
        if (version >= 17) {
            structEnd = structStart + u32(b, Fdt.OFF_SIZE_DT_STRUCT);
        } else {
            structEnd = stringsStart > structStart ? Math.min(stringsStart, total) : total;
        }
        block("structure block", Fdt.OFF_DT_STRUCT, structStart, structEnd, headerSize, total);
        block("strings block", Fdt.OFF_DT_STRINGS, stringsStart, stringsEnd, headerSize, total);
        if (structStart % 4 != 0) {
            throw DtException.blob(Fdt.OFF_DT_STRUCT, "structure block offset " + structStart
                    + " is not 4-byte aligned");
        }
        if (overlap(structStart, structEnd, stringsStart, stringsEnd)) {
            throw DtException.blob(Fdt.OFF_DT_STRINGS, "the strings block ["
                    + stringsStart + ", " + stringsEnd + ") overlaps the structure block ["
                    + structStart + ", " + structEnd + ")");
        }
        return new DtbLayout(total, structStart, structEnd, stringsStart, stringsEnd, headerSize,
                Bytes.be32(b, Fdt.OFF_BOOT_CPUID_PHYS));
    }

    private static void block(String what, int field, long start, long end, int headerSize, int total) {
        if (start < headerSize || end > total || start > end) {
            throw DtException.blob(field, what + " [" + start + ", " + end
                    + ") is not inside the blob [" + headerSize + ", " + total + ")");
        }
    }

    private static boolean overlap(long s1, long e1, long s2, long e2) {
        return s1 < e2 && s2 < e1 && s1 < e1 && s2 < e2;
    }

    /** The memory reservation entries up to the empty one that ends them. */
    List<TreeImpl.Reservation> reservations(byte[] b) {
        List<TreeImpl.Reservation> out = new ArrayList<>();
        long off = u32(b, Fdt.OFF_MEM_RSVMAP);
        if (off % 8 != 0 || off < headerSize || off > total) {
            throw DtException.blob(Fdt.OFF_MEM_RSVMAP, "memory reservation block offset " + off
                    + " is misaligned or outside the blob");
        }
        while (true) {
            long end = off + Fdt.RESERVE_ENTRY_SIZE;
            if (end > total) {
                throw DtException.blob(off, "memory reservation block runs past the end of the "
                        + "blob (no terminating empty entry)");
            }
            boolean intoStruct = overlap(off, end, structStart, structEnd);
            if (intoStruct || overlap(off, end, stringsStart, stringsEnd)) {
                throw DtException.blob(off, "memory reservation block runs into the "
                        + (intoStruct ? "structure" : "strings")
                        + " block (no terminating empty entry before it)");
            }
            long address = Bytes.be64(b, (int) off);
            long size = Bytes.be64(b, (int) off + 8);
            if (address == 0 && size == 0) {
                return out;
            }
            out.add(new TreeImpl.Reservation(address, size, List.of()));
            off = end;
        }
    }
}
