package gridshop.persistence.platform;

import gridshop.grid.platform.MetaCache;
import gridshop.grid.platform.WriteJournalCache;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.cache.affinity.Affinity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty grid from PostgreSQL. Exactly one node of a starting cluster loads: the first to claim the
 * load in the replicated meta cache; the others wait until it is done (or take over if it leaves). A node
 * that joins a running cluster finds the load done and is ready at once. The data streamer routes each
 * entry to the node that owns its partition, in per-node batches.
 */
public final class StartupLoader {
    private static final Logger LOG = LoggerFactory.getLogger(StartupLoader.class);
    private static final String DONE = "done";
    private static final String LOADING = "loading:";

    private final Ignite ignite;
    private final DataSource dataSource;
    private final List<DurableTable<?, ?>> tables;
    private final Runnable beforeLoad;
    private final AtomicLong loaded = new AtomicLong();
    // Every durable cache shares one affinity function and partition count (DurableCaches).
    private final Affinity<Object> affinity;

    /** {@code beforeLoad} runs on the loading node only, before the first table (the demo catalog hooks in). */
    public StartupLoader(Ignite ignite, DataSource dataSource, List<DurableTable<?, ?>> tables, Runnable beforeLoad) {
        this.ignite = ignite;
        this.dataSource = dataSource;
        this.tables = tables;
        this.beforeLoad = beforeLoad;
        this.affinity = ignite.affinity(WriteJournalCache.NAME);
    }

    /** Whether the cluster this node joined has already been loaded from PostgreSQL. */
    public static boolean clusterLoaded(Ignite ignite) {
        return DONE.equals(ignite.<String, String>cache(MetaCache.NAME).get(MetaCache.STARTUP_LOAD));
    }

    /** Blocks until the grid holds PostgreSQL's data, loading it here if this node is the one to. */
    public void run() throws SQLException, InterruptedException {
        IgniteCache<String, String> meta = ignite.cache(MetaCache.NAME);
        String claim = LOADING + ignite.cluster().localNode().id();
        while (true) {
            String state = meta.get(MetaCache.STARTUP_LOAD);
            if (DONE.equals(state)) {
                LOG.info("Grid already loaded by the cluster; joining it");
                return;
            }
            boolean mine = state == null
                ? meta.putIfAbsent(MetaCache.STARTUP_LOAD, claim)
                : loaderLeft(state) && meta.replace(MetaCache.STARTUP_LOAD, state, claim);
            if (mine) {
                try {
                    load();
                } catch (RuntimeException | SQLException e) {
                    // Give the claim back, so that the next node to start loads instead of waiting for ever.
                    releaseQuietly(meta, claim, e);
                    throw e;
                }
                meta.put(MetaCache.STARTUP_LOAD, DONE);
                return;
            }
            Thread.sleep(200);
        }
    }

    private static void releaseQuietly(IgniteCache<String, String> meta, String claim, Exception cause) {
        try {
            meta.remove(MetaCache.STARTUP_LOAD, claim);
            LOG.warn("Start-up load failed; claim released for the next node [claim={}, error={}]", claim, cause.toString());
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private boolean loaderLeft(String state) {
        UUID loader = UUID.fromString(state.substring(LOADING.length()));
        return ignite.cluster().node(loader) == null;
    }

    private void load() throws SQLException {
        long t0 = System.nanoTime();
        beforeLoad.run();
        stream(key -> true);
        LOG.info("Start-up load done [rows={}, ms={}]", loaded.get(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Puts back what PostgreSQL has of the given partitions, after both copies of them were lost and reset to
     * empty: each table is read whole and only the rows of those partitions are streamed. A row the grid
     * already holds again (written since the reset) is left as it is. Returns the rows put back.
     */
    public long reload(Set<Integer> partitions) throws SQLException {
        long before = loaded.get();
        stream(key -> partitions.contains(affinity.partition(key)));
        return loaded.get() - before;
    }

    private void stream(Predicate<Object> keys) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            for (DurableTable<?, ?> table : tables) {
                load(c, table, keys);
            }
            c.commit();
        }
    }

    private <K, V> void load(Connection c, DurableTable<K, V> table, Predicate<Object> keys) throws SQLException {
        long t0 = System.nanoTime();
        try (IgniteDataStreamer<K, V> streamer = ignite.dataStreamer(table.cache())) {
            // allowOverwrite stays false: the grid is empty, and a second loader (after a take-over) must not
            // overwrite what the first already put there.
            streamer.perNodeBufferSize(2048);
            long n = table.readAll(c, (k, v) -> {
                if (!keys.test(k)) {
                    return;
                }
                streamer.addData(k, v);
                long total = loaded.incrementAndGet();
                if (total % 100_000 == 0) {
                    LOG.info("Load in progress [cache={}, rowsSoFar={}]", table.cache(), total);
                }
            });
            streamer.flush();
            LOG.info("Loaded from PostgreSQL [cache={}, rowsRead={}, ms={}]", table.cache(), n, (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
