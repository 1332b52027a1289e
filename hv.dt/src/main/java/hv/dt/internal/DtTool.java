package hv.dt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import hv.dt.DeviceTree;
import hv.dt.DtException;

/**
 * {@code hv dt}: converts between DTS and DTB, like a small dtc. Needs only this bundle's jar.
 *
 * <pre>
 * DtTool [-I dts|dtb] [-O dts|dtb] [-i DIR]... IN OUT
 * </pre>
 * Formats follow the file extensions ({@code .dts}/{@code .dtsi}, {@code .dtb}), or the DTB
 * magic for input; {@code -} is stdin or stdout (DTS unless {@code -O dtb}). Exit codes: 0
 * done, 1 bad input (one line {@code error: file:line:col: ...} on stderr), 2 usage error.
 */
public final class DtTool {
    static final String USAGE = "usage: hv dt [-I dts|dtb] [-O dts|dtb] [-i DIR]... IN OUT\n"
            + "  converts a device tree between source (.dts) and blob (.dtb) by extension;\n"
            + "  '-' is stdin/stdout; -I/-O force a format; -i adds an include directory";

    private DtTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the tool; returns the exit code. */
    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        String inFormat = null;
        String outFormat = null;
        List<Path> includes = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                stdout.println(USAGE);
                return 0;
            }
            if (a.equals("-I") || a.equals("-O") || a.equals("-i")) {
                if (i + 1 >= args.length) {
                    return usage(stderr, "option " + a + " needs a value");
                }
                String v = args[++i];
                if (a.equals("-i")) {
                    includes.add(Path.of(v));
                } else if (!v.equals("dts") && !v.equals("dtb")) {
                    return usage(stderr, "unknown format '" + v + "' (use dts or dtb)");
                } else if (a.equals("-I")) {
                    inFormat = v;
                } else {
                    outFormat = v;
                }
            } else if (a.startsWith("-") && !a.equals("-")) {
                return usage(stderr, "unknown option " + a);
            } else {
                files.add(a);
            }
        }
        if (files.size() != 2) {
            return usage(stderr, "expected IN and OUT, found " + files.size() + " file argument(s)");
        }
        String in = files.get(0);
        String out = files.get(1);
        if (outFormat == null) {
            outFormat = out.equals("-") ? "dts" : byExtension(out);
            if (outFormat == null) {
                return usage(stderr, "cannot tell the output format of '" + out + "': use .dts, .dtb or -O");
            }
        }
        try {
            DeviceTree tree = read(in, inFormat, includes, stdin);
            byte[] bytes = outFormat.equals("dtb") ? tree.toDtb()
                    : tree.toDts().getBytes(StandardCharsets.ISO_8859_1);
            write(out, bytes, stdout);
            return 0;
        } catch (DtException e) {
            stderr.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            stderr.println("error: " + e);
            return 1;
        }
    }

    private static DeviceTree read(String in, String format, List<Path> includes, InputStream stdin)
            throws IOException {
        String name = in.equals("-") ? "<stdin>" : in;
        byte[] data;
        if (in.equals("-")) {
            data = stdin.readNBytes(Limits.MAX_BLOB_SIZE + 1);
        } else {
            Path p = Path.of(in);
            if (!Files.isRegularFile(p)) {
                throw DtException.at(in, 0, 0, "no such file");
            }
            data = Includes.readAtMost(p, Limits.MAX_SOURCE_BYTES);
            if (data == null) {
                throw DtException.at(in, 0, 0, "file larger than " + Limits.MAX_SOURCE_BYTES + " bytes");
            }
        }
        if (format == null) {
            format = byExtension(in);
        }
        if (format == null) {
            format = data.length >= 4 && Bytes.be32(data, 0) == Fdt.MAGIC ? "dtb" : "dts";
        }
        if (format.equals("dtb")) {
            try {
                return DeviceTree.readDtb(data);
            } catch (DtException e) {
                throw e.inFile(name);
            }
        }
        if (in.equals("-")) {
            return DeviceTree.parseDts(new String(data, StandardCharsets.UTF_8), name,
                    includes.toArray(Path[]::new));
        }
        return DeviceTree.parseDts(Path.of(in), includes.toArray(Path[]::new));
    }

    private static void write(String out, byte[] bytes, PrintStream stdout) throws IOException {
        if (out.equals("-")) {
            stdout.write(bytes);
            stdout.flush();
        } else {
            try (OutputStream o = Files.newOutputStream(Path.of(out))) {
                o.write(bytes);
            }
        }
    }

    private static String byExtension(String file) {
        String f = file.toLowerCase(java.util.Locale.ROOT);
        if (f.endsWith(".dts") || f.endsWith(".dtsi")) {
            return "dts";
        }
        if (f.endsWith(".dtb") || f.endsWith(".dtbo")) {
            return "dtb";
        }
        return null;
    }

    private static int usage(PrintStream stderr, String problem) {
        stderr.println("error: " + problem);
        stderr.println(USAGE);
        return 2;
    }
}
