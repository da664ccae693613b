package gridshop.grid.platform;

import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code write_journal}: JournalKey → JournalEntry, one entry per business transaction, written in that
 * transaction. The flusher of the entry's primary writes the entities it names to PostgreSQL, then removes it.
 */
public final class WriteJournalCache {
    public static final String NAME = "write_journal";

    private WriteJournalCache() {
    }

    public static CacheConfiguration<JournalKey, JournalEntry> configuration(GridSettings settings) {
        return DurableCaches.partitioned(NAME, settings);
    }
}
