package gridshop.persistence.writebehind;

import gridshop.grid.deadletter.DeadLetter;
import gridshop.grid.deadletter.DeadLetterCache;
import gridshop.grid.platform.HeldWrites;
import gridshop.grid.platform.JournalEntry;
import gridshop.grid.platform.JournalKey;
import gridshop.grid.platform.WriteJournalCache;
import gridshop.persistence.platform.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stopping node spills, read from its own copies (primary and backup). The entities its journal names, when
 * its final flush did not finish. The outbox entries still waiting for Kafka and the dead letters, whenever it holds
 * any, with the entities the letters name (the grid holds the only acknowledged copy of a refused write; PostgreSQL
 * has an older row or none). Like the journal, these are spilled whether or not another node holds a copy: a node
 * cannot tell whether the others are stopping too (a whole cluster stopped together), and a copy put back twice is
 * harmless where a lost one is not — an event sent twice is de-duplicated by its event id, a letter restored
 * where present goes back only where missing.
 */
final class LocalCopies {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCopies.class);

    /** The rows (entities of tables) and kept entries (outbox, dead letters) to spill. */
    record Copies(List<Row> rows, List<Spill.Entry> kept, int journalEntries) {
        boolean isEmpty() {
            return rows.isEmpty() && kept.isEmpty();
        }
    }

    private final Ignite ignite;
    private final JournalRows journalRows;
    private final List<String> spilledCaches;
    private final HeldWrites held;

    /**
     * {@code spilledCaches}: caches without a table whose local entries are spilled too (the outbox); {@code held}:
     * writes left out (committed as a failure was seen, on a side not yet known to write).
     */
    LocalCopies(Ignite ignite, JournalRows journalRows, List<String> spilledCaches, HeldWrites held) {
        this.ignite = ignite;
        this.journalRows = journalRows;
        this.spilledCaches = List.copyOf(spilledCaches);
        this.held = held;
    }

    Copies collect(boolean unflushed) {
        List<JournalEntry> entries = new ArrayList<>();
        boolean holding = held.holding();
        int left = 0;
        if (unflushed) {
            IgniteCache<JournalKey, JournalEntry> journal = ignite.cache(WriteJournalCache.NAME);
            for (Cache.Entry<JournalKey, JournalEntry> e : journal.localEntries(CachePeekMode.PRIMARY, CachePeekMode.BACKUP)) {
                if (holding && held.held(e.getKey())) {
                    left++;
                } else {
                    entries.add(e.getValue());
                }
            }
        }
        List<Row> rows = new ArrayList<>(journalRows.localCopies(entries));
        if (holding) {
            // An entity a held write changed, named by an acknowledged entry too: the grid holds only the held
            // write's value. Left out: after a cut the other side holds the acknowledged one (its backup copy); after
            // crashes, ops confirm the side instead of restarting it, and the held writes go on to PostgreSQL.
            int before = rows.size();
            rows.removeIf(r -> held.changed(r.table().cache(), r.key()));
            if (rows.size() < before) {
                LOG.warn("Entities changed by writes held back after a failure are left out of the spill: the grid holds "
                    + "only the held value; the acknowledged one before it is on the other side of a cut, or, if the "
                    + "others crashed, lost with this stop [entities={}]", before - rows.size());
            }
        }
        List<Spill.Entry> kept = new ArrayList<>();
        for (String c : spilledCaches) {
            for (Spill.Entry e : local(c)) {
                if (holding && held.heldSide(e.key())) {
                    left++;
                } else {
                    kept.add(e);
                }
            }
        }
        if (left > 0) {
            LOG.warn("Writes held back after a failure are left out of the spill and end with this node: they were not "
                + "acknowledged, and this side may have been cut off from the cluster that goes on [left={}]", left);
        }
        List<Spill.Entry> letters = local(DeadLetterCache.NAME);
        kept.addAll(letters);
        Set<List<Object>> present = new HashSet<>();
        rows.forEach(r -> present.add(List.of(r.table().cache(), r.key())));
        for (Spill.Entry e : letters) {
            DeadLetter letter = (DeadLetter) e.value();
            if (journalRows.tables().containsKey(letter.cache()) && present.add(List.of(letter.cache(), letter.key()))) {
                named(letter).ifPresent(rows::add);
            }
        }
        return new Copies(rows, kept, entries.size());
    }

    /**
     * The entity a letter names, as the grid holds it now. It may live on another node (letters and entities are not
     * colocated), one that is stopping too: then this letter goes without it, and the rest of the spill is kept.
     */
    private Optional<Row> named(DeadLetter letter) {
        try {
            return Optional.ofNullable(journalRows.of(letter.cache(), letter.key()));
        } catch (RuntimeException e) {
            LOG.warn("The entity a dead letter names could not be read for the spill; the letter is spilled without it "
                + "[id={}, cache={}, key={}, error={}]", letter.id(), letter.cache(), letter.key(), e.toString());
            return Optional.empty();
        }
    }

    private List<Spill.Entry> local(String name) {
        IgniteCache<Object, Object> cache = ignite.cache(name);
        List<Spill.Entry> out = new ArrayList<>();
        if (cache != null) {
            for (Cache.Entry<Object, Object> e : cache.localEntries(CachePeekMode.PRIMARY, CachePeekMode.BACKUP)) {
                out.add(new Spill.Entry(name, e.getKey(), e.getValue()));
            }
        }
        return out;
    }
}
