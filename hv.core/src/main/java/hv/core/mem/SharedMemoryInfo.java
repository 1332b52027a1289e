package hv.core.mem;

import java.util.List;

/**
 * A shared-memory object.
 *
 * @param name its name
 * @param size bytes
 * @param alignOrder log2 alignment requested at creation
 * @param users the guests that map it now
 */
public record SharedMemoryInfo(String name, long size, int alignOrder, List<String> users) {

    public SharedMemoryInfo {
        users = List.copyOf(users);
    }
}
