package gridshop.stock;

import gridshop.events.EventOutbox;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.SliceKey;
import gridshop.grid.catalog.Stock;
import gridshop.grid.catalog.StockSlice;
import gridshop.grid.catalog.StockSliceCache;
import gridshop.platform.GridTransactions;
import io.micrometer.core.instrument.Counter;
import jakarta.inject.Provider;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escrow's lends: this node's lane's slices topped up from the stock rows, for the products whose rows other nodes
 * hold: those a checkout or a stock change asked for ({@link #want}), up to {@value #BATCH} a transaction per rows'
 * primary, and after a change of topology or of lane the whole catalog, {@value #FILL_PARTITIONS_PER_TICK}
 * partitions a tick.
 */
final class Lending {
    private static final Logger LOG = LoggerFactory.getLogger(Lending.class);
    private static final int BATCH = 256;
    private static final int FILL_PARTITIONS_PER_TICK = 32;
    private final Ignite ignite;
    private final IgniteCache<Long, Stock> inventory;
    private final IgniteCache<SliceKey, StockSlice> slices;
    private final Provider<GridTransactions> tx;
    private final Lanes lanes;
    private final Counter lentUnits;
    private final Counter returnedUnits;
    private final Counter repaired;
    private final EventOutbox events;
    private final Set<Long> toLend = new ConcurrentSkipListSet<>();
    private long filledFor = -1;
    private int fillNext = Integer.MAX_VALUE;
    /** Slices in this node's lane of products whose rows it holds are to be given back to the rows. */
    private boolean returnDue;

    Lending(Ignite ignite, Provider<GridTransactions> tx, Lanes lanes, EventOutbox events, Counter lentUnits,
            Counter returnedUnits, Counter repaired) {
        this.ignite = ignite;
        this.repaired = repaired;
        this.events = events;
        this.returnedUnits = returnedUnits;
        this.inventory = ignite.cache(InventoryCache.NAME);
        this.slices = ignite.cache(StockSliceCache.NAME);
        this.tx = tx;
        this.lanes = lanes;
        this.lentUnits = lentUnits;
    }

    /** The product's slice in this node's lane is to be topped up on a coming tick. */
    void want(long productId) {
        toLend.add(productId);
    }

    void want(Collection<Long> products) {
        toLend.addAll(products);
    }

    /** The topology and lane as of this tick: a new one fills the lane over the whole catalog again. */
    void view(long view) {
        if (view != filledFor) {
            filledFor = view;
            fillNext = 0;
            returnDue = true;
        }
    }

    /** Look again for lane units of products whose rows this node holds (a row's primary may move without a new view). */
    void rescan() {
        returnDue = true;
    }

    /**
     * One tick's lends: what was asked for, then the next partitions of a fill under way; after a change of topology
     * or lane first the slices this node's lane holds of products whose rows it now holds go back to those rows (it
     * sells them from the rows: left in the lane, their units would wait for a recall that locks every lane).
     */
    void run() {
        if (returnDue) {
            returnDue = !giveBack();
        }
        lend(Escrow.drain(toLend, BATCH));
        if (fillNext < ignite.affinity(InventoryCache.NAME).partitions()) {
            fill();
        }
    }

    /**
     * Tops up this node's lane's slices of {@code products} that hold less than half a share, per rows' primary; not
     * the products whose rows this node holds (it sells those from the rows).
     */
    private void lend(List<Long> products) {
        Map<org.apache.ignite.cluster.ClusterNode, Collection<Long>> byPrimary = ignite.<Long>affinity(InventoryCache.NAME)
            .mapKeysToNodes(products);
        byPrimary.forEach((primary, group) -> {
            if (!primary.isLocal()) {
                lendTo(new ArrayList<>(group));
            }
        });
    }

    private void lendTo(List<Long> products) {
        int lane = lanes.home();
        org.apache.ignite.cluster.ClusterNode lanePrimary = lane < 0 ? null
            : ignite.affinity(StockSliceCache.NAME).mapPartitionToNode(lane);
        if (products.isEmpty() || lanePrimary == null || !lanePrimary.isLocal()) {
            return; // no lane, or one that moved away since this node last looked (its new owner lends to it)
        }
        int servers = lanes.servers();
        try {
            long total = tx.get().write(writes -> {
                SortedSet<Long> ids = new TreeSet<>(products);
                Map<Long, Stock> rows = inventory.getAll(ids);
                SortedSet<SliceKey> keys = new TreeSet<>();
                ids.forEach(id -> keys.add(new SliceKey(id, lane)));
                Map<SliceKey, StockSlice> held = slices.getAll(keys);
                SortedMap<Long, Stock> nextRows = new TreeMap<>();
                SortedMap<SliceKey, StockSlice> nextSlices = new TreeMap<>();
                Timestamp now = Escrow.now();
                long lent = 0;
                for (SliceKey key : keys) {
                    Stock row = rows.get(key.productId());
                    if (row == null) {
                        continue;
                    }
                    StockSlice s = held.getOrDefault(key, StockSlice.empty(key));
                    int share = share(row.available(), servers);
                    int units = Math.min(row.reserve(), share - s.balance());
                    if (s.balance() >= Math.max(1, share / 2) || units <= 0) {
                        continue;
                    }
                    nextRows.put(key.productId(), row.lent(units, lane, now));
                    nextSlices.put(key, s.lent(units, now));
                    lent += units;
                }
                writes.putAll(inventory, nextRows);
                writes.putAll(slices, nextSlices, k -> k.lane());
                return lent;
            });
            lentUnits.increment(total);
        } catch (RuntimeException e) {
            Escrow.warn("lending to lane " + lane, products.size(), e);
        }
    }

    /**
     * Gives back what the lanes this node is primary for hold of products whose rows it holds; false if it is to be
     * tried again.
     */
    private boolean giveBack() {
        boolean done = true;
        for (int lane : lanes.localLanes()) {
            List<SliceKey> held = new ArrayList<>();
            int partition = ignite.affinity(StockSliceCache.NAME).partition(new SliceKey(0, lane));
            try (QueryCursor<Cache.Entry<SliceKey, StockSlice>> cursor = slices.query(
                new ScanQuery<SliceKey, StockSlice>((k, v) -> v.held() > 0).setPartition(partition).setLocal(true))) {
                for (Cache.Entry<SliceKey, StockSlice> e : cursor) {
                    if (e.getKey().lane() == lane && Escrow.rowIsHere(ignite, e.getKey().productId())) {
                        held.add(e.getKey());
                    }
                }
            } catch (RuntimeException e) {
                Escrow.warn("reading lane " + lane + " for units to give back", 0, e);
                done = false;
                continue;
            }
            held.sort(null);
            for (int from = 0; from < held.size(); from += BATCH) {
                done &= giveBack(lane, held.subList(from, Math.min(held.size(), from + BATCH)));
            }
        }
        return done;
    }

    private boolean giveBack(int lane, List<SliceKey> keys) {
        try {
            long total = tx.get().write(writes -> {
                SortedSet<Long> ids = new TreeSet<>();
                keys.forEach(k -> ids.add(k.productId()));
                Map<Long, Stock> rows = inventory.getAll(ids); // rows before slices, as everywhere
                Map<SliceKey, StockSlice> slicesHeld = slices.getAll(new TreeSet<>(keys));
                SortedMap<Long, Stock> nextRows = new TreeMap<>();
                SortedMap<SliceKey, StockSlice> nextSlices = new TreeMap<>();
                Timestamp now = Escrow.now();
                long returned = 0;
                for (SliceKey key : new TreeSet<>(keys)) {
                    StockSlice s = slicesHeld.get(key);
                    Stock row = rows.get(key.productId());
                    if (s == null || s.held() == 0 || row == null) {
                        continue;
                    }
                    if (s.held() > row.leased()) {
                        repaired.increment();
                        LOG.error("Stock books repaired: a lane held more than its row counts as lent; the row's count "
                            + "stops at 0 [slice={}, held={}, rowLeased={}]", key, s.held(), row.leased());
                    }
                    Stock next = row.settled(s.unsettledUnits(), s.unsettledRevenue(), s.balance(), now)
                        .withoutLanes(1L << lane);
                    nextRows.put(key.productId(), next);
                    nextSlices.put(key, s.settledAndReturned(true, now));
                    if (s.unsettledUnits() > 0) {
                        events.stockChanged(next, (int) -s.unsettledUnits());
                    }
                    returned += s.balance();
                }
                writes.putAll(inventory, nextRows);
                writes.putAll(slices, nextSlices, k -> k.lane());
                return returned;
            });
            returnedUnits.increment(total);
            if (total > 0) {
                LOG.info("Lane gave back the units of products whose rows this node now holds [lane={}, slices={}, units={}]",
                    lane, keys.size(), total);
            }
            return true;
        } catch (RuntimeException e) {
            Escrow.warn("giving lane " + lane + "'s units back to rows here", keys.size(), e);
            return false;
        }
    }

    /** A lane's share of a product: its level over twice the nodes (0 for a level too low to split). */
    static int share(int available, int servers) {
        return available / (2 * servers);
    }

    /** The next few partitions of the catalog: the products whose slice in this node's lane is below half a share. */
    private void fill() {
        int lane = lanes.home();
        int servers = lanes.servers();
        int partitions = ignite.affinity(InventoryCache.NAME).partitions();
        int end = Math.min(partitions, fillNext + FILL_PARTITIONS_PER_TICK);
        for (; fillNext < end && lane >= 0; fillNext++) {
            org.apache.ignite.cluster.ClusterNode primary = ignite.affinity(InventoryCache.NAME).mapPartitionToNode(fillNext);
            if (primary != null && primary.isLocal()) {
                continue; // rows this node holds: sold from the rows
            }
            List<Long> low = new ArrayList<>();
            try (QueryCursor<Cache.Entry<Long, Stock>> cursor = inventory.query(
                new ScanQuery<Long, Stock>((k, v) -> share(v.available(), servers) > 0 && v.reserve() > 0)
                    .setPartition(fillNext))) {
                for (Cache.Entry<Long, Stock> e : cursor) {
                    StockSlice s = slices.localPeek(new SliceKey(e.getKey(), lane), CachePeekMode.PRIMARY);
                    if (s == null || s.balance() < Math.max(1, share(e.getValue().available(), servers) / 2)) {
                        low.add(e.getKey());
                    }
                }
            } catch (RuntimeException e) {
                Escrow.warn("reading partition " + fillNext + " of the stock to lend from", 0, e);
                return; // this partition again on the next tick
            }
            for (int from = 0; from < low.size(); from += BATCH) {
                lend(low.subList(from, Math.min(low.size(), from + BATCH)));
            }
        }
        if (fillNext >= partitions) {
            LOG.info("Lane filled from the whole catalog [lane={}, servers={}, topology={}]", lane, servers,
                filledFor / StockSliceCache.LANES);
        }
    }
}
