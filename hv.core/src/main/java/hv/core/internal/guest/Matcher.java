package hv.core.internal.guest;

import java.util.ArrayList;
import java.util.List;

/**
 * Services keyed by {@code compatible} strings: a list is matched in order (first string first),
 * and among services serving the same string the highest ranking, then the earliest, wins.
 * Not thread safe: callers synchronise.
 */
public final class Matcher<T> {

    /** One registered service. */
    public record Ref<T>(T service, List<String> compatible, int ranking, long order) {
    }

    private final List<Ref<T>> refs = new ArrayList<>();
    private long order;

    public Ref<T> add(T service, List<String> compatible, int ranking) {
        Ref<T> r = new Ref<>(service, List.copyOf(compatible), ranking, order++);
        refs.add(r);
        return r;
    }

    /** Removes the service; returns its ref, or null. */
    public Ref<T> remove(T service) {
        for (Ref<T> r : refs) {
            if (r.service() == service) {
                refs.remove(r);
                return r;
            }
        }
        return null;
    }

    public Ref<T> match(List<String> compatible) {
        for (String c : compatible) {
            Ref<T> best = null;
            for (Ref<T> r : refs) {
                if (r.compatible().contains(c) && (best == null || r.ranking() > best.ranking()
                        || r.ranking() == best.ranking() && r.order() < best.order())) {
                    best = r;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    public List<Ref<T>> all() {
        return List.copyOf(refs);
    }
}
