package gridshop.catalog;

import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.catalog.Stock;
import gridshop.platform.GridMode;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@link CatalogIndex} equal to the product and inventory caches: one continuous query per
 * cache, whose initial scan fills the index and whose listener receives every later change, from any node.
 * Ignite guarantees no gap between the two; a change seen twice is harmless (the index keeps the newest
 * version). Changes are applied in batches on one thread, so a burst of price changes costs one patch of each
 * touched category, and a burst of sales one pass over the stock array.
 */
@GridMode
@Singleton
public final class CatalogFeed {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogFeed.class);
    private static final int MAX_BATCH = 10_000;

    private final Ignite ignite;
    private final CatalogIndex index;
    private final BlockingQueue<Object> changes = new LinkedBlockingQueue<>();
    private final List<QueryCursor<?>> cursors = new CopyOnWriteArrayList<>();
    private volatile Thread applier;

    CatalogFeed(Ignite ignite, CatalogIndex index) {
        this.ignite = ignite;
        this.index = index;
    }

    /** Fills the index from the whole catalog and its stock (blocking), then follows changes in the background. */
    public void start() {
        long t0 = System.nanoTime();
        follow(ProductCache.NAME, index::apply);
        long t1 = System.nanoTime();
        follow(InventoryCache.NAME, index::stock);
        LOG.info("Catalog index filled [products={}, productsMs={}, stockMs={}]", index.size(), (t1 - t0) / 1_000_000,
            (System.nanoTime() - t1) / 1_000_000);
        Thread t = new Thread(this::applyChanges, "gridshop-catalog-index");
        t.setDaemon(true);
        applier = t;
        t.start();
    }

    private <V> void follow(String cache, Consumer<Iterable<V>> fill) {
        ContinuousQuery<Long, V> q = new ContinuousQuery<>();
        ScanQuery<Long, V> all = new ScanQuery<>();
        all.setPageSize(4096);
        q.setInitialQuery(all);
        q.setLocalListener(events -> events.forEach(e -> {
            if (e.getValue() != null) {
                changes.add(e.getValue());
            }
        }));
        QueryCursor<Cache.Entry<Long, V>> cursor = ignite.<Long, V>cache(cache).query(q);
        cursors.add(cursor);
        Iterator<Cache.Entry<Long, V>> it = cursor.iterator();
        fill.accept(() -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public V next() {
                return it.next().getValue();
            }
        });
    }

    private void applyChanges() {
        List<Object> batch = new ArrayList<>();
        List<Product> products = new ArrayList<>();
        List<Stock> stock = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(changes.take());
                changes.drainTo(batch, MAX_BATCH);
                for (Object o : batch) {
                    if (o instanceof Product p) {
                        products.add(p);
                    } else {
                        stock.add((Stock) o);
                    }
                }
                long t0 = System.nanoTime();
                index.apply(products);
                index.stock(stock);
                LOG.debug("Catalog index updated [products={}, stock={}, us={}]", products.size(), stock.size(),
                    (System.nanoTime() - t0) / 1000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Catalog index update failed; searches may miss {} change(s)", batch.size(), e);
            } finally {
                batch.clear();
                products.clear();
                stock.clear();
            }
        }
    }

    @PreDestroy
    void close() {
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
