package hv.boot.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code ./hv boot}, parsed and checked. Every mistake is a {@link UsageException}
 * with a one-line message naming the option and what is expected.
 *
 * @param kernel the payload: an ELF (loaded at its physical addresses) or a raw binary / Linux
 *        Image (loaded at RAM base + 0x200000); null when {@code guest} is given
 * @param initrd optional initrd/initramfs, placed below the guest OS DT
 * @param append kernel command line ({@code /chosen/bootargs})
 * @param smp number of harts, 1..32
 * @param memory RAM size in bytes
 * @param dtb a guest OS DT to hand over instead of the generated one (DTS or DTB), or null
 * @param clock {@code real} or {@code virtual}
 * @param timeoutSeconds 0 for none
 * @param guest a full guest DT (DTS or DTB) to run instead of the virt layout, or null
 * @param printDt print the generated guest DT and exit
 */
public record BootOptions(Path kernel, Path initrd, String append, int smp, long memory, Path dtb, String clock,
        long timeoutSeconds, Path guest, boolean printDt) {

    static final int MAX_SMP = 32;
    static final long MIN_MEMORY = 16L << 20;
    static final long MAX_MEMORY = 64L << 30;
    static final long DEFAULT_MEMORY = 256L << 20;

    /** A mistake in the command line: exit code 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    public static final String USAGE = """
            usage: ./hv boot --kernel FILE [--initrd FILE] [--append ARGS] [--smp N] [--mem SIZE]
                             [--dtb FILE] [--clock real|virtual] [--timeout SEC] [--print-dt]
                   ./hv boot --guest FILE.dts|FILE.dtb [--clock real|virtual] [--timeout SEC]
            Runs one guest on QEMU's virt layout with its console on this terminal; exits when it
            powers off: 0 normal shutdown, 1 guest-reported failure, 3 unrecoverable VCPU fault,
            124 timeout, 2 bad usage or configuration. SIZE takes K, M or G (default 256M).""";

    /** Parses {@code args}; throws {@link UsageException} on any mistake. */
    public static BootOptions parse(List<String> args) {
        Path kernel = null;
        Path initrd = null;
        String append = "";
        int smp = 1;
        long memory = DEFAULT_MEMORY;
        Path dtb = null;
        String clock = "real";
        long timeout = 0;
        Path guest = null;
        boolean printDt = false;
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String opt = rest.get(i);
            String key = opt;
            String inline = null;
            int eq = opt.indexOf('=');
            if (opt.startsWith("--") && eq > 0) {
                key = opt.substring(0, eq);
                inline = opt.substring(eq + 1);
            }
            switch (key) {
                case "--kernel" -> kernel = file(key, value(rest, i, key, inline));
                case "--initrd" -> initrd = file(key, value(rest, i, key, inline));
                case "--append" -> append = value(rest, i, key, inline);
                case "--smp" -> smp = (int) number(key, value(rest, i, key, inline), 1, MAX_SMP);
                case "--mem" -> memory = size(key, value(rest, i, key, inline));
                case "--dtb" -> dtb = file(key, value(rest, i, key, inline));
                case "--clock" -> {
                    clock = value(rest, i, key, inline).toLowerCase(Locale.ROOT);
                    if (!clock.equals("real") && !clock.equals("virtual")) {
                        throw new UsageException("--clock: expected 'real' or 'virtual', got '" + clock + "'");
                    }
                }
                case "--timeout" -> timeout = number(key, value(rest, i, key, inline), 0, 365L * 24 * 3600);
                case "--guest" -> guest = file(key, value(rest, i, key, inline));
                case "--print-dt" -> printDt = true;
                case "-h", "--help" -> throw new UsageException(USAGE);
                default -> throw new UsageException("unknown option '" + opt + "' (see ./hv boot --help)");
            }
            if (inline == null && !key.equals("--print-dt")) {
                i++;
            }
        }
        if (guest == null && kernel == null) {
            throw new UsageException("--kernel FILE or --guest FILE is required (see ./hv boot --help)");
        }
        if (guest != null && (kernel != null || initrd != null || dtb != null)) {
            throw new UsageException("--guest describes the whole guest: do not combine it with --kernel, --initrd or --dtb");
        }
        return new BootOptions(kernel, initrd, append, smp, memory, dtb, clock, timeout, guest, printDt);
    }

    private static String value(List<String> args, int i, String key, String inline) {
        if (inline != null) {
            return inline;
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(key + ": a value is expected");
        }
        return args.get(i + 1);
    }

    private static Path file(String key, String v) {
        Path p = Path.of(v).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new UsageException(key + ": no such file: " + v);
        }
        if (!Files.isReadable(p)) {
            throw new UsageException(key + ": cannot read " + v);
        }
        return p;
    }

    static long number(String key, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(key + ": expected a number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(key + ": " + n + " is outside " + min + ".." + max);
        }
        return n;
    }

    /** Parses sizes like {@code 512M}, {@code 1G}, {@code 65536}. */
    static long size(String key, String v) {
        String s = v.strip().toUpperCase(Locale.ROOT);
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        int shift = 0;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                default -> shift = -1;
            }
            if (shift >= 0) {
                s = s.substring(0, s.length() - 1);
            } else {
                shift = 0;
            }
        }
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new UsageException(key + ": expected a size like 256M or 1G, got '" + v + "'");
        }
        if (n <= 0 || n > (MAX_MEMORY >> shift)) {
            throw new UsageException(key + ": " + v + " is outside 16M..64G");
        }
        long bytes = n << shift;
        if (bytes < MIN_MEMORY) {
            throw new UsageException(key + ": " + v + " is outside 16M..64G");
        }
        if ((bytes & 0xfff) != 0) {
            throw new UsageException(key + ": " + v + " is not a multiple of 4K");
        }
        return bytes;
    }
}
