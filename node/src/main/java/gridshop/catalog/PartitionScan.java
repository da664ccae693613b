package gridshop.catalog;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * catalog index; one reader leaves the other core idle. Closing it stops its readers: a caller that stops iterating
 * part-way (its index fill threw, the node stops) must close it, or they would wait for room in the queue for ever.
 */
final class PartitionScan<V> implements Iterator<V>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionScan.class);
    private static final Object DONE = new Object();

    private static final int QUEUED = 16_384;

    private final BlockingQueue<Object> values;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final java.util.List<Thread> threads = new java.util.ArrayList<>();
    private volatile boolean closed;
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
            threads.add(t);
            t.start();
        }
    }

    private void read(IgniteCache<Object, V> cache, int partitions, AtomicInteger nextPartition, Set<Integer> lost) {
        try {
            for (int p = nextPartition.getAndIncrement(); p < partitions && !closed; p = nextPartition.getAndIncrement()) {
                if (lost.contains(p)) {
                    continue;
                }
                ScanQuery<Object, V> q = new ScanQuery<>();
                q.setPartition(p);
                q.setPageSize(4096);
                try (QueryCursor<Cache.Entry<Object, V>> cursor = cache.query(q)) {
                    for (Cache.Entry<Object, V> e : cursor) {
                        if (!queue(e.getValue())) {
                            return; // closed (nobody reads any more), or interrupted (noted as the failure)
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (Error e) { // not a clean end: the iterator throws it rather than hand out part of the cache
            failure.compareAndSet(null, new IllegalStateException("catalog scan failed [error=" + e + "]", e));
            throw e;
        } finally {
            if (!closed) {
                queue(DONE);
            }
        }
    }

    /**
     * Puts a value (or a reader's {@code DONE}) in the queue, waiting for room while the iterator is behind: a reader
     * that ends while the queue is full must still say so, or the iterator waits for it for ever (with {@code add}, it
     * threw "Queue full" and the catalog index never filled: the node never became ready). False once closed.
     */
    private boolean queue(Object v) {
        boolean interrupted = false;
        try {
            while (!closed) {
                try {
                    if (values.offer(v, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (!closed) {
                        failure.compareAndSet(null, new IllegalStateException("catalog scan interrupted", e));
                        if (v != DONE) {
                            return false; // stop reading; the reader still says it is done
                        }
                    }
                }
            }
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the readers, however far they got; what they queued is dropped. */
    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        values.clear();
    }

    /**
     * Scans of one cache made as they are iterated (each iteration a new scan), all stopped when this is closed: what a
     * caller hands to code that may stop iterating part-way.
     */
    static final class Source<V> implements Iterable<V>, AutoCloseable {
        private final Ignite ignite;
        private final String cacheName;
        private final int readers;
        private final java.util.List<PartitionScan<V>> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

        Source(Ignite ignite, String cacheName, int readers) {
            this.ignite = ignite;
            this.cacheName = cacheName;
            this.readers = readers;
        }

        @Override
        public Iterator<V> iterator() {
            PartitionScan<V> scan = new PartitionScan<>(ignite, cacheName, readers);
            opened.add(scan);
            return scan;
        }

        @Override
        public void close() {
            opened.forEach(PartitionScan::close);
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
