package gridshop.grid.catalog;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code synonym}: one entry, {@link #KEY} → the shop's {@link SynonymSet}. A durable cache like any other
 * merchant data (a backup, the write journal, PostgreSQL behind it); every node's catalog index follows it with a
 * continuous query. One entry rather than one per group: a PUT replaces the whole set in one versioned write, with no
 * deletes to journal, and a node applies a set whole, never half of one.
 */
public final class SynonymCache {
    public static final String NAME = "synonym";
    public static final String KEY = "shop";

    private SynonymCache() {
    }

    public static CacheConfiguration<String, SynonymSet> configuration(GridSettings settings) {
        return DurableCaches.partitioned(NAME, settings);
    }
}
