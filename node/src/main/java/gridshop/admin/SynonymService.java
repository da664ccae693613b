package gridshop.admin;

import gridshop.catalog.CatalogFeed;
import gridshop.grid.catalog.SynonymCache;
import gridshop.grid.catalog.SynonymSet;
import gridshop.grid.platform.Versions;
import gridshop.platform.GridMode;
import gridshop.platform.GridTransactions;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * The shop's synonym groups, stored like any other merchant data: one versioned entry in cache {@code synonym},
 * replaced whole in a transaction that records it in the write journal (so PostgreSQL gets it behind the grid, and a
 * start-up loads it back). Once committed, the set goes into this node's index at once; every other node's index
 * takes it from its continuous query on the cache (CatalogFeed), within the feed's batch interval.
 */
@GridMode
@Singleton
final class SynonymService {
    private final IgniteCache<String, SynonymSet> synonyms;
    private final GridTransactions tx;
    private final CatalogFeed feed;

    SynonymService(Ignite ignite, GridTransactions tx, CatalogFeed feed) {
        this.synonyms = ignite.cache(SynonymCache.NAME);
        this.tx = tx;
        this.feed = feed;
    }

    /** Replaces every group; returns them in search form. */
    List<List<String>> replace(List<List<String>> groups) {
        List<List<String>> normalised = SynonymInput.normalised(groups);
        SynonymSet written = tx.write(writes -> {
            SynonymSet old = synonyms.get(SynonymCache.KEY); // locks the entry: one replace at a time
            SynonymSet next = SynonymSet.of(normalised, Versions.next(old == null ? 0 : old.version()),
                Timestamp.from(Instant.now()));
            writes.put(synonyms, SynonymCache.KEY, next);
            return next;
        });
        feed.wroteSynonyms(written);
        return written.groups();
    }

    /** The stored groups (none until a merchant puts some), read from the grid, not from this node's index. */
    List<List<String>> groups() {
        SynonymSet s = synonyms.get(SynonymCache.KEY);
        return s == null ? List.of() : s.groups();
    }
}
