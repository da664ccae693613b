package gridshop.stock;

import gridshop.events.EventOutbox;
import gridshop.grid.catalog.SliceKey;
import gridshop.grid.catalog.Stock;
import gridshop.grid.catalog.StockSlice;
import gridshop.grid.catalog.StockSliceCache;
import gridshop.grid.platform.MetaCache;
import gridshop.grid.platform.WriteJournal;
import gridshop.platform.ApiException;
import gridshop.platform.BackgroundLoop;
import gridshop.platform.GridMode;
import gridshop.platform.GridStatus;
import gridshop.platform.GridTransactions;
import gridshop.platform.OwnerCalls;
import gridshop.platform.Readiness;
import gridshop.platform.SessionPlacement;
import gridshop.platform.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stock in escrow ({@code gridshop.stock.escrow}). Each product's {@link Stock} row lends units to lanes
 * ({@link StockSlice}, one per product and lane; lane {@code n} is partition {@code n}); each node sells from the lane
 * it is primary for ({@link Lanes}). So a checkout that finds enough units in its node's slices writes only rows of its
 * own node (the session's, and its lane's), whatever the number of nodes: no remote lock, no two-phase commit over
 * the products' primaries. Nothing is oversold: a row lends only units it holds ({@link Stock#reserve()}), a slice
 * sells only its balance, and a checkout that finds its slice short locks the rows as without escrow and calls back
 * every lane's units first ({@link #recall}). In the background, each node, every {@code settleEvery}:
 * <ul>
 *   <li>settles: counts its lanes' sales into the stock rows (units sold, revenue, the level every node shows);</li>
 *   <li>lends: tops up its lane's slices that run low (below half of a share: the level over twice the nodes);</li>
 *   <li>after a change of topology, lends to its new lane over the whole catalog and looks for sales not yet settled
 *       in the lanes it took over.</li>
 * </ul>
 * Each is one grid transaction per batch, through the journal like any business write.
 */
@GridMode
@Context
public final class Escrow implements BackgroundLoop, SessionPlacement {
    private static final Logger LOG = LoggerFactory.getLogger(Escrow.class);
    private static final Duration STALLED = Duration.ofMinutes(5);

    private final boolean enabled;
    private final Ignite ignite;
    private final IgniteCache<SliceKey, StockSlice> slices;
    private final IgniteCache<String, String> meta;
    private final Provider<GridTransactions> tx;
    private final EventOutbox events;
    private final Readiness readiness;
    private final Lanes lanes;
    private final Ticker ticker;
    private final Settles settles;
    private final Lending lending;
    private final Provider<GridStatus> status;
    private final LaneLook look = new LaneLook();
    private long readyFor = -1;
    /** False while a partition is lost or a node is not ready (a spill may still be replayed): escrow writes nothing. */
    private volatile boolean steady;
    private final Counter repaired;
    private final Counter fromLane;
    private final Counter fromRow;
    private final Counter recalledUnits;

    // The transactions come late: they need the node's status, which watches every background loop, this one too.
    Escrow(Ignite ignite, StockProperties props, Provider<GridTransactions> tx, Provider<GridStatus> status,
           EventOutbox events, Readiness readiness, MeterRegistry meters) {
        this.status = status;
        this.repaired = meters.counter("gridshop.stock.books.repaired");
        this.enabled = props.escrow();
        this.ignite = ignite;
        this.slices = ignite.cache(StockSliceCache.NAME);
        this.meta = ignite.cache(MetaCache.NAME);
        this.tx = tx;
        this.events = events;
        this.readiness = readiness;
        this.lanes = new Lanes(ignite);
        this.fromLane = meters.counter("gridshop.stock.checkout.lines", "from", "lane");
        this.fromRow = meters.counter("gridshop.stock.checkout.lines", "from", "row");
        this.settles = new Settles(ignite, tx, events, repaired, meters.counter("gridshop.stock.units", "step", "settled"));
        meters.gauge("gridshop.stock.settle.stuck", settles.stuck, Map::size);
        this.lending = new Lending(ignite, tx, lanes, meters.counter("gridshop.stock.units", "step", "lent"),
            Counter.builder("gridshop.stock.lend.skipped").description("Products asked a lend for whose slice in this "
                + "node's lane held its share already (dropped without a transaction)").register(meters));
        // A node's start (and any change of topology) fills its lane from the whole catalog in the background: with a
        // million products that is minutes of lends beside the shoppers' requests. Ops (and the benches) see it here.
        if (enabled) {
            lending.fillAhead();
        }
        Gauge.builder("gridshop.stock.lend.fill.partitions", lending, Lending::fillLeft)
            .description("Partitions of the catalog this node's lane fill has yet to read, from its start until its first "
                + "fill is over (0: no fill under way or ahead)")
            .register(meters);
        Gauge.builder("gridshop.stock.lend.wanted", lending, Lending::wanted)
            .description("Products waiting for a lend to this node's lane").register(meters);
        this.recalledUnits = meters.counter("gridshop.stock.units", "step", "recalled");
        meters.gauge("gridshop.stock.unsettled.slices", settles.unsettled, Set::size);
        // Also with escrow off: sales a lane made while it was on are still settled.
        this.ticker = new Ticker("gridshop-stock-escrow", props.settleEvery(), this::tick);
    }

    @PreDestroy
    void close() {
        ticker.close();
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * A new session goes, where it can, to a partition whose backup is the backup of this node's lane (it is created in
     * one this node is primary for): a checkout that sells from the lane then writes rows of one primary and one
     * backup, Ignite's one-phase commit, however many nodes there are. Any partition with escrow off.
     */
    @Override
    public boolean preferred(int partition) {
        if (!enabled) {
            return true;
        }
        java.util.UUID backup = lanes.homeBackup();
        List<org.apache.ignite.cluster.ClusterNode> owners = new ArrayList<>(
            ignite.affinity(StockSliceCache.NAME).mapPartitionToPrimaryAndBackups(partition));
        return backup == null || (owners.size() > 1 && owners.get(1).id().equals(backup));
    }

    /** A lane's slices were short: the checkout locks the stock rows instead (thrown before anything is written). */
    public static final class LaneShort extends RuntimeException {
        public LaneShort() {
            super(null, null, false, false);
        }
    }

    /**
     * In the caller's transaction: the slices of this node's lane with {@code wanted} units sold from each (for
     * {@code amounts}, the lines' totals), or null when escrow is off, this node has no lane, or a slice looks short
     * (nothing is locked then). Throws {@link LaneShort} when a slice is short once locked (another checkout took the
     * units in between): the caller rolls back and runs again without the lane.
     */
    public SortedMap<SliceKey, StockSlice> fromLane(SortedMap<Long, Integer> wanted, Map<Long, BigDecimal> amounts,
                                                   Timestamp now) {
        int lane = enabled && steady ? lanes.home() : -1;
        if (lane < 0) {
            return null;
        }
        SortedSet<SliceKey> keys = new TreeSet<>();
        List<Long> low = new ArrayList<>();
        wanted.forEach((id, units) -> {
            SliceKey key = new SliceKey(id, lane);
            StockSlice peeked = slices.localPeek(key, CachePeekMode.PRIMARY);
            if (peeked == null || peeked.balance() < units) {
                low.add(id);
            }
            keys.add(key);
        });
        if (!low.isEmpty()) {
            lending.want(low);
            return null;
        }
        Map<SliceKey, StockSlice> locked = slices.getAll(keys);
        SortedMap<SliceKey, StockSlice> next = new TreeMap<>();
        for (SliceKey key : keys) {
            StockSlice s = locked.get(key);
            int units = wanted.get(key.productId());
            if (s == null || s.balance() < units) {
                lending.want(key.productId());
                throw new LaneShort();
            }
            next.put(key, s.sold(units, amounts.get(key.productId()), now));
        }
        return next;
    }

    /** After the commit of a checkout that sold from this node's lane: its sales are settled on the next tick. */
    public void soldFromLane(Collection<StockSlice> sold) {
        sold.forEach(s -> {
            settles.add(s.key());
            if (s.balance() == 0) {
                lending.want(s.productId());
            }
        });
        fromLane.increment(sold.size());
    }

    /** A checkout that locked the stock rows: its products' slices in this node's lane are topped up soon. */
    public void soldFromRows(Collection<Long> products) {
        if (enabled) {
            lending.want(products);
            fromRow.increment(products.size());
        }
    }

    /**
     * Stock levels as every node's catalog feed sees them change (a merchant's count, a settle, a lend): a product
     * whose slice in this node's lane holds less than half a share while its row has units to lend is topped up soon.
     */
    public void levels(Collection<Stock> changed) {
        int lane = enabled && steady ? lanes.home() : -1;
        if (lane < 0) {
            return;
        }
        int servers = lanes.servers();
        for (Stock s : changed) {
            int share = Lending.share(s.available(), servers);
            if (share > 0 && s.reserve() > 0) {
                StockSlice held = slices.localPeek(new SliceKey(s.productId(), lane), CachePeekMode.PRIMARY);
                if (held == null || Lending.low(held.balance(), share)) {
                    lending.want(s.productId());
                }
            }
        }
    }

    /**
     * In the caller's transaction, which holds {@code row}'s lock: every lane's slice of the product is locked, its
     * sales counted into the row and its balance given back, so the row holds all its units again; returns the row so
     * changed (the caller writes it) and writes the slices.
     */
    public Stock recall(Stock row, Timestamp now, WriteJournal.Writes writes) {
        if (row == null || row.lanes() == 0) {
            return row;
        }
        SortedSet<SliceKey> keys = new TreeSet<>();
        for (int lane = 0; lane < StockSliceCache.LANES; lane++) {
            if ((row.lanes() & (1L << lane)) != 0) {
                keys.add(new SliceKey(row.productId(), lane));
            }
        }
        Map<SliceKey, StockSlice> held = slices.getAll(keys);
        SortedMap<SliceKey, StockSlice> emptied = new TreeMap<>();
        Stock next = row;
        long units = 0;
        long lanesHeld = 0;
        for (SliceKey key : keys) {
            StockSlice s = held.get(key);
            lanesHeld += s == null ? 0 : s.held();
            if (s != null && s.held() > 0) {
                next = next.settled(s.unsettledUnits(), s.unsettledRevenue(), s.balance(), now);
                units += s.unsettledUnits();
                recalledUnits.increment(s.balance());
                emptied.put(key, s.settledAndReturned(true, now));
            }
        }
        next = next.withoutLanes(row.lanes());
        if (lanesHeld != row.leased()) {
            // The row counted other units as lent than its lanes held (a fault: a copy lost with both its nodes, a
            // replay of only one side): the lanes' count wins, and it is counted and logged.
            repaired.increment();
            LOG.error("Stock books repaired: the row counted {} units as lent, its lanes held {} [product={}, lanes={}]",
                row.leased(), lanesHeld, row.productId(), Long.toBinaryString(row.lanes()));
            next = next.withLeased(0); // every lane gave back what it held
        }
        if (units > 0) {
            events.stockChanged(next, (int) -units);
        }
        // Not taken off the sets of sales to settle: this transaction may still roll back (a 409), and a settle finds
        // nothing to count in a slice this one emptied.
        writes.putAll(slices, emptied, k -> k.lane());
        return next;
    }

    private void tick() {
        if (!readiness.ready() || !steady() || status.get().writesHeld()) {
            return; // (held: a server node failed moments ago, and its writes would be refused after their locks)
        }
        long nowNanos = System.nanoTime();
        // A new topology, or a new lane (primaries move when a joining node has its partitions): lend over the whole
        // catalog to this node's lane again, and look for sales the lanes it took over did not settle (LaneLook).
        long view = ignite.cluster().topologyVersion() * StockSliceCache.LANES + lanes.home();
        lookForUnsettled(view, nowNanos);
        if (enabled) {
            lending.view(view);
        }
        settles.run();
        // No lending while PostgreSQL is behind: a lend only saves later checkouts a lock, and its writes would wait in
        // the journal beside the shoppers' (and be lost with them if both copies went).
        if (enabled && status.get().postgresWarning().isEmpty()) {
            lending.run();
        }
    }

    private void lookForUnsettled(long view, long nowNanos) {
        try {
            List<Object> seen = List.of(view, String.valueOf(meta.get(MetaCache.PARTITIONS_RELOADED)));
            int[] local = lanes.localLanes();
            if (look.due(seen, local, nowNanos)) {
                look.looking();
                if (settles.find(local)) {
                    look.done(seen, local, nowNanos);
                } else {
                    look.again();
                }
            }
        } catch (RuntimeException e) {
            look.again();
            warn("looking for unsettled sales", 0, e);
        }
    }

    /**
     * A checkout that may have sold from a lane failed before it could say so ({@link #soldFromLane}): its sale, if it
     * committed, is found by looking through the lanes on the next tick.
     */
    public void lookAgain() {
        look.again();
    }

    /**
     * No partition lost, nor reset and still waiting for its reload from PostgreSQL (its rows or slices may come back
     * older than the other side; a slice lent into a reset partition before the reload would keep the reload's older
     * slice, and the sales it holds, out: the reload never overwrites), and every server node ready (a joining node
     * replays its spill before it is ready, and a newer lend or settle would win over what the spill holds): escrow
     * writes only then, and checkouts take from lanes only then.
     */
    private boolean steady() {
        boolean lost = status.get().lostPartitions() > 0; // every durable cache's, the stock's rows and slices among them
        long topology = ignite.cluster().topologyVersion();
        if (!lost && readyFor != topology && OwnerCalls.allServersReady(ignite)) {
            readyFor = topology;
        }
        steady = !lost && readyFor == topology;
        return steady;
    }

    static <T> List<T> drain(Set<T> from, int max) {
        List<T> out = new ArrayList<>();
        for (T t : from) {
            if (out.size() == max) {
                break;
            }
            if (from.remove(t)) {
                out.add(t);
            }
        }
        return out;
    }

    static void warn(String what, int size, RuntimeException e) {
        if (e instanceof ApiException api) {
            LOG.info("Escrow paused: {} waits for writes to be admitted [rows={}, reason={}]", what, size, api.getMessage());
        } else {
            LOG.warn("Escrow step failed; the next tick tries again [step={}, rows={}, error={}]", what, size, e.toString());
        }
    }

    static Timestamp now() {
        return Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)); // as PostgreSQL keeps it
    }

    @Override
    public String name() {
        return "stock escrow";
    }

    @Override
    public boolean alive() {
        return ticker == null || ticker.beatWithin(STALLED);
    }
}
