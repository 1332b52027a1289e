package hv.dt;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The sample device trees under src/test/resources/hv/dt/samples. */
final class Samples {
    /** Samples dtc compiles directly (no C preprocessor needed). */
    static final List<String> PLAIN = List.of("qemu-virt.dts", "syntax.dts");
    /** Samples that use #define / #include and need cpp before dtc. */
    static final List<String> PREPROCESSED = List.of("xvisor-virt64-guest.dts", "preprocessed.dts");

    private Samples() {
    }

    static Path dir() {
        try {
            return Path.of(Samples.class.getResource("/hv/dt/samples/qemu-virt.dts").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path path(String name) {
        return dir().resolve(name);
    }

    /** The include directory searched by #include <...> in preprocessed.dts. */
    static Path searchDir() {
        return dir().resolve("include/search");
    }

    static DeviceTree parse(String name) {
        return DeviceTree.parseDts(path(name), searchDir());
    }

    /** A DTS snippet parsed under the name t.dts. */
    static DeviceTree dts(String text) {
        return DeviceTree.parseDts(text, "t.dts");
    }
}
