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
 * While a failure is unsettled ({@link #paused()}) the flusher and the relay send nothing at all: a write may have
 * committed alone and not be named here yet (it is named right after its commit returns).
 */
public final class HeldWrites {
    private static final Logger LOG = LoggerFactory.getLogger(HeldWrites.class);
    private final Set<JournalKey> entries = ConcurrentHashMap.newKeySet();
    /** (cache, key) of every entity the held entries name. */
    private final Set<List<Object>> entities = ConcurrentHashMap.newKeySet();
    /** Keys of entries of caches without a table written by the same transactions (the outbox). */
    private final Set<Object> side = ConcurrentHashMap.newKeySet();
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

    /** Whether senders to PostgreSQL and Kafka wait: a failure is being settled. */
    public boolean paused() {
        return unsettled.getAsBoolean();
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
            return false;
        }
        if (!unsettled.getAsBoolean() && writes.getAsBoolean()) {
            LOG.warn("Writes held back after a failure are released: this side writes [journalEntries={}, entities={}, "
                + "events={}]", entries.size(), entities.size(), side.size());
            entries.clear();
            entities.clear();
            side.clear();
            return false;
        }
        return true;
    }

    public boolean held(JournalKey key) {
        return entries.contains(key);
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

    public boolean heldSide(Object key) {
        return side.contains(key);
    }

    /** Journal entries and events held back now. */
    public int size() {
        return entries.size() + side.size();
    }
}
