package gridshop.catalog.index;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * What a snapshot remembers of its searches, bounded in entries and in weight (slots held), forgetting the least
 * recently used first, roughly: entries go into a young generation; when it is full it becomes the old one and the
 * previous old one is dropped; an entry found in the old generation moves back into the young one. Searches follow
 * a Zipf law, so the frequent ones stay while the rare ones pass through (clearing everything when full, as before,
 * forgot the frequent ones with the rest every few thousand searches). Races between readers may drop or keep an
 * entry more or less: what is remembered is only ever a copy of what would be computed.
 */
final class Memo<V> {
    private final int entries;
    private final long weight;
    private final ToLongFunction<V> weigh;
    private volatile Generation<V> young = new Generation<>();
    private volatile Generation<V> old = new Generation<>();

    private static final class Generation<V> {
        final Map<String, V> map = new ConcurrentHashMap<>();
        final AtomicLong weight = new AtomicLong();
    }

    /** Up to {@code entries} entries and {@code weight} per generation: twice that in all, at most (about). */
    Memo(int entries, long weight, ToLongFunction<V> weigh) {
        this.entries = Math.max(1, entries);
        this.weight = Math.max(1, weight);
        this.weigh = weigh;
    }

    Memo(int entries) {
        this(entries, Long.MAX_VALUE, v -> 0);
    }

    /** The remembered value, or null. */
    V get(String key) {
        V found = young.map.get(key);
        if (found == null) {
            found = old.map.get(key);
            if (found != null) {
                put(key, found);
            }
        }
        return found;
    }

    void put(String key, V value) {
        long w = weigh.applyAsLong(value);
        Generation<V> g = young;
        if (g.map.size() >= entries || g.weight.get() + w > weight) {
            synchronized (this) {
                if (young == g) {
                    old = g;
                    young = new Generation<>();
                }
                g = young;
            }
        }
        g.weight.addAndGet(w);
        g.map.put(key, value);
    }

    /** Entries in both generations. */
    int size() {
        return young.map.size() + old.map.size();
    }
}
