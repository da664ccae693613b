package gridshop.persistence.writebehind;

import gridshop.grid.platform.JournalEntry;
import gridshop.grid.platform.JournalKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgniteFuture;
import org.apache.ignite.lang.IgniteRunnable;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes flushed entries out of the write journal on the nodes that hold a copy of them, and only there. Ignite's
 * {@code clearAll(keys)} sends every key to every server node, each of which looks each key up: with N nodes each
 * flushing its own primaries, a flushed write cost N lookups, and each node's share of the work grew with the cluster
 * (the flight recordings of the scale-out, docs/benchmarks.md: the management pool's clear jobs took 3.6 % of a
 * shopper request's node CPU on two nodes, 5.2 % on three). Here this node (the keys' primary) clears its own copies
 * at once, and each backup gets one job with its keys. A job that fails (its node left, or does not know this class
 * yet in a rolling upgrade) falls back to {@code clearAll} for its keys; a copy that survives anyway (a partition
 * moving while it is cleared) is flushed once more, which the upsert's version guard makes harmless.
 */
final class JournalClear {
    private static final Logger LOG = LoggerFactory.getLogger(JournalClear.class);
    private final Ignite ignite;
    private final IgniteCache<JournalKey, JournalEntry> journal;

    JournalClear(Ignite ignite, IgniteCache<JournalKey, JournalEntry> journal) {
        this.ignite = ignite;
        this.journal = journal;
    }

    void clear(Set<JournalKey> keys) {
        Affinity<JournalKey> affinity = ignite.affinity(journal.getName());
        Map<ClusterNode, Set<JournalKey>> byNode = new HashMap<>();
        for (JournalKey key : keys) {
            for (ClusterNode node : affinity.mapKeyToPrimaryAndBackups(key)) {
                byNode.computeIfAbsent(node, n -> new HashSet<>()).add(key);
            }
        }
        List<Map.Entry<Set<JournalKey>, IgniteFuture<Void>>> sent = new ArrayList<>();
        List<JournalKey> again = new ArrayList<>();
        Set<JournalKey> own = Set.of();
        for (Map.Entry<ClusterNode, Set<JournalKey>> e : byNode.entrySet()) {
            if (e.getKey().isLocal()) {
                own = e.getValue();
                continue;
            }
            try {
                sent.add(Map.entry(e.getValue(), ignite.compute(ignite.cluster().forNode(e.getKey()))
                    .runAsync(new LocalClear(journal.getName(), e.getValue()))));
            } catch (RuntimeException failed) {
                again.addAll(e.getValue());
            }
        }
        journal.localClearAll(own);
        for (Map.Entry<Set<JournalKey>, IgniteFuture<Void>> s : sent) {
            try {
                s.getValue().get();
            } catch (RuntimeException failed) {
                again.addAll(s.getKey());
                LOG.debug("Clearing flushed journal entries on their backup failed; clearing them everywhere [keys={}, error={}]",
                    s.getKey().size(), failed.toString());
            }
        }
        if (!again.isEmpty()) {
            journal.clearAll(new HashSet<>(again));
        }
    }

    /** Run on a backup: clears the given journal entries' copies held there. */
    private static final class LocalClear implements IgniteRunnable {
        private static final long serialVersionUID = 1L;
        private final String cache;
        private final Set<JournalKey> keys;
        @IgniteInstanceResource
        private transient Ignite ignite;

        LocalClear(String cache, Set<JournalKey> keys) {
            this.cache = cache;
            this.keys = keys;
        }

        @Override
        public void run() {
            ignite.<JournalKey, Object>cache(cache).localClearAll(keys);
        }
    }
}
