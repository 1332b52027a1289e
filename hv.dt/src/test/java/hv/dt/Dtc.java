package hv.dt;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs the real dtc (and cpp) for exactness checks; tests skip when they are missing. */
final class Dtc {
    private static Boolean dtc;
    private static Boolean cpp;

    private Dtc() {
    }

    static void assumeDtc() {
        if (dtc == null) {
            dtc = works("dtc", "--version");
        }
        Assumptions.assumeTrue(dtc, "dtc is not installed");
    }

    static void assumeCpp() {
        if (cpp == null) {
            cpp = works("cpp", "--version");
        }
        Assumptions.assumeTrue(cpp, "cpp is not installed");
    }

    /** True when the command runs and exits with 0. */
    static boolean works(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs a command; returns stdout, fails the test on a non-zero exit. */
    static byte[] run(List<String> cmd, byte[] stdin) {
        try {
            Path err = Files.createTempFile("dtc", ".err");
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin);
            }
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(cmd + " failed: " + Files.readString(err));
            }
            Files.delete(err);
            return out;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(cmd + ": " + e, e);
        }
    }

    /** {@code dtc -I dts -O dtb} of a file. */
    static byte[] dtb(Path dts, Path... includeDirs) {
        List<String> cmd = new ArrayList<>(List.of("dtc", "-q", "-I", "dts", "-O", "dtb"));
        for (Path d : includeDirs) {
            cmd.add("-i");
            cmd.add(d.toString());
        }
        cmd.add(dts.toString());
        return run(cmd, null);
    }

    /** {@code dtc -I dts -O dts} of a file, as {@link #ourEscapes} writes strings. */
    static String dts(Path dts, Path... includeDirs) {
        List<String> cmd = new ArrayList<>(List.of("dtc", "-q", "-I", "dts", "-O", "dts"));
        for (Path d : includeDirs) {
            cmd.add("-i");
            cmd.add(d.toString());
        }
        cmd.add(dts.toString());
        return ourEscapes(new String(run(cmd, null), StandardCharsets.ISO_8859_1));
    }

    /** {@code dtc -I dtb -O dts} of a blob, as {@link #ourEscapes} writes strings. */
    static String dtsOfDtb(byte[] dtb) {
        return ourEscapes(new String(fromBlob("dts", dtb), StandardCharsets.ISO_8859_1));
    }

    /**
     * dtc's DTS text with the two string escapes hv writes differently on purpose (see
     * docs/devicetree.md): a high byte {@code \xffffff80} becomes {@code \x80}, and a NUL before
     * an octal digit {@code \0} becomes {@code \000} (dtc's {@code "0\01"} would read back as
     * {@code 0x30 0x01}, not {@code 0x30 0x00 0x31}).
     */
    static String ourEscapes(String dtcText) {
        StringBuilder sb = new StringBuilder(dtcText.length());
        for (int i = 0; i < dtcText.length(); i++) {
            char c = dtcText.charAt(i);
            if (c != '\\' || i + 1 == dtcText.length()) {
                sb.append(c);
            } else if (dtcText.startsWith("xffffff", i + 1) && i + 9 < dtcText.length()) {
                sb.append("\\x").append(dtcText, i + 8, i + 10);
                i += 9;
            } else if (dtcText.charAt(i + 1) == '0' && i + 2 < dtcText.length()
                    && dtcText.charAt(i + 2) >= '0' && dtcText.charAt(i + 2) <= '7') {
                sb.append("\\000");
                i++;
            } else {
                sb.append(c).append(dtcText.charAt(++i));
            }
        }
        return sb.toString();
    }

    /** {@code dtc -I dtb -O dtb} of a blob. */
    static byte[] dtbOfDtb(byte[] dtb) {
        return fromBlob("dtb", dtb);
    }

    private static byte[] fromBlob(String outFormat, byte[] dtb) {
        try {
            Path in = Files.createTempFile("hv-dt", ".dtb");
            try {
                Files.write(in, dtb);
                return run(List.of("dtc", "-q", "-I", "dtb", "-O", outFormat, in.toString()), null);
            } finally {
                Files.delete(in);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code dtc -I dts -O dtb} of DTS text. */
    static byte[] dtbOfText(String dts) {
        return run(List.of("dtc", "-q", "-I", "dts", "-O", "dtb", "-"), dts.getBytes(StandardCharsets.UTF_8));
    }

    /** The file run through {@code cpp} the way kernel builds do, in a temporary file. */
    static Path preprocess(Path dts, Path... includeDirs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("cpp", "-P", "-nostdinc", "-undef",
                "-x", "assembler-with-cpp"));
        for (Path d : includeDirs) {
            cmd.add("-I");
            cmd.add(d.toString());
        }
        cmd.add(dts.toString());
        Path out = Files.createTempFile("hv-dt-cpp", ".dts");
        Files.write(out, run(cmd, null));
        out.toFile().deleteOnExit();
        return out;
    }
}
