package gridshop.catalog;

import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import jakarta.annotation.PreDestroy;
import gridshop.platform.GridMode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@link CatalogIndex} equal to the product cache: a continuous query whose initial scan
 * fills the index and whose listener receives every later change, from any node. Ignite guarantees no gap
 * between the two; a change seen twice is harmless (the index keeps the newest version). Changes are applied
 * in batches on one thread, so a burst of price changes costs one rebuild of each touched category.
 */
@GridMode
@Singleton
public final class CatalogFeed {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogFeed.class);
    private static final int MAX_BATCH = 10_000;

    private final Ignite ignite;
    private final CatalogIndex index;
    private final BlockingQueue<Product> changes = new LinkedBlockingQueue<>();
    private volatile QueryCursor<Cache.Entry<Long, Product>> cursor;
    private volatile Thread applier;

    CatalogFeed(Ignite ignite, CatalogIndex index) {
        this.ignite = ignite;
        this.index = index;
    }

    /** Fills the index from the whole catalog (blocking), then follows changes in the background. */
    public void start() {
        long t0 = System.nanoTime();
        ContinuousQuery<Long, Product> q = new ContinuousQuery<>();
        ScanQuery<Long, Product> all = new ScanQuery<>();
        all.setPageSize(4096);
        q.setInitialQuery(all);
        q.setLocalListener(events -> events.forEach(e -> {
            if (e.getValue() != null) {
                changes.add(e.getValue());
            }
        }));
        cursor = ignite.<Long, Product>cache(ProductCache.NAME).query(q);
        Iterator<Cache.Entry<Long, Product>> it = cursor.iterator();
        index.apply(() -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Product next() {
                return it.next().getValue();
            }
        });
        LOG.info("Catalog index filled [products={}, ms={}]", index.size(), (System.nanoTime() - t0) / 1_000_000);
        Thread t = new Thread(this::follow, "gridshop-catalog-index");
        t.setDaemon(true);
        applier = t;
        t.start();
    }

    private void follow() {
        List<Product> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(changes.take());
                changes.drainTo(batch, MAX_BATCH);
                long t0 = System.nanoTime();
                index.apply(batch);
                LOG.debug("Catalog index updated [products={}, us={}]", batch.size(), (System.nanoTime() - t0) / 1000);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Catalog index update failed; searches may miss {} change(s)", batch.size(), e);
                batch.clear();
            }
        }
    }

    @PreDestroy
    void close() {
        Thread t = applier;
        if (t != null) {
            t.interrupt();
        }
        QueryCursor<?> c = cursor;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the catalog feed", e);
            }
        }
    }
}
