package gridshop.grid.platform;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this node committed while a server node was failing, and did not acknowledge (503). Ignite finishes a
 * commit on the primary alone once a backup it waited for is seen to fail; across a cut, that is a commit on a side
 * that may be a minority, which the other side never sees. So such writes are held back from PostgreSQL, Kafka and
 * the spill until the node knows its side writes (the hold after the failure has passed with a majority, or ops
 * confirmed the topology): then they go on as any write. A node that stops before that leaves them out of its spill,
 * and they end with it: a cut-off side's grid is discarded when its nodes restart into the others.
 * <p>
 * Until a transaction has been checked after its commit, its journal entries and side entries count as held too
 * ({@link #committing}): the flusher or relay must not send them in the moment between the commit and the check.
 * <p>
 * Node-local: it covers the entries this node holds as primary (a shopper's writes run on their session's primary, so
 * their rows are here). A held transaction's entries on another node of the same side (clusters of four or more,
 * rows of another node's stock) are not held there.
 */
public final class HeldWrites {
    private static final Logger LOG = LoggerFactory.getLogger(HeldWrites.class);
    private final Set<JournalKey> entries = ConcurrentHashMap.newKeySet();
    /** (cache, key) of every entity the held entries name. */
    private final Set<List<Object>> entities = ConcurrentHashMap.newKeySet();
    /** Keys of entries of caches without a table written by the same transactions (the outbox). */
    private final Set<Object> side = ConcurrentHashMap.newKeySet();
    /** Entries of transactions between their commit and its check ({@link #committing}). */
    private final Set<Object> committing = ConcurrentHashMap.newKeySet();
    private volatile BooleanSupplier unsettled = () -> false;
    private volatile BooleanSupplier writes = () -> true;

    /**
     * {@code unsettled}: a server node failed moments ago (or the grid saw a departure the node has not handled);
     * {@code writes}: this side may write (not a minority).
     */
    public void bind(BooleanSupplier unsettled, BooleanSupplier writes) {
        this.unsettled = unsettled;
        this.writes = writes;
    }

    /** Entries of a transaction about to commit: held until {@link #checked} (journal keys and side keys alike). */
    void committing(Collection<?> keys) {
        committing.addAll(keys);
    }

    void checked(Collection<?> keys) {
        committing.removeAll(keys);
    }

    void hold(Collection<JournalKey> keys, Collection<List<Object>> named, Collection<Object> sideKeys) {
        entries.addAll(keys);
        entities.addAll(named);
        side.addAll(sideKeys);
    }

    /**
     * Whether writes are held back now. Releases them all first if the side is known to write: the failure settled
     * and this side is a majority (or ops confirmed it).
     */
    public boolean holding() {
        if (entries.isEmpty() && side.isEmpty()) {
            return !committing.isEmpty();
        }
        if (!unsettled.getAsBoolean() && writes.getAsBoolean()) {
            LOG.warn("Writes held back after a failure are released: this side writes [journalEntries={}, entities={}, "
                + "events={}]", entries.size(), entities.size(), side.size());
            entries.clear();
            entities.clear();
            side.clear();
            return !committing.isEmpty();
        }
        return true;
    }

    public boolean held(JournalKey key) {
        return entries.contains(key) || committing.contains(key);
    }

    /** Whether the entry names an entity a held entry names too (its value in the grid is the held write's). */
    public boolean namesHeld(JournalEntry entry) {
        if (entities.isEmpty()) {
            return false;
        }
        for (int i = 0; i < entry.size(); i++) {
            if (entities.contains(List.of(entry.cache(i), entry.key(i)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a held write changed this entity (its value in the grid is a held write's). */
    public boolean changed(String cache, Object key) {
        return !entities.isEmpty() && entities.contains(List.of(cache, key));
    }

    public boolean heldSide(Object key) {
        return side.contains(key) || committing.contains(key);
    }

    /** Journal entries and events held back now. */
    public int size() {
        return entries.size() + side.size();
    }
}
