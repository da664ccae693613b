package gridshop.ops;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.api.ops.ConsistencyResponse;
import gridshop.grid.cart.CartCache;
import gridshop.grid.session.SessionCache;
import gridshop.grid.session.ShopperSession;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.writebehind.DurableTables;
import gridshop.platform.ApiException;
import gridshop.platform.GridMode;
import gridshop.session.SessionProperties;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.affinity.Affinity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grid ≡ PostgreSQL, on demand. Per table: every node digests its primary partitions (count and sum of key +
 * content hashes of the flushed rows: every written column, see DurableTable#fingerprint, so a fork at equal
 * versions shows), this node streams the table from PostgreSQL once into the same per-partition digests, and only the partitions that disagree are compared row by row. A row that differs but whose grid value
 * changed meanwhile was written while the check ran: left out, not reported; so is one that no longer differs, or
 * differs otherwise, a second later (a write in flight). One check runs at a time, on the
 * caller's (blocking, not event-loop) thread, with its jobs bounded in time.
 */
@GridMode
@Singleton
public final class ConsistencyService {
    private static final Logger LOG = LoggerFactory.getLogger(ConsistencyService.class);
    private static final long JOB_TIMEOUT_MS = 120_000;
    private static final int SAMPLE = 20;
    /** Longer than a write-behind round or two (200 ms each by default): a write in flight is flushed by then. */
    private static final Duration SECOND_LOOK = Duration.ofSeconds(1);
    private final Ignite ignite;
    private final HikariDataSource pool;
    private final Duration endOfLife;
    private final ReentrantLock running = new ReentrantLock();

    ConsistencyService(Ignite ignite, HikariDataSource pool, SessionProperties session) {
        this.ignite = ignite;
        this.pool = pool;
        // The stored expiry of an active session lags its real one by up to idle/10 (SessionService).
        this.endOfLife = session.idle().dividedBy(10).plusMinutes(1);
    }

    public ConsistencyResponse check() {
        try {
            if (!running.tryLock(5, TimeUnit.MINUTES)) {
                throw ApiException.unavailable("A consistency check is already running", 30);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while waiting for the running consistency check", 30);
        }
        try {
            return run();
        } catch (SQLException e) {
            throw ApiException.unavailable("PostgreSQL could not be read for the consistency check: " + e.getMessage(), 10);
        } catch (IgniteException e) {
            throw ApiException.unavailable("The grid could not be digested (a topology change?): " + e.getMessage(), 10);
        } finally {
            running.unlock();
        }
    }

    private ConsistencyResponse run() throws SQLException {
        long t0 = System.currentTimeMillis();
        long liveUntil = t0 + endOfLife.toMillis();
        List<ConsistencyResponse.Table> tables = new ArrayList<>();
        Set<Object> endingSessions = new HashSet<>();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            for (DurableTable<?, ?> table : DurableTables.all()) {
                tables.add(compare(c, table, liveUntil, endingSessions));
            }
            c.rollback();
        }
        ConsistencyResponse out = new ConsistencyResponse(Instant.ofEpochMilli(t0), System.currentTimeMillis() - t0, tables);
        long differences = tables.stream().mapToLong(ConsistencyResponse.Table::differences).sum();
        if (differences > 0) {
            LOG.error("Grid and PostgreSQL differ [differences={}, tables={}]", differences, tables);
        } else {
            LOG.info("Grid and PostgreSQL agree [rows={}, ms={}]",
                tables.stream().mapToLong(ConsistencyResponse.Table::gridRows).sum(), out.durationMs());
        }
        return out;
    }

    private ConsistencyResponse.Table compare(Connection c, DurableTable<?, ?> table, long liveUntil,
                                              Set<Object> endingSessions) throws SQLException {
        String cache = table.cache();
        Affinity<Object> affinity = ignite.affinity(cache);
        Map<Integer, long[]> grid = new HashMap<>();
        Set<Object> skipped = new HashSet<>();
        for (DigestJob.Result r : broadcast(new DigestJob(cache, liveUntil, null))) {
            r.digests.forEach((p, d) -> grid.merge(p, d, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
            skipped.addAll(r.skipped);
        }
        if (cache.equals(SessionCache.NAME)) {
            endingSessions.addAll(skipped);
        }
        Map<Integer, long[]> pg = new HashMap<>();
        long[] pgSkipped = {0};
        table.readFingerprinted(c, (key, value, fingerprint) -> {
            if (skip(cache, key, value, skipped, endingSessions, liveUntil)) {
                pgSkipped[0]++;
                return;
            }
            long[] d = pg.computeIfAbsent(affinity.partition(key), x -> new long[2]);
            d[0]++;
            d[1] += DigestJob.hash(key, fingerprint);
        });
        Set<Integer> differing = new TreeSet<>();
        Set<Integer> all = new HashSet<>(grid.keySet());
        all.addAll(pg.keySet());
        for (int p : all) {
            long[] g = grid.getOrDefault(p, new long[2]);
            long[] q = pg.getOrDefault(p, new long[2]);
            if (g[0] != q[0] || g[1] != q[1]) {
                differing.add(p);
            }
        }
        List<Object> keys = differing.isEmpty() ? List.of()
            : lastingDifferences(c, table, differing, liveUntil, skipped, endingSessions);
        long gridRows = grid.values().stream().mapToLong(d -> d[0]).sum();
        long pgRows = pg.values().stream().mapToLong(d -> d[0]).sum();
        return new ConsistencyResponse.Table(cache, gridRows, pgRows, keys.size(),
            keys.stream().limit(SAMPLE).map(String::valueOf).toList(), skipped.size());
    }

    /**
     * The rows of the given partitions that differ, looked at twice, {@link #SECOND_LOOK} apart: a row is reported
     * only if both looks found the same two sides. A write in flight (committed in the grid, not yet flushed, caught
     * between a node's look at its journal and its look at the row) is gone by the second look; a fork stays.
     */
    private List<Object> lastingDifferences(Connection c, DurableTable<?, ?> table, Set<Integer> partitions, long liveUntil,
                                            Set<Object> skipped, Set<Object> endingSessions) throws SQLException {
        Map<Object, Sides> first = differingKeys(c, table, partitions, liveUntil, skipped, endingSessions);
        if (first.isEmpty()) {
            return List.of();
        }
        try {
            Thread.sleep(SECOND_LOOK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while checking the rows that differ", 10);
        }
        Affinity<Object> affinity = ignite.affinity(table.cache());
        Set<Integer> again = new TreeSet<>();
        first.keySet().forEach(k -> again.add(affinity.partition(k)));
        Map<Object, Sides> second = differingKeys(c, table, again, liveUntil, skipped, endingSessions);
        List<Object> differ = new ArrayList<>();
        first.forEach((key, sides) -> {
            if (sides.equals(second.get(key))) {
                differ.add(key);
            }
        });
        differ.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        return differ;
    }

    /** A row's content hash in the grid and in PostgreSQL (null: no such row on that side). */
    private record Sides(Long grid, Long postgres) {
    }

    /** Rows of the given partitions that differ (or exist on one side only) and did not change in the grid meanwhile. */
    private Map<Object, Sides> differingKeys(Connection c, DurableTable<?, ?> table, Set<Integer> partitions, long liveUntil,
                                             Set<Object> skipped, Set<Object> endingSessions) throws SQLException {
        String cache = table.cache();
        Affinity<Object> affinity = ignite.affinity(cache);
        Map<Object, Long> grid = new HashMap<>();
        for (DigestJob.Result r : broadcast(new DigestJob(cache, liveUntil, new HashSet<>(partitions)))) {
            grid.putAll(r.rows);
            skipped.addAll(r.skipped);
        }
        Map<Object, Long> pg = new HashMap<>();
        table.readFingerprinted(c, (key, value, fingerprint) -> {
            if (partitions.contains(affinity.partition(key)) && !skip(cache, key, value, skipped, endingSessions, liveUntil)) {
                pg.put(key, DigestJob.hash(key, fingerprint));
            }
        });
        Set<Object> keys = new HashSet<>(grid.keySet());
        keys.addAll(pg.keySet());
        IgniteCache<Object, Object> now = ignite.cache(cache);
        Map<Object, Sides> differ = new HashMap<>();
        for (Object key : keys) {
            Long g = grid.get(key);
            if (Objects.equals(g, pg.get(key)) || skipped.contains(key)) {
                continue;
            }
            Object current = now.get(key);
            Long gNow = current == null ? null : DigestJob.hash(key, table.fingerprintOf(current));
            if (Objects.equals(g, gNow)) {
                differ.put(key, new Sides(g, pg.get(key))); // the grid did not change while checked
            }
        }
        return differ;
    }

    private static boolean skip(String cache, Object key, Object value, Set<Object> skipped, Set<Object> endingSessions,
                                long liveUntil) {
        if (skipped.contains(key)) {
            return true;
        }
        if (cache.equals(SessionCache.NAME) && DigestJob.endingSession((ShopperSession) value, liveUntil)) {
            endingSessions.add(key);
            return true;
        }
        return cache.equals(CartCache.NAME) && endingSessions.contains(key);
    }

    private List<DigestJob.Result> broadcast(DigestJob job) {
        return new ArrayList<>(ignite.compute(ignite.cluster().forServers()).withTimeout(JOB_TIMEOUT_MS).broadcast(job));
    }
}
