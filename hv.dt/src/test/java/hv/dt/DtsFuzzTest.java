package hv.dt;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Deterministic random mutations of valid sources: a tree or a DtException, nothing else. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DtsFuzzTest {
    /** Run longer with -Dhv.dt.fuzz.cases=N and another seed with -Dhv.dt.fuzz.seed=S. */
    private static final int CASES = Integer.getInteger("hv.dt.fuzz.cases", 4000);
    private static final long SEED = Long.getLong("hv.dt.fuzz.seed", 0x6476735f667aL);
    private static final String ALPHABET = "{};=<>[]()\"'&/*#\\:,@-+!~?|^%0123456789abcxyzABX_ \n\t";
    private static final String[] TOKENS = {"/dts-v1/;", "/delete-node/ ", "/delete-property/ ", "/bits/ 8 ",
        "/bits/ 64 ", "/memreserve/ ", "/omit-if-no-ref/ ", "&label", "&{/", "lbl: ", "#define X ", "#ifdef X\n",
        "#endif\n", "#include \"", "/include/ \"", "(1 << 40)", "'\\x", "\"\\", "/*", "*/", "//", "\n"};

    @Test
    void thousands_of_mutated_sources_parse_or_fail_with_a_DtException() throws IOException {
        List<String> seeds = new ArrayList<>();
        for (String s : Samples.PLAIN) {
            seeds.add(Files.readString(Samples.path(s), StandardCharsets.ISO_8859_1));
        }
        for (String s : Samples.PREPROCESSED) {
            seeds.add(Files.readString(Samples.path(s), StandardCharsets.ISO_8859_1));
        }
        seeds.add(EditingTest.GUEST_OS_DTS);
        Path name = Samples.path("fuzz.dts");
        Random rnd = new Random(SEED);
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CASES; i++) {
                String src = seeds.get(rnd.nextInt(seeds.size()));
                int rounds = 1 + rnd.nextInt(3);
                for (int r = 0; r < rounds; r++) {
                    src = mutate(src, rnd);
                }
                try {
                    DeviceTree t = DeviceTree.parseDts(src, name.toString(), Samples.searchDir());
                    t.toDtb();
                    t.toDts();
                    outcome[0]++;
                } catch (DtException e) {
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                    outcome[1]++;
                } catch (Throwable e) {
                    throw new AssertionError("case " + i + ": " + e + " for source:\n" + src, e);
                }
            }
        });
        assertTrue(outcome[0] > CASES / 50, "some mutants still parse: " + outcome[0]);
        assertTrue(outcome[1] > CASES / 2, "most mutants are refused: " + outcome[1]);
    }

    private static String mutate(String s, Random rnd) {
        if (s.isEmpty()) {
            return s;
        }
        int at = rnd.nextInt(s.length());
        return switch (rnd.nextInt(6)) {
            case 0 -> s.substring(0, at) + ALPHABET.charAt(rnd.nextInt(ALPHABET.length())) + s.substring(at);
            case 1 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + rnd.nextInt(8)));
            case 2 -> s.substring(0, at) + ALPHABET.charAt(rnd.nextInt(ALPHABET.length())) + s.substring(at + 1);
            case 3 -> s.substring(0, at) + TOKENS[rnd.nextInt(TOKENS.length)] + s.substring(at);
            case 4 -> s.substring(0, at);
            default -> {
                int from = rnd.nextInt(s.length());
                int to = Math.min(s.length(), from + rnd.nextInt(200));
                yield s.substring(0, at) + s.substring(from, to) + s.substring(at);
            }
        };
    }
}
