package hv.dt.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import hv.dt.DeviceTree;
import hv.dt.DtException;

/** The implementations behind the static factories of {@link DeviceTree}. */
public final class Trees {
    private Trees() {
    }

    public static DeviceTree create() {
        return new TreeImpl();
    }

    public static DeviceTree parseDts(Path file, List<Path> includeDirs) {
        String text = Includes.read(file, Limits.MAX_SOURCE_BYTES, null);
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir, includeDirs);
    }

    public static DeviceTree parseDts(String text, String sourceName, List<Path> includeDirs) {
        Path dir = null;
        try {
            Path p = Path.of(sourceName).toAbsolutePath().getParent();
            dir = p != null && Files.isDirectory(p) ? p : null;
        } catch (RuntimeException e) {
            dir = null; // a name such as "<string>" is not a path: includes use includeDirs only
        }
        return parse(DtsLexer.asSourceBytes(text), sourceName, dir, includeDirs);
    }

    private static DeviceTree parse(String text, String name, Path dir, List<Path> includeDirs) {
        if (text.length() > Limits.MAX_SOURCE_BYTES) {
            throw DtException.at(name, 0, 0, "source larger than " + Limits.MAX_SOURCE_BYTES + " bytes");
        }
        try {
            DtsParser parser = new DtsParser(DtsLexer.of(text, name, dir, new Includes(includeDirs)));
            parser.parse();
            return SrcFixups.run(parser);
        } catch (StackOverflowError e) {
            throw DtException.at(name, 0, 0, "source nests too deeply to parse");
        }
    }

    public static DeviceTree read(Path file, List<Path> includeDirs) {
        byte[] magic;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        } catch (IOException e) {
            throw DtException.at(file.toString(), 0, 0, "cannot read: " + e);
        }
        boolean dtb = magic.length == 4 && Bytes.be32(magic, 0) == Fdt.MAGIC;
        return dtb ? readDtb(file) : parseDts(file, includeDirs);
    }

    public static DeviceTree readDtb(byte[] dtb) {
        return DtbReader.read(dtb);
    }

    public static DeviceTree readDtb(Path file) {
        try {
            byte[] b = Includes.readAtMost(file, Limits.MAX_BLOB_SIZE);
            if (b == null) {
                throw DtException.at(file.toString(), 0, 0,
                        "file larger than the DTB limit of " + Limits.MAX_BLOB_SIZE + " bytes");
            }
            return DtbReader.read(b);
        } catch (DtException e) {
            throw e.inFile(file.toString());
        } catch (IOException e) {
            throw DtException.at(file.toString(), 0, 0, "cannot read: " + e);
        }
    }
}
