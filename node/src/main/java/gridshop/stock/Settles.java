package gridshop.stock;

import gridshop.events.EventOutbox;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.SliceKey;
import gridshop.grid.catalog.Stock;
import gridshop.grid.catalog.StockSlice;
import gridshop.grid.catalog.StockSliceCache;
import gridshop.platform.ApiException;
import gridshop.platform.GridTransactions;
import io.micrometer.core.instrument.Counter;
import jakarta.inject.Provider;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escrow's settles: the sales of this node's lanes, counted into the stock rows (units sold, revenue, the level every
 * node shows) up to {@value #BATCH} slices a transaction, one transaction per node that is primary for the rows. A
 * batch that fails is split; a slice that fails alone waits {@code STUCK_RETRY} (counted in
 * {@code gridshop.stock.settle.stuck}, logged) instead of holding up the others.
 */
final class Settles {
    private static final Logger LOG = LoggerFactory.getLogger(Settles.class);
    private static final int BATCH = 256;
    private static final Duration STUCK_RETRY = Duration.ofSeconds(30);
    private static final int SINGLES_PER_TICK = 16;
    private final Ignite ignite;
    private final IgniteCache<Long, Stock> inventory;
    private final IgniteCache<SliceKey, StockSlice> slices;
    private final Provider<GridTransactions> tx;
    private final EventOutbox events;
    private final Counter repaired;
    private final Counter settledUnits;
    /** Slices with sales no settle has counted yet. */
    final Set<SliceKey> unsettled = new ConcurrentSkipListSet<>();
    /** Keys of a batch that failed, settled one per transaction to find the one that fails. */
    private final Set<SliceKey> single = new ConcurrentSkipListSet<>();
    /** Keys whose settle failed alone, and when they are tried again (a metric and a log line say so meanwhile). */
    final Map<SliceKey, Long> stuck = new ConcurrentHashMap<>();

    Settles(Ignite ignite, Provider<GridTransactions> tx, EventOutbox events, Counter repaired,
            Counter settledUnits) {
        this.ignite = ignite;
        this.inventory = ignite.cache(InventoryCache.NAME);
        this.slices = ignite.cache(StockSliceCache.NAME);
        this.tx = tx;
        this.events = events;
        this.repaired = repaired;
        this.settledUnits = settledUnits;
    }

    /** A checkout sold from these slices: settled on the next tick. */
    void add(SliceKey key) {
        unsettled.add(key);
    }

    /** Sales in {@code local}, the lanes this node is primary for, that no settle has counted yet (a lane taken over, a restart). */
    boolean find(int[] local) {
        try {
            for (int lane : local) {
                int partition = ignite.affinity(StockSliceCache.NAME).partition(new SliceKey(0, lane));
                try (QueryCursor<Cache.Entry<SliceKey, StockSlice>> cursor = slices.query(
                    new ScanQuery<SliceKey, StockSlice>((k, v) -> v.unsettledUnits() > 0).setPartition(partition).setLocal(true))) {
                    cursor.forEach(e -> {
                        if (!stuck.containsKey(e.getKey())) {
                            unsettled.add(e.getKey());
                        }
                    });
                }
            }
            return true;
        } catch (RuntimeException e) {
            Escrow.warn("looking for unsettled sales", 0, e);
            return false;
        }
    }

    /**
     * Counts up to {@value #BATCH} slices' sales into their rows: one transaction per node that is primary for the
     * rows (so its locks take one round trip, not one per row); a batch that fails is split, and a slice that fails
     * alone waits {@code STUCK_RETRY} (counted in {@code gridshop.stock.settle.stuck}, logged) instead of blocking the others.
     */
    void run() {
        long nowNanos = System.nanoTime();
        stuck.forEach((key, retryAt) -> {
            if (nowNanos - retryAt > 0 && stuck.remove(key) != null) {
                single.add(key);
            }
        });
        for (SliceKey key : Escrow.drain(single, SINGLES_PER_TICK)) {
            settle(List.of(key));
        }
        List<SliceKey> batch = Escrow.drain(unsettled, BATCH);
        try {
            Map<org.apache.ignite.cluster.ClusterNode, Collection<Long>> byPrimary = ignite.<Long>affinity(InventoryCache.NAME)
                .mapKeysToNodes(batch.stream().map(SliceKey::productId).distinct().toList());
            for (Collection<Long> products : byPrimary.values()) {
                Set<Long> group = new java.util.HashSet<>(products);
                settle(batch.stream().filter(k -> group.contains(k.productId())).toList());
            }
        } catch (RuntimeException | Error e) {
            // Taken off the set and not settled (settle() itself puts back what fails): the next tick tries them again.
            // A key settled before the failure is settled again with nothing to count.
            unsettled.addAll(batch);
            throw e;
        }
    }

    private void settle(List<SliceKey> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            long units = tx.get().write(writes -> {
                SortedSet<Long> products = new TreeSet<>();
                batch.forEach(k -> products.add(k.productId()));
                Map<Long, Stock> rows = inventory.getAll(products);
                Map<SliceKey, StockSlice> held = slices.getAll(new TreeSet<>(batch));
                SortedMap<Long, Stock> nextRows = new TreeMap<>();
                SortedMap<SliceKey, StockSlice> nextSlices = new TreeMap<>();
                Timestamp now = Escrow.now();
                long counted = 0;
                for (SliceKey key : new TreeSet<>(batch)) {
                    StockSlice s = held.get(key);
                    Stock row = nextRows.getOrDefault(key.productId(), rows.get(key.productId()));
                    if (s == null || s.unsettledUnits() == 0) {
                        continue;
                    }
                    if (row == null) {
                        throw new IllegalStateException("slice " + key + " sold " + s.unsettledUnits()
                            + " units of a product without a stock row");
                    }
                    if (s.unsettledUnits() > row.leased()) {
                        repaired.increment();
                        LOG.error("Stock books repaired: a lane sold more than its row counts as lent; the row's count "
                            + "stops at 0 [slice={}, sold={}, rowLeased={}]", key, s.unsettledUnits(), row.leased());
                    }
                    if (s.unsettledUnits() > row.available()) {
                        // Only after a loss of both copies: the lend this lane sold from went with the row's partition,
                        // and the row came back from PostgreSQL older. The units were sold (their orders stand); the
                        // row stops at 0 rather than show, and write, stock below zero.
                        repaired.increment();
                        LOG.error("Stock oversold after a partition loss: a lane sold more than its row still has; the "
                            + "row's stock stops at 0 [slice={}, sold={}, rowAvailable={}, oversold={}]", key,
                            s.unsettledUnits(), row.available(), s.unsettledUnits() - row.available());
                    }
                    Stock next = row.settled(s.unsettledUnits(), s.unsettledRevenue(), 0, now);
                    nextRows.put(key.productId(), next);
                    nextSlices.put(key, s.settledAndReturned(false, now));
                    events.stockChanged(next, (int) -s.unsettledUnits());
                    counted += s.unsettledUnits();
                }
                writes.putAll(inventory, nextRows);
                writes.putAll(slices, nextSlices, k -> k.lane());
                return counted;
            });
            settledUnits.increment(units);
        } catch (ApiException e) {
            unsettled.addAll(batch); // writes paused (no majority, back-pressure): the same again next tick
            Escrow.warn("settling sales", batch.size(), e);
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                single.addAll(batch);
            } else {
                stuck.put(batch.get(0), System.nanoTime() + STUCK_RETRY.toNanos());
                LOG.warn("A lane's sales could not be settled; tried again in {} s [slice={}, error={}]",
                    STUCK_RETRY.toSeconds(), batch.get(0), e.toString());
            }
        }
    }
}
