package hv.dt.internal;

import java.io.IOException;
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
            long size = Files.size(file);
            if (size > budget) {
                throw error(loc, file, "the sources are larger than the limit of "
                        + Limits.MAX_SOURCE_BYTES + " bytes");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw error(loc, file, "cannot read: " + e);
        }
    }

    private static RuntimeException error(SourceLoc loc, Path file, String detail) {
        return loc != null ? loc.error(file + ": " + detail)
                : hv.dt.DtException.at(file.toString(), 0, 0, detail);
    }
}
