package gridshop.grid.platform;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/** Records dirty markers; callers do so inside the grid transaction that changes the entity. */
public final class WriteJournal {
    private final Ignite ignite;
    private final IgniteCache<DirtyKey, Long> journal;

    public WriteJournal(Ignite ignite) {
        this.ignite = ignite;
        this.journal = ignite.cache(WriteJournalCache.NAME);
    }

    /**
     * Marks an entity dirty. Must run in the entity's transaction: if the transaction rolls back, so does the
     * marker, and if it commits, the marker is on the primary and the backup before the caller answers.
     */
    public void mark(String cache, Object key, Object affinityKey) {
        if (ignite.transactions().tx() == null) {
            throw new IllegalStateException("write journal marker outside a transaction [cache=" + cache + ", key=" + key + "]");
        }
        journal.put(new DirtyKey(cache, key, affinityKey), ThreadLocalRandom.current().nextLong());
    }

    public void mark(String cache, Object key) {
        mark(cache, key, key);
    }

    /** Markers not yet flushed, cluster-wide (primary copies only). */
    public long pending() {
        return journal.sizeLong(org.apache.ignite.cache.CachePeekMode.PRIMARY);
    }

    public IgniteCache<DirtyKey, Long> cache() {
        return journal;
    }
}
