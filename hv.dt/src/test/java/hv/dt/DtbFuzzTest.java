package hv.dt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Deterministic random mutations of valid blobs. The only acceptable outcomes are a tree
 * (which then writes, re-reads and round-trips through DTS unchanged) or a DtException.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DtbFuzzTest {
    /** Run longer with -Dhv.dt.fuzz.cases=N and another seed with -Dhv.dt.fuzz.seed=S. */
    private static final int CASES = Integer.getInteger("hv.dt.fuzz.cases", 8000);
    private static final long SEED = Long.getLong("hv.dt.fuzz.seed", 0x68765f6474L);
    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 8, 9, 16, 40, 56, 0x7f, 0x80, 0xff, 0x100,
        0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xfffffff0, 0xfffffffc, 0xffffffff, 0xd00dfeed};

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String s : Samples.PLAIN) {
            seeds.add(Samples.parse(s).toDtb());
        }
        for (String s : Samples.PREPROCESSED) {
            seeds.add(Samples.parse(s).toDtb());
        }
        seeds.add(EditingTest.guestOsTree().toDtb());
        seeds.add(Samples.dts("/dts-v1/; /memreserve/ 1 2; / { a { b = <1>; c { d; }; }; };").toDtb());
        return seeds;
    }

    @Test
    void thousands_of_mutated_blobs_are_read_or_refused_with_a_DtException() {
        List<byte[]> seeds = seeds();
        Random rnd = new Random(SEED);
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] blob = seeds.get(rnd.nextInt(seeds.size())).clone();
                int rounds = 1 + rnd.nextInt(3);
                for (int r = 0; r < rounds; r++) {
                    blob = mutate(blob, rnd);
                }
                DeviceTree t;
                try {
                    t = DeviceTree.readDtb(blob);
                } catch (DtException e) {
                    outcome[1]++;
                    continue;
                } catch (Throwable e) {
                    throw new AssertionError("case " + i + ": " + e + " for " + HexFormat.of().formatHex(blob), e);
                }
                outcome[0]++;
                try {
                    roundTrips(t);
                } catch (Throwable e) {
                    throw new AssertionError("case " + i + " read but did not round-trip: " + e + " for "
                            + HexFormat.of().formatHex(blob), e);
                }
            }
        });
        assertTrue(outcome[0] > CASES / 20, "enough mutants are still valid: " + outcome[0]);
        assertTrue(outcome[1] > CASES / 2, "most mutants are refused: " + outcome[1]);
    }

    private static void roundTrips(DeviceTree t) {
        byte[] out = t.toDtb();
        assertArrayEquals(out, DeviceTree.readDtb(out).toDtb());
        DeviceTree viaDts = DeviceTree.parseDts(t.toDts(), "fuzz.dts");
        viaDts.setBootCpuId(t.bootCpuId());
        assertArrayEquals(out, viaDts.toDtb());
        t.nodes().forEach(n -> n.properties().forEach(Property::toDts));
    }

    private static byte[] mutate(byte[] b, Random rnd) {
        if (b.length == 0) {
            return b;
        }
        switch (rnd.nextInt(9)) {
            case 0 -> {
                int bit = rnd.nextInt(b.length * 8);
                b[bit / 8] ^= (byte) (1 << (bit % 8));
            }
            case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            case 2 -> putWord(b, rnd.nextInt(Math.max(1, b.length / 4)) * 4, interesting(rnd, b));
            case 3 -> putWord(b, 4 * (1 + rnd.nextInt(9)), interesting(rnd, b));
            case 4 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 5 -> {
                int from = rnd.nextInt(b.length);
                int len = Math.min(b.length - from, 1 + rnd.nextInt(64));
                int at = rnd.nextInt(b.length);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, from, out, at, len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                b = out;
            }
            case 6 -> {
                int at = rnd.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                b = out;
            }
            default -> {
                // Structure-aware: replace a word inside the structure block with a token.
                if (b.length >= 40) {
                    ByteBuffer h = ByteBuffer.wrap(b);
                    long off = h.getInt(8) & 0xffffffffL;
                    long size = h.getInt(36) & 0xffffffffL;
                    if (size >= 4 && off + size <= b.length) {
                        int at = (int) (off + 4L * rnd.nextInt((int) (size / 4)));
                        int[] tokens = {1, 2, 3, 4, 9, rnd.nextInt(64)};
                        putWord(b, at, tokens[rnd.nextInt(tokens.length)]);
                    }
                }
            }
        }
        return b;
    }

    private static int interesting(Random rnd, byte[] b) {
        return rnd.nextInt(4) == 0 ? b.length + rnd.nextInt(9) - 4 : INTERESTING[rnd.nextInt(INTERESTING.length)];
    }

    private static void putWord(byte[] b, int at, int v) {
        if (at + 4 <= b.length) {
            ByteBuffer.wrap(b).putInt(at, v);
        }
    }

    @Test
    void every_truncation_of_a_blob_is_refused() {
        byte[] blob = Samples.parse("qemu-virt.dts").toDtb();
        for (int len = 0; len < blob.length; len++) {
            byte[] cut = Arrays.copyOf(blob, len);
            try {
                DeviceTree.readDtb(cut);
                fail("a blob cut to " + len + " bytes was accepted");
            } catch (DtException expected) {
                // refused, as it must be
            }
        }
    }
}
