package gridshop.catalog;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every value of a cache, read partition by partition by several threads (each partition from its primary
 * node), handed out through one iterator. Reading and deserializing a million products is most of filling the
 * catalog index; one reader leaves the other core idle.
 */
final class PartitionScan<V> implements Iterator<V> {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionScan.class);
    private static final Object DONE = new Object();

    private static final int QUEUED = 16_384;

    private final BlockingQueue<Object> values;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final int readers;
    private int finished;
    private Object next;

    PartitionScan(Ignite ignite, String cacheName, int readers) {
        this(ignite, cacheName, readers, QUEUED);
    }

    /** {@code queued}: how many values the readers may be ahead of the iterator. */
    PartitionScan(Ignite ignite, String cacheName, int readers, int queued) {
        values = new ArrayBlockingQueue<>(queued);
        IgniteCache<Object, V> cache = ignite.cache(cacheName);
        int partitions = ignite.affinity(cacheName).partitions();
        AtomicInteger nextPartition = new AtomicInteger();
        this.readers = readers;
        // Partitions lost with both copies cannot be read (their keys answer 503 until they are reloaded, and a
        // reload has every node read its index again): the others are, so a node can join a side that keeps them lost.
        Set<Integer> lost = Set.copyOf(cache.lostPartitions());
        if (!lost.isEmpty()) {
            LOG.warn("Catalog scan leaves out lost partitions until they are reloaded [cache={}, lost={}]", cacheName, lost.size());
        }
        for (int r = 0; r < readers; r++) {
            Thread t = new Thread(() -> read(cache, partitions, nextPartition, lost), "gridshop-index-scan-" + r);
            t.setDaemon(true);
            t.start();
        }
    }

    private void read(IgniteCache<Object, V> cache, int partitions, AtomicInteger nextPartition, Set<Integer> lost) {
        try {
            for (int p = nextPartition.getAndIncrement(); p < partitions; p = nextPartition.getAndIncrement()) {
                if (lost.contains(p)) {
                    continue;
                }
                ScanQuery<Object, V> q = new ScanQuery<>();
                q.setPartition(p);
                q.setPageSize(4096);
                try (QueryCursor<Cache.Entry<Object, V>> cursor = cache.query(q)) {
                    for (Cache.Entry<Object, V> e : cursor) {
                        values.put(e.getValue());
                    }
                }
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new IllegalStateException("catalog scan interrupted", e));
        } finally {
            done();
        }
    }

    /**
     * Says this reader is done, waiting for room if the iterator is behind: a reader that ends while the queue is
     * full must still be counted, or the iterator waits for it forever (with {@code add}, it threw "Queue full" and the
     * catalog index never filled: the node never became ready).
     */
    private void done() {
        boolean interrupted = false;
        while (true) {
            try {
                values.put(DONE);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null && finished < readers) {
            try {
                Object v = values.take();
                if (v == DONE) {
                    finished++;
                } else {
                    next = v;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("catalog scan interrupted", e);
            }
        }
        if (next == null && failure.get() != null) {
            throw failure.get();
        }
        return next != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        V v = (V) next;
        next = null;
        return v;
    }
}
