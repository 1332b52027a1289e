package hv.dt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds and reads included files: next to the includer first (when allowed), then in dirs. */
final class Includes {
    private final List<Path> dirs;

    Includes(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /**
     * The file to open for {@code name}.
     *
     * @param besideIncluder look in {@code currentDir} first ({@code /include/} and
     *                       {@code #include "..."}); false for {@code #include <...>}
     */
    Path find(String name, Path currentDir, boolean besideIncluder, SourceLoc loc) {
        Path p;
        try {
            p = Path.of(name);
        } catch (RuntimeException e) {
            throw loc.error("bad include file name '" + name + "'");
        }
        if (p.isAbsolute()) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        } else {
            if (besideIncluder) {
                Path here = currentDir == null ? p : currentDir.resolve(p);
                if (Files.isRegularFile(here)) {
                    return here;
                }
            }
            for (Path d : dirs) {
                Path there = d.resolve(p);
                if (Files.isRegularFile(there)) {
                    return there;
                }
            }
        }
        throw loc.error("cannot find include file '" + name + "'"
                + (besideIncluder ? " next to the including file" : "")
                + (dirs.isEmpty() ? "" : " or in " + dirs));
    }

    /** Reads a file as bytes mapped one to one onto chars, refusing more than {@code budget}. */
    static String read(Path file, long budget, SourceLoc loc) {
        try {
            byte[] b = readAtMost(file, budget);
            if (b == null) {
                throw error(loc, file, "the sources are larger than the limit of "
                        + Limits.MAX_SOURCE_BYTES + " bytes");
            }
            return new String(b, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw error(loc, file, "cannot read: " + e);
        }
    }

    /**
     * The bytes of a file, or null when it holds more than {@code max}. Reads at most
     * {@code max + 1} bytes whatever the file claims, so a device such as /dev/zero cannot
     * make it loop or exhaust memory.
     */
    static byte[] readAtMost(Path file, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            return b.length > max ? null : b;
        }
    }

    private static RuntimeException error(SourceLoc loc, Path file, String detail) {
        return loc != null ? loc.error(file + ": " + detail)
                : hv.dt.DtException.at(file.toString(), 0, 0, detail);
    }
}
