package hv.dt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * hv against dtc on real trees: the Linux kernel's RISC-V device trees, from Debian's
 * {@code linux-source-6.1} tarball. Each top-level {@code .dts} is preprocessed as the kernel's
 * {@code scripts/Makefile.lib} ({@code cmd_dtc}) does and compiled by dtc with the kernel's
 * output-relevant flags ({@code -b 0}, {@code -i} the source's folder and
 * {@code scripts/dtc/include-prefixes}; RISC-V builds no overlay bases, so no {@code -@}). hv
 * must produce the same DTB and the same DTS text from the preprocessed source, read dtc's blob
 * back as dtc does, and produce the same DTB again from the raw source through its own
 * preprocessor, where the source needs no function-like macros (those are counted as
 * unsupported, with the macro named).
 *
 * <p>The needed parts of the tarball are extracted once into {@code target/linux-dts}. Skipped,
 * with a message naming the packages, when dtc, cpp or the tarball is missing. Other tarballs
 * and architectures: {@code -Dhv.dt.linux.source=/path/linux-source-X.tar.xz}
 * {@code -Dhv.dt.linux.arches=riscv,arm64,arm}.
 */
class LinuxCorpusTest {
    static final String INSTALL = "apt-get install device-tree-compiler cpp linux-source-6.1";
    static final Path TARBALL =
            Path.of(System.getProperty("hv.dt.linux.source", "/usr/src/linux-source-6.1.tar.xz"));
    static final List<String> ARCHES =
            Arrays.stream(System.getProperty("hv.dt.linux.arches", "riscv").split(",")).map(String::trim).toList();
    static final Path CACHE = Path.of("target", "linux-dts").toAbsolutePath();
    /** include/dt-bindings/input/linux-event-codes.h is a symbolic link to this file. */
    static final String EVENT_CODES = "include/uapi/linux/input-event-codes.h";

    static final String CPP_DTB = "cpp, then DTB from hv or dtc";
    static final String CPP_DTS = "cpp, then DTS text from hv or dtc -O dts";
    static final String READ_DTB = "dtc's DTB, then DTS text and DTB from hv or dtc";
    static final String RAW_DTB = "raw source through hv's own preprocessor (-i include-prefixes), then DTB";
    private static final Pattern PLUGIN = Pattern.compile("/plugin/\\s*;");

    /** How one check ended. */
    enum Outcome {
        IDENTICAL("byte-identical"), DECOMPILED("identical after decompilation by dtc"),
        UNSUPPORTED("unsupported");

        final String text;

        Outcome(String text) {
            this.text = text;
        }
    }

    /** Per check ({@link #CPP_DTB}...), per tree: the outcome and, if unsupported, why. */
    private static final Map<String, Map<String, String>> RESULTS = new TreeMap<>();
    private static long started;
    private static int trees;

    @TestFactory
    Stream<DynamicTest> the_linux_kernel_device_trees_compile_as_dtc_compiles_them() throws IOException {
        started = System.nanoTime();
        String missing = missing();
        if (missing != null) {
            // A skipped test, not an aborted factory: surefire reports only the former.
            System.out.println("Linux corpus skipped: " + missing);
            return Stream.of(DynamicTest.dynamicTest("Linux corpus skipped: " + missing,
                    () -> Assumptions.abort(missing)));
        }
        Path src = extract();
        Path prefixes = src.resolve("scripts/dtc/include-prefixes");
        List<DynamicTest> tests = new ArrayList<>();
        for (String arch : ARCHES) {
            Path dts = src.resolve("arch").resolve(arch).resolve("boot/dts");
            try (Stream<Path> files = Files.walk(dts)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".dts")).sorted().toList()) {
                    String name = arch + "/" + dts.relativize(f);
                    Board b = new Board(name, f, prefixes);
                    // Each test's name carries the tree's: surefire's reports show only the leaf's.
                    tests.add(DynamicTest.dynamicTest(name + ": cpp then hv gives dtc's DTB", f.toUri(), b::compareDtb));
                    tests.add(DynamicTest.dynamicTest(name + ": cpp then hv gives dtc's DTS text", f.toUri(),
                            b::compareDts));
                    tests.add(DynamicTest.dynamicTest(name + ": hv reads dtc's DTB as dtc does", f.toUri(),
                            b::compareDtbReading));
                    tests.add(DynamicTest.dynamicTest(name + ": hv's own preprocessor gives dtc's DTB", f.toUri(),
                            b::compareRaw));
                }
            }
        }
        trees = tests.size() / 4;
        assertFalse(tests.isEmpty(), "no .dts under arch/" + ARCHES + "/boot/dts of " + TARBALL);
        return tests.stream();
    }

    /** What this machine lacks for the corpus, with the packages to install; null if nothing. */
    private static String missing() {
        if (!Files.isRegularFile(TARBALL)) {
            return TARBALL + " is missing: " + INSTALL;
        }
        for (String tool : List.of("dtc", "cpp", "tar", "xz")) {
            if (!Dtc.works(tool, "--version")) {
                return tool + " is not installed: " + INSTALL;
            }
        }
        return null;
    }

    @AfterAll
    static void summary() throws IOException {
        if (RESULTS.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("Linux device-tree corpus (" + TARBALL.getFileName() + ", arch "
                + String.join(",", ARCHES) + "), " + (System.nanoTime() - started) / 1_000_000 + " ms:\n");
        for (var kind : RESULTS.entrySet()) {
            Map<String, Integer> counts = new TreeMap<>();
            List<String> reasons = new ArrayList<>();
            for (var r : kind.getValue().entrySet()) {
                String outcome = r.getValue().startsWith(Outcome.UNSUPPORTED.text) ? Outcome.UNSUPPORTED.text : r.getValue();
                counts.merge(outcome, 1, Integer::sum);
                if (outcome.equals(Outcome.UNSUPPORTED.text)) {
                    reasons.add("    " + r.getKey() + ": " + r.getValue());
                }
            }
            sb.append("  ").append(kind.getKey()).append(": ").append(trees).append(" trees");
            counts.forEach((k, v) -> sb.append(", ").append(v).append(' ').append(k));
            if (kind.getValue().size() < trees) {
                sb.append(", ").append(trees - kind.getValue().size()).append(" FAILED");
            }
            sb.append('\n');
            reasons.forEach(r -> sb.append(r).append('\n'));
        }
        System.out.print(sb);
        Files.createDirectories(CACHE);
        Files.writeString(CACHE.resolve("summary.txt"), sb);
    }

    private static synchronized void record(String kind, String tree, String outcome) {
        RESULTS.computeIfAbsent(kind, k -> new TreeMap<>()).put(tree, outcome);
    }

    /** One top-level .dts and what the checks share: cpp's output and the kernel's DTB. */
    private static final class Board {
        final String name;
        final Path source;
        final Path prefixes;
        Path preprocessed;
        byte[] kernelDtb;
        boolean overlay;

        Board(String name, Path source, Path prefixes) {
            this.name = name;
            this.source = source;
            this.prefixes = prefixes;
        }

        /** Kernel: {@code $(HOSTCC) -E $(dtc_cpp_flags) -x assembler-with-cpp}, then dtc. */
        private void build() throws IOException {
            if (kernelDtb != null) {
                return;
            }
            Path pp = CACHE.resolve("preprocessed").resolve(name);
            Files.createDirectories(pp.getParent());
            byte[] text = Dtc.run(List.of("cpp", "-nostdinc", "-I", prefixes.toString(), "-undef", "-D__DTS__",
                    "-x", "assembler-with-cpp", source.toString()), null);
            Files.write(pp, text);
            overlay = PLUGIN.matcher(new String(text, StandardCharsets.ISO_8859_1)).find();
            kernelDtb = Dtc.run(List.of("dtc", "-q", "-I", "dts", "-O", "dtb", "-b", "0",
                    "-i", source.getParent().toString(), "-i", prefixes.toString(), pp.toString()), null);
            preprocessed = pp;
        }

        /** Overlays (the kernel builds them as .dtbo) are counted as unsupported and skipped. */
        private void skipOverlay(String kind) {
            if (overlay) {
                unsupported(kind, "a device-tree overlay (/plugin/), which hv does not compile");
            }
        }

        private void unsupported(String kind, String why) {
            record(kind, name, Outcome.UNSUPPORTED.text + ", " + why);
            Assumptions.abort(why);
        }

        /** hv's tree as the kernel builds it: {@code -b 0}. */
        private byte[] kernelStyle(DeviceTree t) {
            t.setBootCpuId(0);
            return t.toDtb();
        }

        void compareDtb() throws IOException {
            build();
            skipOverlay(CPP_DTB);
            byte[] ours = kernelStyle(DeviceTree.parseDts(preprocessed, source.getParent(), prefixes));
            record(CPP_DTB, name, same(ours).text);
        }

        void compareDts() throws IOException {
            build();
            skipOverlay(CPP_DTS);
            assertEquals(Dtc.dts(preprocessed, source.getParent(), prefixes),
                    DeviceTree.parseDts(preprocessed, source.getParent(), prefixes).toDts());
            record(CPP_DTS, name, Outcome.IDENTICAL.text);
        }

        void compareDtbReading() throws IOException {
            build();
            DeviceTree t = DeviceTree.readDtb(kernelDtb);
            assertEquals(Dtc.dtsOfDtb(kernelDtb), t.toDts());
            assertArrayEquals(Dtc.dtbOfDtb(kernelDtb), t.toDtb());
            record(READ_DTB, name, Outcome.IDENTICAL.text);
        }

        void compareRaw() throws IOException {
            build();
            skipOverlay(RAW_DTB);
            DeviceTree t;
            try {
                t = DeviceTree.parseDts(source, prefixes);
            } catch (DtException e) {
                if (e.getMessage().contains("function-like macros are not supported")) {
                    unsupported(RAW_DTB, e.getMessage().replace(prefixes + "/", "").replace(source.getParent() + "/", ""));
                }
                throw e;
            }
            record(RAW_DTB, name, same(kernelStyle(t)).text);
        }

        /** Byte-identical, or identical once both are decompiled by dtc; anything else fails. */
        private Outcome same(byte[] ours) {
            if (Arrays.equals(kernelDtb, ours)) {
                return Outcome.IDENTICAL;
            }
            assertEquals(Dtc.dtsOfDtb(kernelDtb), Dtc.dtsOfDtb(ours), name + ": hv's DTB differs from dtc's");
            return Outcome.DECOMPILED;
        }
    }

    /**
     * Extracts the device trees, the include prefixes and the headers they reach from the
     * tarball, once: a finished extraction is moved into place under a name made of the
     * tarball's size and date, so a later run (or a concurrent one) reuses it.
     */
    static Path extract() throws IOException {
        String top = TARBALL.getFileName().toString().replaceFirst("\\.tar\\.xz$", "");
        String key = top + "-" + Files.size(TARBALL) + "-" + Files.getLastModifiedTime(TARBALL).toMillis()
                + "-" + String.join("_", ARCHES);
        Path done = CACHE.resolve(key);
        if (Files.isDirectory(done)) {
            return done.resolve(top);
        }
        Files.createDirectories(CACHE);
        Path tmp = Files.createTempDirectory(CACHE, "extract");
        List<String> cmd = new ArrayList<>(List.of("tar", "-xJf", TARBALL.toString(), "-C", tmp.toString(),
                "--wildcards"));
        for (String arch : ARCHES) {
            cmd.add(top + "/arch/" + arch + "/boot/dts/*");
        }
        cmd.addAll(List.of(top + "/scripts/dtc/include-prefixes/*", top + "/include/dt-bindings/*",
                top + "/" + EVENT_CODES));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        try {
            Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            delete(tmp); // another run finished first
        } catch (IOException e) {
            if (!Files.isDirectory(done)) {
                throw e;
            }
            delete(tmp);
        }
        return done.resolve(top);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
