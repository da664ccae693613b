package gridshop.persistence.deadletter;

import gridshop.grid.deadletter.DeadLetter;
import gridshop.grid.deadletter.DeadLetterCache;
import gridshop.persistence.platform.Row;
import gridshop.persistence.platform.RowWriter.Refused;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.query.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes PostgreSQL refused for good, parked in the grid (with a backup) so they block no other write and
 * survive a node's crash. A letter goes away when its entity is written after all (a retry, or a later change
 * that PostgreSQL accepts) or when an admin drops it. Thread-safe: the flusher, the Kafka relay and the admin
 * API park and settle letters at once.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private final IgniteCache<String, DeadLetter> letters;
    // Ids of the letters as last sampled: a flush looks its rows up here only while there are any.
    private volatile Set<String> known = Set.of();

    public DeadLetters(Ignite ignite) {
        this.letters = ignite.cache(DeadLetterCache.NAME);
    }

    /** Parks the rows PostgreSQL refused (a letter refused again counts one more attempt). */
    public void park(List<Refused> refused) {
        refused.forEach(r -> park(r.row().table().cache(), r.row().key(), "PostgreSQL", r.error()));
    }

    /** Parks one entry of {@code cache} that {@code refuser} (PostgreSQL, Kafka) will not take. */
    public synchronized void park(String cache, Object key, String refuser, String error) {
        Timestamp now = Timestamp.from(Instant.now());
        DeadLetter before = letters.get(DeadLetter.idOf(cache, key));
        DeadLetter letter = before == null ? new DeadLetter(cache, key, error, now, now, 1) : before.failedAgain(error, now);
        letters.put(letter.id(), letter);
        Set<String> ids = new HashSet<>(known);
        ids.add(letter.id());
        known = Set.copyOf(ids);
        LOG.error("{} refused a write; parked as a dead letter, the other writes go on [id={}, cache={}, key={}, "
            + "attempts={}, error={}]", refuser, letter.id(), cache, key, letter.attempts(), error);
    }

    /** Whether the entry is parked (as of the last sample, or parked here since). */
    public boolean parked(String cache, Object key) {
        Set<String> current = known;
        return !current.isEmpty() && current.contains(DeadLetter.idOf(cache, key));
    }

    /** Rows that reached PostgreSQL: any letter that named one of them is settled. */
    public void written(Collection<Row> rows) {
        Set<String> current = known;
        if (current.isEmpty()) {
            return;
        }
        Set<String> settled = new HashSet<>();
        for (Row r : rows) {
            String id = DeadLetter.idOf(r.table().cache(), r.key());
            if (current.contains(id)) {
                settled.add(id);
            }
        }
        if (!settled.isEmpty()) {
            settle(settled);
            LOG.info("Dead letters settled: their entities reached PostgreSQL [ids={}]", settled);
        }
    }

    /** Removes letters whose entity needs them no more (written after all, or gone from the grid). */
    public synchronized void settle(Set<String> ids) {
        letters.removeAll(ids);
        Set<String> rest = new HashSet<>(known);
        rest.removeAll(ids);
        known = Set.copyOf(rest);
    }

    /** Refreshes the ids this node knows of (every letter in the cluster; there are few). */
    public synchronized void sample() {
        if (letters.sizeLong(CachePeekMode.PRIMARY) == 0) {
            known = Set.of();
            return;
        }
        Set<String> ids = new HashSet<>();
        try (var cursor = letters.query(new ScanQuery<String, DeadLetter>())) {
            cursor.forEach(e -> ids.add(e.getKey()));
        }
        known = Set.copyOf(ids);
    }

    public int count() {
        return known.size();
    }

    /** Every letter, oldest first. */
    public List<DeadLetter> list() {
        List<DeadLetter> out = new ArrayList<>();
        try (var cursor = letters.query(new ScanQuery<String, DeadLetter>())) {
            cursor.forEach(e -> out.add(e.getValue()));
        }
        out.sort(Comparator.comparing(DeadLetter::firstFailedAt).thenComparing(DeadLetter::id));
        return out;
    }

    public DeadLetter get(String id) {
        return letters.get(id);
    }

    /** Drops a letter: its entity stays in the grid, PostgreSQL keeps what it had. */
    public boolean drop(String id) {
        DeadLetter letter = letters.getAndRemove(id);
        if (letter == null) {
            return false;
        }
        LOG.warn("Dead letter dropped by an admin; PostgreSQL keeps its older row [id={}, cache={}, key={}, error={}]",
            id, letter.cache(), letter.key(), letter.error());
        sampleQuietly();
        return true;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.debug("dead-letter sample failed", e);
        }
    }
}
