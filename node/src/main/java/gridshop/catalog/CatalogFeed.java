package gridshop.catalog;

import gridshop.catalog.index.CatalogIndex;
import gridshop.catalog.index.CatalogProperties;
import gridshop.grid.catalog.InventoryCache;
import gridshop.stock.Escrow;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.catalog.Stock;
import gridshop.grid.catalog.SynonymCache;
import gridshop.grid.catalog.SynonymSet;
import gridshop.grid.platform.MetaCache;
import gridshop.catalog.index.Synonyms;
import gridshop.platform.BackgroundLoop;
import gridshop.platform.GridMode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@link CatalogIndex} equal to the product, inventory and synonym caches: one continuous query per
 * cache, whose listener receives every change from any node, registered before the cache's current state is
 * read into the index (by two threads, partition by partition); a change seen twice is harmless (the index
 * keeps the newest version). Changes are applied in batches on one thread, so a burst of price changes costs one patch of each
 * touched category, and a burst of sales one pass over the stock array.
 *
 * <p>The index's only writer: a node's own writes (a merchant's change, a checkout's stock) come in through
 * {@link #wroteProducts}, {@link #wroteStock}, {@link #sold} and {@link #wroteSynonyms} so the writer reads them here at
 * once, before the feed brings them; no other class changes the index ({@code ArchitectureTest}).
 */
@GridMode
@Singleton
public final class CatalogFeed implements BackgroundLoop {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogFeed.class);
    private static final int MAX_BATCH = 10_000;
    private static final int SCAN_READERS = 2;
    /**
     * How a primary node sends its changes to each listening node: buffered, one message per {@code feedBatch} (or per
     * {@code BATCH_SIZE} changes) instead of one per change. Every node listens, so unbatched each stock change of a
     * checkout cost a message to every other node and a checkout's work grew with the cluster; batched, a node sends
     * each other node a few messages a second whatever the write rate. Well within the 1 s a price change may take to
     * reach every node.
     */
    private static final int BATCH_SIZE = 512;
    private static final int REGISTER_ATTEMPTS = 10;
    private static final long REGISTER_PAUSE_MS = 500;
    /** When after a node left or joined this node reads the catalog again (as the exchange and rebalancing settle). */
    private static final long[] RECONCILE_AFTER_MS = {2_000, 10_000, 30_000};

    private final Ignite ignite;
    private final CatalogIndex index;
    private final BlockingQueue<Object> changes = new LinkedBlockingQueue<>();
    private final List<QueryCursor<?>> cursors = new CopyOnWriteArrayList<>();
    private volatile Thread applier;
    /** The last reload of lost partitions this node's index has taken in ({@link MetaCache#PARTITIONS_RELOADED}). */
    private volatile String reloadSeen;
    /** Topology changes seen (each schedules its reads), and reads scheduled but not yet done. */
    private final AtomicLong topologyChanges = new AtomicLong();
    private final AtomicInteger scheduled = new AtomicInteger();
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gridshop-catalog-reconcile");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private final Duration feedBatch;
    private final Escrow escrow;
    /** The primary of each partition of the followed caches when last looked (the reconciler's thread only). */
    private List<Object> primariesSeen;
    /** Reads of the whole catalog after the first fill (a node left or joined, primaries moved, a reload). */
    private final AtomicLong rereads = new AtomicLong();
    private final MeterRegistry meters;

    CatalogFeed(Ignite ignite, CatalogIndex index, CatalogProperties props, Escrow escrow, MeterRegistry meters) {
        io.micrometer.core.instrument.FunctionCounter.builder("gridshop.catalog.index.rereads", rereads, AtomicLong::get)
            .description("Reads of the whole catalog into this node's index after its first fill (a node left or joined, "
                + "the primaries of its partitions moved, lost partitions were reloaded), each a scan of every product")
            .register(meters);
        this.meters = meters;
        this.escrow = escrow;
        this.ignite = ignite;
        this.index = index;
        this.feedBatch = props.feedBatch() == null ? Duration.ZERO : props.feedBatch();
    }

    /** Fills the index from the whole catalog and its stock (blocking), then follows changes in the background. */
    public void start() {
        long t0 = System.nanoTime();
        follow(ProductCache.NAME, index::apply);
        long t1 = System.nanoTime();
        follow(InventoryCache.NAME, index::stock);
        long t2 = System.nanoTime();
        follow(SynonymCache.NAME, this::synonyms);
        LOG.info("Catalog index filled [products={}, productsMs={}, stockMs={}, synonymGroups={}]", index.size(),
            (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, index.synonyms().groups().size());
        reloadSeen = ignite.<String, String>cache(MetaCache.NAME).get(MetaCache.PARTITIONS_RELOADED);
        reconciler.scheduleWithFixedDelay(this::afterReload, 1, 1, TimeUnit.SECONDS);
        reconciler.execute(() -> primariesSeen = primaries());
        reconciler.scheduleWithFixedDelay(this::afterPrimariesMoved, 1, 1, TimeUnit.SECONDS);
        Thread t = new Thread(this::applyChanges, "gridshop-catalog-index");
        t.setDaemon(true);
        applier = t;
        t.start();
        ignite.events().localListen(e -> {
            reconcileSoon("node-left");
            return true;
        }, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
        ignite.events().localListen(e -> {
            ClusterNode joined = ((DiscoveryEvent) e).eventNode();
            if (!closed && !joined.isClient() && !joined.isLocal()) {
                index.current(false);
                reconciler.execute(() -> reconcileOncePrimary(joined, System.nanoTime()));
            }
            return true;
        }, EventType.EVT_NODE_JOINED);
    }

    /**
     * A node that joins becomes primary for its partitions only once it holds them (Ignite switches the primaries when
     * rebalancing is done), and a change made to such a partition around the switch may reach this node's index from
     * neither the old primary nor the new one: the fault schedule saw one node's index keep two stock levels about 300
     * units behind after a node rejoined. So once the newcomer is primary for partitions of both followed caches,
     * this node reads the catalog again, as after a departure. Checked every second, for at most ten minutes.
     */
    private void reconcileOncePrimary(ClusterNode joined, long since) {
        if (closed) {
            return;
        }
        boolean primary = ignite.affinity(ProductCache.NAME).primaryPartitions(joined).length > 0
            && ignite.affinity(InventoryCache.NAME).primaryPartitions(joined).length > 0;
        boolean gone = ignite.cluster().node(joined.id()) == null;
        if (primary || gone) {
            reconcileSoon("node-joined");
        } else if (System.nanoTime() - since < TimeUnit.MINUTES.toNanos(10)) {
            reconciler.schedule(() -> reconcileOncePrimary(joined, since), 1, TimeUnit.SECONDS);
        } else {
            LOG.warn("A node that joined is still primary for nothing after 10 minutes; reading the catalog again anyway "
                + "[node={}]", joined.consistentId());
            reconcileSoon("node-joined");
        }
    }

    /**
     * A change made to a partition while its primary moves may reach this node's index from neither the old primary
     * nor the new one, and primaries move later than the topology changes (Ignite hands a partition to its new primary
     * once rebalancing is done): on a node that has just joined, for its own partitions, and on every node when a
     * departure's rebalancing ends. Neither is a discovery event. So the primaries of the followed caches are looked at
     * every second, and when any moved the catalog is read again as after a departure ({@link #reconcileSoon}).
     */
    private void afterPrimariesMoved() {
        try {
            List<Object> now = primaries();
            if (closed || now.equals(primariesSeen)) {
                return;
            }
            primariesSeen = now;
            LOG.info("Primaries of catalog partitions moved; reading the catalog again in 2, 10 and 30 s "
                + "[topologyVersion={}]", ignite.cluster().topologyVersion());
            reconcileSoon("primaries-moved");
        } catch (RuntimeException e) {
            LOG.warn("Looking at the catalog's primaries failed; looking again in 1 s [error={}]", e.toString());
        }
    }

    /** Each partition's primary node id (null for none) in the product cache, then in the inventory cache. */
    private List<Object> primaries() {
        List<Object> out = new ArrayList<>();
        for (String cache : List.of(ProductCache.NAME, InventoryCache.NAME)) {
            org.apache.ignite.cache.affinity.Affinity<Object> affinity = ignite.affinity(cache);
            for (int p = 0; p < affinity.partitions(); p++) {
                ClusterNode primary = affinity.mapPartitionToNode(p);
                out.add(primary == null ? null : primary.id());
            }
        }
        return out;
    }

    /**
     * A node that leaves or fails may take with it changes its primaries had not yet sent to this node (buffered for
     * the next batch, or in flight), and around a join the primaries move: the fault schedule saw one node's index keep
     * a stock level 1,461 units behind after a kill -9, and 85 to 332 units behind after a node rejoined, with no later
     * event to set it right. So after each change of the topology this node reads the catalog and stock again, three
     * times (2, 10 and 30 s after, as the exchange and rebalancing settle); the index keeps the newer version of each,
     * so a read undoes nothing. Until the last of them has read, the index is not {@linkplain CatalogIndex#current()
     * current}. Changes close together share their reads.
     */
    private void reconcileSoon(String cause) {
        io.micrometer.core.instrument.Counter.builder("gridshop.catalog.index.reconciles").tag("cause", cause)
            .description("Times this node decided to read the whole catalog again (2, 10 and 30 s later), by cause")
            .register(meters).increment();
        index.current(false);
        if (closed) {
            return;
        }
        long generation = topologyChanges.incrementAndGet();
        for (long delay : RECONCILE_AFTER_MS) {
            scheduled.incrementAndGet();
            reconciler.schedule(() -> reconcileScheduled(generation, delay), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void reconcileScheduled(long generation, long delay) {
        try {
            // A later change scheduled reads of its own at the same delays: this one is covered by them.
            if (generation == topologyChanges.get() || delay == RECONCILE_AFTER_MS[0]) {
                read();
            }
        } catch (RuntimeException e) {
            LOG.warn("Catalog index read after a node left or joined failed; trying again [error={}]", e.toString());
            reconcileSoon("read-failed");
        } finally {
            if (scheduled.decrementAndGet() == 0 && generation == topologyChanges.get()) {
                index.current(true);
            }
        }
    }

    /**
     * Reads the whole catalog and its stock once more, once this node holds its partitions. A node that joins a
     * cluster fills its index while the partition exchange and rebalancing move partitions to it: a change made to
     * such a partition in that window reached neither that first read nor the continuous query (JoinWhileWritingTest
     * saw a product keep its old price on the new node). The index keeps the newer version of each product and stock
     * level, so this read takes in what was missed and undoes nothing.
     */
    public void reconcile() {
        read();
        if (scheduled.get() == 0) {
            index.current(true);
        }
    }

    /**
     * Lost partitions reloaded from PostgreSQL hold PostgreSQL's rows, which may be older than what this index took in
     * before the loss (a price or stock level written and then lost with both copies): the index's version check would
     * keep those values for ever, and checkout copies prices from the index. So once a reload is announced, the whole
     * catalog and its stock are read again taking any other version, then once more the usual way (a change that
     * read overtook is taken in again). Checked every second.
     */
    private void afterReload() {
        try {
            String now = ignite.<String, String>cache(MetaCache.NAME).get(MetaCache.PARTITIONS_RELOADED);
            if (closed || now == null || now.equals(reloadSeen)) {
                return;
            }
            long t0 = System.nanoTime();
            rereads.incrementAndGet();
            try (PartitionScan.Source<Product> products = scan(ProductCache.NAME);
                 PartitionScan.Source<Stock> stock = scan(InventoryCache.NAME)) {
                index.replace(products);
                index.replaceStock(stock);
            }
            reloadSeen = now;
            LOG.info("Catalog index read again after lost partitions were reloaded from PostgreSQL, older versions taken "
                + "too [products={}, ms={}]", index.size(), (System.nanoTime() - t0) / 1_000_000);
            reconcileSoon("reload");
        } catch (RuntimeException e) {
            LOG.warn("Catalog index read after a reload of lost partitions failed; trying again [error={}]", e.toString());
        }
    }

    private void read() {
        rereads.incrementAndGet();
        long t0 = System.nanoTime();
        try (PartitionScan.Source<Product> products = scan(ProductCache.NAME);
             PartitionScan.Source<Stock> stock = scan(InventoryCache.NAME);
             PartitionScan.Source<SynonymSet> sets = scan(SynonymCache.NAME)) {
            index.apply(products);
            index.stock(stock);
            synonyms(sets);
        }
        LOG.info("Catalog index read again after the topology or its primaries changed [products={}, ms={}]", index.size(),
            (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Registers a continuous query first, then reads the cache's current state: a change made while the state is
     * read is either in what is read or delivered as an event afterwards (or both, which the index's version
     * check makes harmless), so nothing falls in between.
     */
    private <V> void follow(String cache, Consumer<Iterable<V>> fill) {
        ContinuousQuery<Object, V> q = new ContinuousQuery<>();
        if (!feedBatch.isZero()) {
            q.setTimeInterval(feedBatch.toMillis());
            q.setPageSize(BATCH_SIZE);
        }
        q.setLocalListener(events -> events.forEach(e -> {
            if (e.getValue() != null) {
                changes.add(e.getValue());
            }
        }));
        cursors.add(register(cache, q));
        try (PartitionScan.Source<V> values = scan(cache)) {
            fill.accept(values);
        }
    }

    /**
     * Registers the continuous query, again after a pause when Ignite refuses it for a topology version it has already
     * left behind: two nodes that join at once can have their exchanges merged, so the version between them has no
     * affinity, and a query registered at that moment fails ("too old topology version … out of history"). The next
     * attempt registers at the current version. Any other refusal, or this one {@value #REGISTER_ATTEMPTS} times, fails
     * the start-up as before.
     */
    private <V> QueryCursor<?> register(String cache, ContinuousQuery<Object, V> q) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ignite.<Object, V>cache(cache).query(q);
            } catch (javax.cache.CacheException e) {
                if (attempt == REGISTER_ATTEMPTS || !passedTopology(e)) {
                    throw e;
                }
                LOG.warn("Following {} was refused at a topology version the grid has passed (nodes joining at once); "
                    + "registering again [attempt={}, topologyVersion={}, error={}]", cache, attempt,
                    ignite.cluster().topologyVersion(), e.getMessage());
                try {
                    Thread.sleep(REGISTER_PAUSE_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean passedTopology(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("too old topology version")) {
                return true;
            }
        }
        return false;
    }

    /** Takes in synonym sets (the newest version wins, as for products): searches use them from the next snapshot on. */
    private void synonyms(Iterable<SynonymSet> sets) {
        for (SynonymSet s : sets) {
            index.synonyms(new Synonyms(s.groups()), s.version());
        }
    }

    /** Products this node just wrote: in its index at once (the others take them from the feed; a newer version wins). */
    public void wroteProducts(List<Product> written) {
        index.apply(written);
    }

    /** Stock levels this node just wrote (a merchant's count, a checkout's rows): in its index at once. */
    public void wroteStock(List<Stock> written) {
        index.stock(written);
    }

    /** Units this node just sold from its lanes (escrow): the rows change only at the next settle, the index now. */
    public void sold(Map<Long, Integer> units) {
        index.sold(units);
    }

    /** A synonym set this node just wrote: its searches use it from the next snapshot on. */
    public void wroteSynonyms(SynonymSet written) {
        synonyms(List.of(written));
    }

    /**
     * The cache's entries on this node, read partition by partition (a new scan each time it is iterated); closing it
     * stops the scans' readers, also when the caller stopped iterating part-way.
     */
    private <V> PartitionScan.Source<V> scan(String cache) {
        return new PartitionScan.Source<>(ignite, cache, SCAN_READERS);
    }

    private void applyChanges() {
        List<Object> batch = new ArrayList<>();
        List<Product> products = new ArrayList<>();
        List<Stock> stock = new ArrayList<>();
        List<SynonymSet> synonymSets = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(changes.take());
                changes.drainTo(batch, MAX_BATCH);
                for (Object o : batch) {
                    if (o instanceof Product p) {
                        products.add(p);
                    } else if (o instanceof SynonymSet s) {
                        synonymSets.add(s);
                    } else {
                        stock.add((Stock) o);
                    }
                }
                long t0 = System.nanoTime();
                index.apply(products);
                index.stock(stock);
                escrow.levels(stock);
                synonyms(synonymSets);
                LOG.debug("Catalog index updated [products={}, stock={}, us={}]", products.size(), stock.size(),
                    (System.nanoTime() - t0) / 1000);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                // Everything is caught: the feed goes on with the next batch rather than leave the index frozen, and
                // reads the catalog again for what the failed batch held.
                LOG.error("Catalog index update failed; reading the catalog again for {} change(s)", batch.size(), e);
                reconcileSoon("feed-failed");
            } finally {
                batch.clear();
                products.clear();
                stock.clear();
                synonymSets.clear();
            }
        }
    }

    @Override
    public String name() {
        return "catalog index feed";
    }

    /** Once started, its applier thread must be running. */
    @Override
    public boolean alive() {
        Thread t = applier;
        return t == null || t.isAlive() || closed;
    }

    @PreDestroy
    void close() {
        closed = true;
        reconciler.shutdownNow();
        Thread t = applier;
        if (t != null) {
            t.interrupt();
        }
        for (QueryCursor<?> c : cursors) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the catalog feed", e);
            }
        }
    }
}
