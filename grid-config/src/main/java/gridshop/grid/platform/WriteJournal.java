package gridshop.grid.platform;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/** Every durable grid write goes through here: the entity and its dirty marker, in one transaction. */
public final class WriteJournal {
    private final Ignite ignite;
    private final IgniteCache<DirtyKey, Long> journal;

    public WriteJournal(Ignite ignite) {
        this.ignite = ignite;
        this.journal = ignite.cache(WriteJournalCache.NAME);
    }

    /**
     * Writes an entity and marks it dirty, together. Must run in a grid transaction: if it rolls back, so do
     * value and marker; if it commits, both are on the primary and the backup before the caller answers.
     */
    public <K, V> void put(IgniteCache<K, V> cache, K key, V value) {
        put(cache, key, key, value);
    }

    /** As {@link #put(IgniteCache, Object, Object)}, for a key whose affinity key is not the key itself. */
    public <K, V> void put(IgniteCache<K, V> cache, K key, Object affinityKey, V value) {
        if (ignite.transactions().tx() == null) {
            throw new IllegalStateException("durable write outside a transaction [cache=" + cache.getName() + ", key=" + key + "]");
        }
        cache.put(key, value);
        journal.put(new DirtyKey(cache.getName(), key, affinityKey), ThreadLocalRandom.current().nextLong());
    }
}
