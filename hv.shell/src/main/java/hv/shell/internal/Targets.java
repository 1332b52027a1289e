package hv.shell.internal;

import java.util.List;
import java.util.Optional;

import hv.core.guest.Guest;
import hv.core.guest.GuestConsole;
import hv.core.guest.GuestManager;
import hv.core.guest.Vcpu;

/** Finds the guests, VCPUs and consoles users name, and says clearly what exists when a name is wrong. */
final class Targets {

    /** The console of a guest chosen when the user names only the guest. */
    static final String FIRMWARE_CONSOLE = "sbi";

    private Targets() {
    }

    /** The live guest named {@code name}. */
    static Guest guest(GuestManager manager, String name) {
        Optional<Guest> g = manager.find(name);
        if (g.isPresent()) {
            return g.get();
        }
        List<String> names = manager.list().stream().map(Guest::name).toList();
        if (names.isEmpty()) {
            throw new ShellException("no guest '" + name + "': there are no guests (create one with hv:guest create FILE)");
        }
        throw new ShellException("no guest '" + name + "': guests are " + String.join(", ", names));
    }

    /**
     * A VCPU of {@code guest} by node name ({@code vcpu0}), full name ({@code g0/vcpu0}) or hart id
     * ({@code 0}).
     */
    static Vcpu vcpu(Guest guest, String spec) {
        String s = spec.startsWith(guest.name() + "/") ? spec.substring(guest.name().length() + 1) : spec;
        List<Vcpu> vcpus = guest.vcpus();
        for (Vcpu v : vcpus) {
            if (v.name().equals(guest.name() + "/" + s) || v.config().name().equals(s)) {
                return v;
            }
        }
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() < 6) {
            int hart = Integer.parseInt(s);
            for (Vcpu v : vcpus) {
                if (v.hartId() == hart) {
                    return v;
                }
            }
        }
        throw new ShellException("guest " + guest.name() + " has no VCPU '" + spec + "': its VCPUs are "
                + String.join(", ", vcpus.stream().map(v -> v.config().name()).toList()) + " (or hart ids 0.."
                + (vcpus.size() - 1) + ")");
    }

    /** A guest and one of its consoles. */
    record ConsoleRef(Guest guest, GuestConsole console) {
    }

    /**
     * {@code GUEST/CONSOLE}, or {@code GUEST} alone for its default console: the first device console
     * (a UART the guest opened), else the firmware (SBI) console.
     */
    static ConsoleRef console(GuestManager manager, String spec) {
        int slash = spec.indexOf('/');
        Guest g = guest(manager, slash < 0 ? spec : spec.substring(0, slash));
        List<GuestConsole> all = g.consoles();
        if (slash < 0) {
            return new ConsoleRef(g, defaultConsole(g, all));
        }
        String name = spec.substring(slash + 1);
        Optional<GuestConsole> c = g.console(name);
        if (c.isPresent()) {
            return new ConsoleRef(g, c.get());
        }
        throw new ShellException("guest " + g.name() + " has no console '" + name + "': its consoles are "
                + String.join(", ", all.stream().map(GuestConsole::name).toList()));
    }

    static GuestConsole defaultConsole(Guest g, List<GuestConsole> all) {
        for (GuestConsole c : all) {
            if (!c.name().equals(g.name() + "/" + FIRMWARE_CONSOLE)) {
                return c;
            }
        }
        return g.console();
    }
}
