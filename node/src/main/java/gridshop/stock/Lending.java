package gridshop.stock;

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
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escrow's lends: this node's lane's slices topped up from the stock rows: those a checkout or a stock change asked
 * for ({@link #want}), up to {@value #BATCH} a transaction per rows' primary, and after a change of topology or of lane
 * the whole catalog, {@value #FILL_PARTITIONS_PER_TICK} partitions a tick.
 */
final class Lending {
    private static final Logger LOG = LoggerFactory.getLogger(Lending.class);
    private static final int BATCH = 256;
    private static final int FILL_PARTITIONS_PER_TICK = 32;
    /** The most products asked for that a tick looks at (without a lock) for the {@value #BATCH} it may lend to. */
    private static final int PEEK_PER_TICK = 16 * BATCH;
    private final Ignite ignite;
    private final IgniteCache<Long, Stock> inventory;
    private final IgniteCache<SliceKey, StockSlice> slices;
    private final Provider<GridTransactions> tx;
    private final Lanes lanes;
    private final Counter lentUnits;
    private final Set<Long> toLend = new ConcurrentSkipListSet<>();
    /** {@code toLend}'s size, kept beside it: a skip list counts itself by walking (750,000 asks after a start). */
    private final AtomicInteger toLendSize = new AtomicInteger();
    private long filledFor = -1;
    /** The next partition of a fill under way; {@link Integer#MAX_VALUE} when none is (read by a gauge). */
    private volatile int fillNext = Integer.MAX_VALUE;

    private final Counter skipped;

    Lending(Ignite ignite, Provider<GridTransactions> tx, Lanes lanes, Counter lentUnits, Counter skipped) {
        this.ignite = ignite;
        this.skipped = skipped;
        this.inventory = ignite.cache(InventoryCache.NAME);
        this.slices = ignite.cache(StockSliceCache.NAME);
        this.tx = tx;
        this.lanes = lanes;
        this.lentUnits = lentUnits;
    }

    /** The product's slice in this node's lane is to be topped up on a coming tick. */
    void want(long productId) {
        if (toLend.add(productId)) {
            toLendSize.incrementAndGet();
        }
    }

    void want(Collection<Long> products) {
        products.forEach(this::want);
    }

    /**
     * This node fills its lane once it is ready and its escrow ticks: until that fill begins the whole catalog counts as
     * left to read, so that a look right after readiness does not take the fill for over before it began.
     */
    void fillAhead() {
        fillNext = 0;
    }

    /** Partitions of the catalog a fill under way (or ahead) has yet to read (0: none; a node's start begins one). */
    int fillLeft() {
        int next = fillNext;
        return next == Integer.MAX_VALUE ? 0 : Math.max(0, ignite.affinity(InventoryCache.NAME).partitions() - next);
    }

    /** Products waiting for a lend to this node's lane. */
    int wanted() {
        return Math.max(0, toLendSize.get());
    }

    /** The topology and lane as of this tick: a new one fills the lane over the whole catalog again. */
    void view(long view) {
        if (view != filledFor) {
            filledFor = view;
            fillNext = 0;
        }
    }

    /** One tick's lends: what was asked for, then the next partitions of a fill under way. */
    void run() {
        lend(asked());
        if (fillNext < ignite.affinity(InventoryCache.NAME).partitions()) {
            fill();
        }
    }

    /**
     * Up to {@value #BATCH} of the products asked for whose slice in this node's lane may be low. Most asked for hold
     * their share already: a node's start asks for every product as the catalog's levels reach it, while the fill
     * lends to them (at a million products, 750,000 asks that took a transaction of locks every tick for about ten
     * minutes). Those are dropped here from what this node holds, without a lock; a product whose row is not held here
     * goes to the lend's transaction, which decides.
     */
    private List<Long> asked() {
        int lane = lanes.home();
        int servers = lanes.servers();
        List<Long> out = new ArrayList<>();
        int looked = 0;
        while (out.size() < BATCH && looked < PEEK_PER_TICK && !toLend.isEmpty()) {
            List<Long> next = Escrow.drain(toLend, BATCH);
            toLendSize.addAndGet(-next.size());
            looked += next.size();
            for (Long id : next) {
                if (lane < 0 || mayBeLow(id, lane, servers)) {
                    out.add(id);
                } else {
                    skipped.increment();
                }
            }
        }
        if (out.size() > BATCH) {
            want(out.subList(BATCH, out.size())); // the next tick's
            return new ArrayList<>(out.subList(0, BATCH));
        }
        return out;
    }

    /** From this node's copies: the row is not held here (the lend's transaction decides), or its slice is low. */
    private boolean mayBeLow(long productId, int lane, int servers) {
        Stock row = inventory.localPeek(productId, CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
        return row == null || sliceLow(productId, row, lane, servers);
    }

    /**
     * Whether this node's lane's slice of a product whose row is {@code row} is to be topped up, from the slice this
     * node holds: the row has units to split and lend, and the slice holds less than half a share (or is not there).
     */
    private boolean sliceLow(long productId, Stock row, int lane, int servers) {
        int share = share(row.available(), servers);
        if (share <= 0 || row.reserve() <= 0) {
            return false;
        }
        StockSlice s = slices.localPeek(new SliceKey(productId, lane), CachePeekMode.PRIMARY);
        return s == null || low(s.balance(), share);
    }

    /** Tops up this node's lane's slices of {@code products} that hold less than half a share, per rows' primary. */
    private void lend(List<Long> products) {
        Map<org.apache.ignite.cluster.ClusterNode, Collection<Long>> byPrimary = ignite.<Long>affinity(InventoryCache.NAME)
            .mapKeysToNodes(products);
        byPrimary.values().forEach(group -> lendTo(new ArrayList<>(group)));
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
                    if (!low(s.balance(), share) || units <= 0) {
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

    /** A lane's share of a product: its level over twice the nodes (0 for a level too low to split). */
    static int share(int available, int servers) {
        return available / (2 * servers);
    }

    /** Whether a slice holding {@code balance} units is to be topped up: below half a share (and empty at least). */
    static boolean low(int balance, int share) {
        return balance < Math.max(1, share / 2);
    }

    /** The next few partitions of the catalog: the products whose slice in this node's lane is below half a share. */
    private void fill() {
        int lane = lanes.home();
        int servers = lanes.servers();
        int partitions = ignite.affinity(InventoryCache.NAME).partitions();
        int end = Math.min(partitions, fillNext + FILL_PARTITIONS_PER_TICK);
        for (; fillNext < end && lane >= 0; fillNext++) {
            List<Long> low = new ArrayList<>();
            try (QueryCursor<Cache.Entry<Long, Stock>> cursor = inventory.query(
                new ScanQuery<Long, Stock>((k, v) -> share(v.available(), servers) > 0 && v.reserve() > 0)
                    .setPartition(fillNext))) {
                for (Cache.Entry<Long, Stock> e : cursor) {
                    if (sliceLow(e.getKey(), e.getValue(), lane, servers)) {
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
