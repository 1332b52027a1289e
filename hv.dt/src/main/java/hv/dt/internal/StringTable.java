package hv.dt.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strings block, de-duplicated as dtc does: a name is stored at the first offset where
 * the block already holds it NUL-terminated, which includes the tail of a longer name
 * ({@code phandle} inside {@code linux,phandle}); otherwise it is appended.
 */
final class StringTable {
    private final ByteSink block = new ByteSink();
    private final Map<String, Integer> offsets = new HashMap<>();
    private final List<String> stored = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();

    int offsetOf(String name) {
        Integer known = offsets.get(name);
        if (known != null) {
            return known;
        }
        int off = -1;
        for (int i = 0; i < stored.size() && off < 0; i++) {
            String s = stored.get(i);
            if (s.endsWith(name)) {
                off = starts.get(i) + s.length() - name.length();
            }
        }
        if (off < 0) {
            off = block.length();
            stored.add(name);
            starts.add(off);
            block.bytes(name.getBytes(StandardCharsets.ISO_8859_1));
            block.zeros(1);
        }
        offsets.put(name, off);
        return off;
    }

    byte[] bytes() {
        return block.toArray();
    }
}
