package hv.core.internal.guest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An ELF64 little-endian executable as a list of PT_LOAD segments (ELF-64 Object File Format,
 * System V gABI ch. 4 and 5). Every offset and size is checked against the file; nothing is
 * trusted.
 */
public final class ElfImage {

    static final int PT_LOAD = 1;
    private static final int EI_CLASS = 4;
    private static final int EI_DATA = 5;
    private static final int ELFCLASS64 = 2;
    private static final int ELFDATA2LSB = 1;
    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int MAX_SEGMENTS = 4096;

    /** One PT_LOAD segment. */
    public record Segment(long paddr, long fileOffset, long fileSize, long memSize) {
    }

    private final long entry;
    private final List<Segment> segments;

    private ElfImage(long entry, List<Segment> segments) {
        this.entry = entry;
        this.segments = segments;
    }

    public long entry() {
        return entry;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** True when {@code data} starts with the ELF magic. */
    public static boolean isElf(byte[] data) {
        return data.length >= 4 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
    }

    /**
     * @throws IllegalArgumentException naming {@code what} when the file is not a well-formed ELF64 LE
     */
    public static ElfImage parse(byte[] data, String what) {
        if (!isElf(data)) {
            throw new IllegalArgumentException(what + " is not an ELF file");
        }
        if (data.length < EHDR_SIZE || data[EI_CLASS] != ELFCLASS64 || data[EI_DATA] != ELFDATA2LSB) {
            throw new IllegalArgumentException(what + " is not a 64-bit little-endian ELF file");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        if (phnum == 0) {
            throw new IllegalArgumentException(what + " has no program headers");
        }
        if (phentsize < PHDR_SIZE || phnum > MAX_SEGMENTS) {
            throw new IllegalArgumentException(what + ": bad program header table (entry size " + phentsize + ", "
                    + phnum + " entries)");
        }
        long tableSize = (long) phentsize * phnum;
        if (phoff < 0 || phoff > data.length || tableSize > data.length - phoff) {
            throw new IllegalArgumentException(what + ": program header table lies outside the file");
        }
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            if (b.getInt(at) != PT_LOAD) {
                continue;
            }
            long offset = b.getLong(at + 8);
            long paddr = b.getLong(at + 24);
            long filesz = b.getLong(at + 32);
            long memsz = b.getLong(at + 40);
            if (offset < 0 || filesz < 0 || offset > data.length || filesz > data.length - offset) {
                throw new IllegalArgumentException(what + ": segment " + i + " lies outside the file");
            }
            if (memsz < filesz) {
                throw new IllegalArgumentException(what + ": segment " + i + " has p_memsz < p_filesz");
            }
            if (memsz > 0 && Long.compareUnsigned(paddr + memsz - 1, paddr) < 0) {
                throw new IllegalArgumentException(what + ": segment " + i + " wraps the address space");
            }
            if (memsz > 0) {
                out.add(new Segment(paddr, offset, filesz, memsz));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(what + " has no PT_LOAD segment");
        }
        return new ElfImage(entry, List.copyOf(out));
    }
}
