package gridshop.grid.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.affinity.Affinity;

/**
 * Every durable grid write goes through here. A transaction writes its entities through a {@link Writes}
 * and, before it commits, one journal entry per partition it wrote, naming that partition's entities and
 * stored in that partition: entities and entries commit together, on primary and backup, or not at all.
 * <p>
 * Colocation is what makes an entry safe to act on. A node applies its share of a transaction in the order
 * the writes were made, entities first, entry last; so a flusher that sees an entry on its primary also sees
 * the entities it names, in the same local copy. One entry per transaction and partition, instead of one
 * marker per entity, keeps a checkout at two or three journal writes instead of ten; and since no transaction
 * writes an entry again after its own, the flusher can clear flushed entries without a transaction.
 */
public final class WriteJournal {
    private final Ignite ignite;
    private final IgniteCache<JournalKey, JournalEntry> journal;
    private final Affinity<Object> affinity;
    private final UUID writer;
    private final AtomicLong sequence = new AtomicLong();
    private final HeldWrites held = new HeldWrites();
    /** The writes of the transaction this thread runs through {@link #writes()}, until {@link Writes#done()}. */
    private static final ThreadLocal<Writes> CURRENT = new ThreadLocal<>();

    /** One unflushed write named by a journal entry: its cache, the entity's key, and when it committed. */
    @FunctionalInterface
    public interface PendingWrite {
        void visit(String cache, Object key, long writtenAt);
    }

    /** Visits every write named by the journal entries this node holds as primary: what it has yet to flush. */
    public static void forEachLocalPending(Ignite ignite, PendingWrite visitor) {
        IgniteCache<JournalKey, JournalEntry> journal = ignite.cache(WriteJournalCache.NAME);
        for (javax.cache.Cache.Entry<JournalKey, JournalEntry> e : journal.localEntries(
                org.apache.ignite.cache.CachePeekMode.PRIMARY)) {
            JournalEntry entry = e.getValue();
            for (int i = 0; i < entry.size(); i++) {
                visitor.visit(entry.cache(i), entry.key(i), entry.writtenAt());
            }
        }
    }

    public WriteJournal(Ignite ignite) {
        this.ignite = ignite;
        this.journal = ignite.cache(WriteJournalCache.NAME);
        // Every durable cache has the same affinity function and partition count (DurableCaches), so an affinity
        // key's partition here is the entity's partition in its own cache.
        this.affinity = ignite.affinity(WriteJournalCache.NAME);
        this.writer = ignite.cluster().localNode().id();
    }

    /**
     * The writes of the current transaction, to be {@linkplain Writes#record() recorded} before it commits, and
     * {@linkplain Writes#done() done} with when it ends.
     */
    public Writes writes() {
        if (ignite.transactions().tx() == null) {
            throw new IllegalStateException("durable writes outside a transaction");
        }
        Writes w = new Writes();
        CURRENT.set(w);
        return w;
    }

    /** What this node holds back after a failure ({@link HeldWrites}). */
    public HeldWrites held() {
        return held;
    }

    /**
     * An entry of a cache without a table (the outbox) written by the transaction this thread runs through
     * {@link #writes()}, if any: it is held back with the transaction's journal entries should they be.
     */
    public static void sideWritten(Object key) {
        Writes w = CURRENT.get();
        if (w != null) {
            w.side(key);
        }
    }

    public final class Writes {
        private final Map<Integer, Partition> partitions = new LinkedHashMap<>();
        private final List<JournalKey> recorded = new ArrayList<>();
        private final List<Object> sideKeys = new ArrayList<>();

        private Writes() {
        }

        /** Writes an entity whose key is its own affinity key. */
        public <K, V> void put(IgniteCache<K, V> cache, K key, V value) {
            put(cache, key, key, value);
        }

        /** Writes an entity whose affinity key is {@code affinityKey}. */
        public <K, V> void put(IgniteCache<K, V> cache, K key, Object affinityKey, V value) {
            cache.put(key, value);
            written(cache.getName(), key, affinityKey);
        }

        /**
         * Writes several entities of one cache, whose keys are their own affinity keys, in one step, locked in
         * the map's order (keep one order in every transaction, so that two never wait for each other).
         */
        public <K, V> void putAll(IgniteCache<K, V> cache, SortedMap<K, V> values) {
            putAll(cache, values, k -> k);
        }

        /** As {@link #putAll(IgniteCache, SortedMap)}, for keys whose affinity key is {@code affinityKey(key)}. */
        public <K, V> void putAll(IgniteCache<K, V> cache, SortedMap<K, V> values, Function<K, Object> affinityKey) {
            if (values.isEmpty()) {
                return;
            }
            cache.putAll(values);
            values.keySet().forEach(k -> written(cache.getName(), k, affinityKey.apply(k)));
        }

        private void written(String cache, Object key, Object affinityKey) {
            Partition p = partitions.computeIfAbsent(affinity.partition(affinityKey), n -> new Partition(affinityKey));
            p.caches.add(cache);
            p.keys.add(key);
        }

        /** Puts the journal entries for everything written; a transaction that wrote nothing records nothing. */
        public void record() {
            if (partitions.isEmpty()) {
                return;
            }
            SortedMap<JournalKey, JournalEntry> entries = new TreeMap<>();
            partitions.values().forEach(p -> entries.put(new JournalKey(writer, sequence.incrementAndGet(), p.affinityKey),
                new JournalEntry(p.caches, p.keys)));
            recorded.addAll(entries.keySet());
            held.committing(recorded); // before they exist: nothing sends them until the commit has been checked
            journal.putAll(entries);
        }

        private void side(Object key) {
            sideKeys.add(key);
            held.committing(List.of(key));
        }

        /**
         * This transaction committed, but maybe on this side alone (a server node failed while it committed): its
         * journal entries and side entries are held back ({@link HeldWrites}).
         */
        public int holdBack() {
            List<List<Object>> named = new ArrayList<>();
            partitions.values().forEach(p -> {
                for (int i = 0; i < p.keys.size(); i++) {
                    named.add(List.of(p.caches.get(i), p.keys.get(i)));
                }
            });
            held.hold(recorded, named, sideKeys);
            return recorded.size() + sideKeys.size();
        }

        /**
         * The transaction has ended and its commit has been checked (held back or not): its entries go on as they are,
         * and side writes on this thread are no longer its.
         */
        public void done() {
            held.checked(recorded);
            held.checked(sideKeys);
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
        }
    }

    private static final class Partition {
        final Object affinityKey;
        final List<String> caches = new ArrayList<>();
        final List<Object> keys = new ArrayList<>();

        Partition(Object affinityKey) {
            this.affinityKey = affinityKey;
        }
    }
}
