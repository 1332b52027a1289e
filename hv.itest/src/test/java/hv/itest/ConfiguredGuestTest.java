package hv.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;

import hv.core.guest.Guest;
import hv.core.guest.GuestManager;
import hv.core.guest.GuestState;

/** Products embedding hv create guests the OSGi way: one Configuration Admin factory configuration per guest. */
class ConfiguredGuestTest {

    /** A guest the RISC-V engine runs: one hart spinning in a loop in RAM ("j ." at the reset vector). */
    static final String GUEST = """
            /dts-v1/;
            / {
                device_type = "guest";
                vcpus { vcpu0 { device_type = "vcpu"; compatible = "riscv,generic"; start_pc = <0x0 0x80000000>; }; };
                aspace {
                    mem0 {
                        manifest_type = "real"; address_type = "memory"; device_type = "alloced_ram";
                        guest_physical_addr = <0x0 0x80000000>; physical_size = <0x0 0x100000>;
                    };
                };
            };
            """;

    @InjectService
    ConfigurationAdmin configAdmin;

    @InjectService
    GuestManager guests;

    @TempDir
    Path dir;

    @Test
    void aFactoryConfigurationCreatesAndKicksAGuestAndDeletingItDestroysTheGuest() throws Exception {
        Path dt = Files.writeString(dir.resolve("cfg.dts"), GUEST);
        Configuration c = configAdmin.getFactoryConfiguration("hv.guest", "itest", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("dt", dt.toString());
        props.put("name", "cfg0");
        c.update(props);

        await(() -> guests.find("cfg0").isPresent(), "the configured guest appears");
        Guest g = guests.find("cfg0").orElseThrow();
        assertTrue(g.awaitState(GuestState.RUNNING, java.time.Duration.ofSeconds(30)), "the guest is kicked");
        assertEquals(dt.toString(), g.config().source());

        c.delete();
        await(() -> guests.find("cfg0").isEmpty(), "deleting the configuration destroys the guest");
        Optional<Guest> gone = guests.find("cfg0");
        assertTrue(gone.isEmpty());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(10);
        }
    }
}
