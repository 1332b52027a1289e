package hv.shell.internal;

import java.util.List;
import java.util.Locale;

/** Parsing and printing of the numbers users type and read: addresses, sizes, durations, CPU lists. */
final class Units {

    private static final String[] BINARY = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };

    private Units() {
    }

    /**
     * An unsigned 64-bit number: {@code 0x80000000}, {@code 2147483648}; underscores allowed.
     *
     * @param what the argument's name in messages, e.g. {@code GPA}
     */
    static long number(String text, String what) {
        String t = text.strip().replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                if (t.length() == 2) {
                    throw new NumberFormatException();
                }
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.startsWith("-") || t.startsWith("+")) {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new ShellException(what + " '" + text + "' is not a number: expected hex (0x80000000) or decimal");
        }
    }

    /**
     * A size in bytes: {@code 4096}, {@code 0x1000}, {@code 4K}, {@code 2M}, {@code 1G}, {@code 1T}
     * (binary: K = 1024; {@code KB} and {@code KiB} are accepted too). Must be positive.
     */
    static long size(String text, String what) {
        String t = text.strip().replace("_", "");
        String upper = t.toUpperCase(Locale.ROOT);
        int shift = 0;
        String digits = t;
        if (!upper.startsWith("0X")) {
            for (String suffix : List.of("KIB", "MIB", "GIB", "TIB", "KB", "MB", "GB", "TB", "K", "M", "G", "T", "B")) {
                if (upper.endsWith(suffix)) {
                    shift = switch (suffix.charAt(0)) {
                        case 'K' -> 10;
                        case 'M' -> 20;
                        case 'G' -> 30;
                        case 'T' -> 40;
                        default -> 0;
                    };
                    digits = t.substring(0, t.length() - suffix.length()).strip();
                    break;
                }
            }
        }
        String expected = what + " '" + text + "' is not a size: expected bytes (4096, 0x1000) or 4K, 2M, 1G";
        long base;
        try {
            base = number(digits, what);
        } catch (ShellException e) {
            throw new ShellException(expected);
        }
        if (base == 0) {
            throw new ShellException(what + " '" + text + "' must be more than 0 bytes");
        }
        if (base < 0 || Long.numberOfLeadingZeros(base) <= shift) {
            throw new ShellException(what + " '" + text + "' is too large");
        }
        return base << shift;
    }

    /** A small non-negative decimal number, at most {@code max}. */
    static int index(String text, String what, int max) {
        long v;
        try {
            v = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new ShellException(what + " '" + text + "' is not a number: expected 0.." + max);
        }
        if (v < 0 || v > max) {
            throw new ShellException(what + " " + text + " is out of range: expected 0.." + max);
        }
        return (int) v;
    }

    /**
     * Host CPU numbers: {@code 0}, {@code 0,2}, {@code 0-3}, {@code 0-1,3}; each below {@code count}.
     * Sorted, without duplicates.
     */
    static List<Integer> cpuList(String text, int count) {
        String range = count == 1 ? "0" : "0.." + (count - 1);
        java.util.TreeSet<Integer> cpus = new java.util.TreeSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-', 1);
            String err = "CPU list '" + text + "' is malformed: expected numbers in " + range + " like 0,2 or 0-3";
            if (p.isEmpty()) {
                throw new ShellException(err);
            }
            int lo;
            int hi;
            try {
                lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).strip());
            } catch (NumberFormatException e) {
                throw new ShellException(err);
            }
            if (lo < 0 || hi < lo) {
                throw new ShellException(err);
            }
            if (hi >= count) {
                throw new ShellException("host CPU " + hi + " does not exist: host CPUs are " + range);
            }
            for (int c = lo; c <= hi; c++) {
                cpus.add(c);
            }
        }
        return List.copyOf(cpus);
    }

    /** {@code 512 B}, {@code 4 KiB}, {@code 1.5 MiB}: exact when a whole number of units. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        int unit = 0;
        double v = n;
        while (v >= 1024 && unit < BINARY.length - 1) {
            v /= 1024;
            unit++;
        }
        long whole = 1L << (10 * unit);
        if (n % whole == 0) {
            return (n / whole) + " " + BINARY[unit];
        }
        return String.format(Locale.ROOT, "%.1f %s", v, BINARY[unit]);
    }

    /** {@code 850 ns}, {@code 12.3 us}, {@code 45.6 ms}, {@code 3.21 s}, {@code 125 s}. */
    static String nanos(long ns) {
        if (ns < 0) {
            return "-";
        }
        if (ns < 1_000) {
            return ns + " ns";
        }
        if (ns < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f us", ns / 1e3);
        }
        if (ns < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        }
        if (ns < 100_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
        }
        return (ns / 1_000_000_000L) + " s";
    }

    /** {@code 37.5%} of {@code part / whole}; {@code -} when whole is 0. */
    static String percent(long part, long whole) {
        return whole <= 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** {@code 0x80000000}. */
    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** {@code 0-3}, {@code 0,2}, {@code all} for an empty list. */
    static String cpus(List<Integer> cpus) {
        if (cpus.isEmpty()) {
            return "all";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < cpus.size()) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(cpus.get(i));
            if (j > i) {
                b.append('-').append(cpus.get(j));
            }
            i = j + 1;
        }
        return b.toString();
    }
}
