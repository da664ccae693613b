package gridshop.grid.platform;

import java.util.Objects;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/**
 * A write-journal marker's key: "entity {@code key} of cache {@code cache} has changed and PostgreSQL has not
 * seen it yet". Mapped by affinity to the entity's own affinity key, so the marker sits in the entity's
 * partition: the node primary for the entity flushes it, and the entity's backup also holds the marker.
 */
public final class DirtyKey {
    private String cache;
    private Object key;
    @AffinityKeyMapped
    private Object affinity;

    public DirtyKey() {
    }

    public DirtyKey(String cache, Object key, Object affinity) {
        this.cache = cache;
        this.key = key;
        this.affinity = affinity;
    }

    public String cache() { return cache; }
    public Object key() { return key; }
    public Object affinity() { return affinity; }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirtyKey d && cache.equals(d.cache) && key.equals(d.key) && affinity.equals(d.affinity);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cache, key, affinity);
    }

    @Override
    public String toString() {
        return cache + ":" + key;
    }
}
