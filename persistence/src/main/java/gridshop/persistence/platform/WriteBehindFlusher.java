package gridshop.persistence.platform;

import gridshop.grid.platform.JournalEntry;
import gridshop.grid.platform.JournalKey;
import gridshop.grid.platform.KeepExpiry;
import gridshop.grid.platform.WriteJournalCache;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.sql.DataSource;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.lang.IgniteFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the write journal of the partitions this node is primary for into PostgreSQL. One round: read up to
 * {@code batchSize} journal entries (one per business transaction), read the current values of the entities
 * they name from the grid (an entity written by several of them is read and written once), upsert them in
 * one PostgreSQL transaction, then remove the entries. A transaction that commits after the values were read
 * has an entry of its own, left for the next round. When a node dies, its backups become primaries and their
 * flushers find the entries: at worst a row is written twice, and the version guard in the upsert makes that
 * harmless.
 */
public final class WriteBehindFlusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindFlusher.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Ignite ignite;
    private final DataSource dataSource;
    private final Map<String, DurableTable<?, ?>> tables = new LinkedHashMap<>();
    private final IgniteCache<JournalKey, JournalEntry> journal;
    private final Duration interval;
    private final int batchSize;
    private final ScheduledExecutorService scheduler;
    // Its own thread: a flush stuck on PostgreSQL must not freeze the count that back-pressure relies on.
    private final ScheduledExecutorService sampler;
    private volatile long clusterPending;
    private Duration backoff;

    public WriteBehindFlusher(Ignite ignite, DataSource dataSource, List<DurableTable<?, ?>> tables,
                              Duration interval, int batchSize) {
        this.ignite = ignite;
        this.dataSource = dataSource;
        tables.forEach(t -> this.tables.put(t.cache(), t));
        this.journal = ignite.cache(WriteJournalCache.NAME);
        this.interval = interval;
        this.batchSize = batchSize;
        this.backoff = interval;
        this.scheduler = daemon("gridshop-flusher");
        this.sampler = daemon("gridshop-pending-sampler");
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        scheduler.schedule(this::round, interval.toMillis(), TimeUnit.MILLISECONDS);
        sampler.scheduleWithFixedDelay(this::samplePending, 0, 1, TimeUnit.SECONDS);
    }

    private void round() {
        long delay = interval.toMillis();
        try {
            int n;
            do {
                n = flushOnce();
            } while (n == batchSize);
            backoff = interval;
        } catch (Exception e) {
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            delay = backoff.toMillis();
            LOG.warn("Write-behind flush failed, markers kept, retry in {} ms [pendingLocal={}, error={}]",
                delay, localPending(), e.toString());
        }
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::round, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** One batch; returns how many journal entries it handled. Public so that tests and shutdown can drive it. */
    public synchronized int flushOnce() throws SQLException {
        TreeMap<JournalKey, JournalEntry> batch = new TreeMap<>();
        for (Cache.Entry<JournalKey, JournalEntry> e : journal.localEntries(CachePeekMode.PRIMARY)) {
            batch.put(e.getKey(), e.getValue());
            if (batch.size() >= batchSize) {
                break;
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        writeToDatabase(byCache(batch.values()));
        // No business transaction ever touches a journal entry after its own commit, so an entry needs no
        // transaction to go: clearing it on primary and backup is enough, and costs a fraction of a transactional
        // removal. Should a copy survive (its node died mid-clear, or it was being rebalanced), it is flushed
        // once more: the version guard in the upsert makes that harmless.
        journal.clearAll(batch.navigableKeySet());
        return batch.size();
    }

    private Map<String, Set<Object>> byCache(Collection<JournalEntry> entries) {
        Map<String, Set<Object>> out = new HashMap<>();
        for (JournalEntry entry : entries) {
            for (int i = 0; i < entry.size(); i++) {
                if (!tables.containsKey(entry.cache(i))) {
                    throw new IllegalStateException("write journal names a cache with no table [cache=" + entry.cache(i) + "]");
                }
                out.computeIfAbsent(entry.cache(i), c -> new TreeSet<>()).add(entry.key(i));
            }
        }
        return out;
    }

    private void writeToDatabase(Map<String, Set<Object>> keysByCache) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // A stuck PostgreSQL fails this round after 30 s (markers kept) instead of holding the flusher,
                // and a shutdown's final drain, forever.
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("SET LOCAL statement_timeout = 30000");
                }
                for (DurableTable<?, ?> table : tables.values()) {
                    Set<Object> keys = keysByCache.get(table.cache());
                    if (keys != null) {
                        upsert(c, table, keys);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <K, V> void upsert(Connection c, DurableTable<K, V> table, Set<Object> keys) throws SQLException {
        IgniteCache<K, V> cache = ignite.<K, V>cache(table.cache()).withExpiryPolicy(new KeepExpiry());
        // Current values, sorted by key so that two nodes never lock PostgreSQL rows in opposite orders.
        // An entity that is gone (an expired session) has nothing left to write.
        Map<K, V> values = new TreeMap<>(cache.getAll((Set<K>) keys));
        table.upsert(c, values.values());
    }

    private void samplePending() {
        try {
            clusterPending = journal.sizeLong(CachePeekMode.PRIMARY);
        } catch (RuntimeException e) {
            LOG.debug("pending-writes sample failed", e);
        }
    }

    /** Journal entries (committed transactions) not yet in PostgreSQL on the partitions this node is primary for. */
    public long localPending() {
        return journal.localSizeLong(CachePeekMode.PRIMARY);
    }

    /** Journal entries not yet in PostgreSQL in the whole cluster, sampled every second. */
    public long clusterPending() {
        return clusterPending;
    }

    /** Stops the rounds, then drains what this node is primary for, so a graceful stop leaves nothing behind. */
    @Override
    public void close() {
        sampler.shutdownNow();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            while (flushOnce() > 0) {
                // drain
            }
        } catch (Exception e) {
            LOG.warn("Final flush incomplete; the markers stay on the backups [pendingLocal={}]", localPending(), e);
        }
    }
}
