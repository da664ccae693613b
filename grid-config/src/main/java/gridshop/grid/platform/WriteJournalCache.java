package gridshop.grid.platform;

import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code write_journal}: DirtyKey → marker stamp (a random long, new on every write). Written in the
 * same transaction as the business change; the flusher removes a marker only if its stamp is unchanged,
 * so a write that lands while a flush is in flight leaves its marker for the next round.
 */
public final class WriteJournalCache {
    public static final String NAME = "write_journal";

    private WriteJournalCache() {
    }

    public static CacheConfiguration<DirtyKey, Long> configuration(GridSettings settings) {
        return DurableCaches.partitioned(NAME, settings);
    }
}
