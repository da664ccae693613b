package gridshop.persistence.writebehind;

import gridshop.grid.platform.KeepExpiry;
import gridshop.grid.platform.WriteJournal;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a spill file into the grid before the node is ready, whether this node started the cluster or joined one
 * that was loaded already. PostgreSQL alone is not enough: a cluster that another node loaded from PostgreSQL before
 * this file got there serves from the grid, and would answer without these writes (an acknowledged order 404, its
 * stock sellable again) while PostgreSQL holds them — a fork.
 * <p>
 * The newer version wins: an entity goes in only where the grid holds none or an older version (the grid may have
 * moved on since the load: a write on a running cluster is as acknowledged as the spilled one). Each partition's
 * entities go in one pessimistic transaction through the write journal: they share a primary and a backup (a
 * one-phase commit), an order never shows without its lines, PostgreSQL gets them by the normal path (version
 * guard, dead letters for what it refuses) and every node's continuous queries (the catalog index) see the
 * change. Outbox entries and dead letters go back where missing: a duplicate event is harmless (consumers
 * de-duplicate by event id), a missing one is not.
 * <p>
 * What this cannot settle: a write made on the running cluster, between its load and this node's return, to an
 * entity this file also holds, from the same base version. Both carry the same version and the grid's stays,
 * silently (the values carry no content hash to tell them apart; the one that came back from PostgreSQL normally
 * equals the spilled one). Versions that no write can undercut (a clock per cluster, issue 29) close that window.
 */
public final class SpillIntoGrid {
    private static final Logger LOG = LoggerFactory.getLogger(SpillIntoGrid.class);
    private static final int ATTEMPTS = 5;
    private static final long RETRY_PAUSE_MS = 500;

    private final Ignite ignite;
    private final WriteJournal journal;
    private final AtomicInteger superseded = new AtomicInteger();

    public SpillIntoGrid(Ignite ignite, WriteJournal journal) {
        this.ignite = ignite;
        this.journal = journal;
    }

    /** Returns how many entities the grid took (it held the others as new or newer). */
    public int apply(Spill.Spilled spilled) {
        int kept = restore(spilled);
        // Every durable cache shares one affinity function (DurableCaches): one partition, one primary, any cache.
        Map<Integer, List<Row>> byPartition = new TreeMap<>();
        for (Row r : spilled.rows()) {
            byPartition.computeIfAbsent(ignite.affinity(r.table().cache()).partition(r.key()), p -> new ArrayList<>()).add(r);
        }
        int applied = 0;
        for (List<Row> rows : byPartition.values()) {
            applied += applyPartitionRetrying(rows);
        }
        LOG.info("Spilled writes put into the grid [file={}, rows={}, newerThanGrid={}, olderThanGrid={}, "
            + "outboxAndLettersRestored={}]", spilled.file(), spilled.rows().size(), applied, superseded.get(), kept);
        return applied;
    }

    /**
     * A node applies its spill while it joins: a transaction that meets the partition exchange or a partition moving
     * may fail, and one whose lock order (table by table) clashes with a live checkout's (cart, then stock) times out
     * (the grid's default transaction timeout) instead of waiting for ever; either is simply run again (it reads the
     * grid afresh, so a retry after a commit writes nothing twice). Still failing after a few tries, start-up fails
     * and the file stays for the next start.
     */
    private int applyPartitionRetrying(List<Row> rows) {
        for (int attempt = 1; ; attempt++) {
            try {
                return applyPartition(rows);
            } catch (IgniteException | CacheException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warn("Putting spilled writes into the grid failed; retrying [attempt={}, rows={}, error={}]", attempt,
                    rows.size(), e.toString());
                sleep(RETRY_PAUSE_MS * attempt);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while putting spilled writes into the grid", e);
        }
    }

    private int applyPartition(List<Row> rows) {
        try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
            TransactionIsolation.REPEATABLE_READ)) {
            WriteJournal.Writes writes = journal.writes();
            try {
                int applied = 0;
                int older = 0;
                for (Row r : rows) {
                    switch (putIfNewer(writes, r)) {
                        case APPLIED -> applied++;
                        case OLDER -> older++;
                        case SAME -> { }
                    }
                }
                writes.record();
                tx.commit();
                superseded.addAndGet(older); // counted once committed: a retried attempt does not count twice
                return applied;
            } finally {
                writes.done();
            }
        }
    }

    /** What the grid held against a spilled entity: nothing or older (the spilled one went in), the same, or newer. */
    private enum Outcome { APPLIED, SAME, OLDER }

    /** Reads (and so locks, until commit) the grid's value, and writes the spilled one if it is newer. */
    private Outcome putIfNewer(WriteJournal.Writes writes, Row row) {
        DurableTable<?, ?> table = row.table();
        IgniteCache<Object, Object> cache = ignite.cache(table.cache());
        Object current = cache.withExpiryPolicy(new KeepExpiry()).get(row.key());
        if (current != null && table.versionOf(current) >= table.versionOf(row.value())) {
            return table.versionOf(current) > table.versionOf(row.value()) ? Outcome.OLDER : Outcome.SAME;
        }
        writes.put(cache, row.key(), ignite.affinity(table.cache()).affinityKey(row.key()), row.value());
        for (DurableTable.Derived d : table.derived(row.value())) {
            ignite.cache(d.cache()).putIfAbsent(d.key(), d.value());
        }
        return Outcome.APPLIED;
    }

    /**
     * Spilled entities the grid already held at a newer version, so far: harmless where the grid's version grew from
     * the spilled one (the cluster flushed it before this node came back), a loss where the grid grew from an older
     * base (a cluster that loaded from PostgreSQL without this spill: see the node's start-up).
     */
    public int superseded() {
        return superseded.get();
    }

    /** Outbox entries and dead letters: back where the grid lacks them. */
    private int restore(Spill.Spilled spilled) {
        int restored = 0;
        for (Spill.Entry e : spilled.kept()) {
            IgniteCache<Object, Object> cache = ignite.cache(e.cache());
            if (cache == null) {
                throw new IllegalStateException("spill file names a cache this node does not have [file=" + spilled.file()
                    + ", cache=" + e.cache() + "]");
            }
            restored += cache.putIfAbsent(e.key(), e.value()) ? 1 : 0;
        }
        return restored;
    }
}
