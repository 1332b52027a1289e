package hv.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import hv.core.config.HostConfig;
import hv.core.fixture.Asm;
import hv.core.fixture.Dts;
import hv.core.fixture.TestEngineFactory;
import hv.core.fixture.TestKernel;
import hv.core.guest.Guest;
import hv.core.guest.GuestState;
import hv.core.internal.guest.Kernel;

class StartupGuestsTest {

    @TempDir
    Path dir;

    @Test
    void startUpGuestsWaitForTheirEngineThenAreCreatedAndKicked() throws Exception {
        Path good = dir.resolve("a.dts");
        Files.writeString(good, Dts.simple(dir, new Asm().print("up", 2).stop().bytes(), "", ""));
        Path bad = dir.resolve("b.dts");
        Files.writeString(bad, "/dts-v1/; / { };");
        try (Kernel k = new Kernel(HostConfig.defaults().withHostCpus(1).withMemoryLimit(64 << 20))) {
            StartupGuests s = new StartupGuests(k, good + ", " + bad);
            s.attempt();
            assertTrue(k.guests().list().isEmpty(), "no engine yet: nothing created");
            k.engines().add(new TestEngineFactory(), List.of(TestEngineFactory.COMPAT), 0);
            s.attempt();
            Guest g = k.guests().find("a").orElseThrow();
            assertEquals(1, k.guests().list().size(), "the invalid guest DT was dropped");
            TestKernel.await(g, () -> g.console().outputText().equals("up"), 5000);
            assertEquals(GuestState.RUNNING, g.state());
            s.attempt();
            assertEquals(1, k.guests().list().size(), "created once");
        }
    }
}
