package gridshop.persistence.writebehind;

import gridshop.grid.platform.JournalEntry;
import gridshop.grid.platform.KeepExpiry;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entities journal entries name, as rows with their current grid values: table by table in load order,
 * keys sorted, so that two nodes never lock PostgreSQL rows in opposite orders. An entity named by several
 * entries is one row; an entity that is gone (an expired session) has nothing left to write. Reads leave a
 * session's expiry alone.
 */
final class JournalRows {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRows.class);
    private final Ignite ignite;
    private final Map<String, DurableTable<?, ?>> tables = new LinkedHashMap<>();

    JournalRows(Ignite ignite, List<DurableTable<?, ?>> tables) {
        this.ignite = ignite;
        tables.forEach(t -> this.tables.put(t.cache(), t));
    }

    Map<String, DurableTable<?, ?>> tables() {
        return tables;
    }

    List<Row> of(Collection<JournalEntry> entries) {
        Map<String, Set<Object>> keysByCache = new HashMap<>();
        for (JournalEntry entry : entries) {
            for (int i = 0; i < entry.size(); i++) {
                if (!tables.containsKey(entry.cache(i))) {
                    throw new IllegalStateException("write journal names a cache with no table [cache=" + entry.cache(i) + "]");
                }
                keysByCache.computeIfAbsent(entry.cache(i), c -> new TreeSet<>()).add(entry.key(i));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (DurableTable<?, ?> table : tables.values()) {
            Set<Object> keys = keysByCache.get(table.cache());
            if (keys != null) {
                current(table, keys).forEach((k, v) -> rows.add(new Row(table, k, v)));
            }
        }
        return rows;
    }

    /**
     * The rows of what the entries name, as this node's own copies hold them (primary or backup: a journal entry and
     * its entities share a partition, so a node holding the one holds the others): what a spill keeps of what may die
     * with the node. An entity that cannot be read here (a partition lost with both copies, whose keys throw) is left
     * out and named in the log, and the rest is kept, rather than the whole spill failing.
     */
    List<Row> localCopies(Collection<JournalEntry> entries) {
        Map<String, Set<Object>> keysByCache = new HashMap<>();
        for (JournalEntry entry : entries) {
            for (int i = 0; i < entry.size(); i++) {
                if (tables.containsKey(entry.cache(i))) {
                    keysByCache.computeIfAbsent(entry.cache(i), c -> new TreeSet<>()).add(entry.key(i));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        String error = null;
        for (DurableTable<?, ?> table : tables.values()) {
            Set<Object> keys = keysByCache.get(table.cache());
            if (keys == null) {
                continue;
            }
            IgniteCache<Object, Object> cache = ignite.cache(table.cache()).withExpiryPolicy(new KeepExpiry());
            Map<Object, Object> found = new TreeMap<>();
            for (Object key : keys) {
                try {
                    Object value = cache.localPeek(key, CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
                    if (value != null) {
                        found.put(key, value);
                    }
                } catch (RuntimeException e) {
                    error = e.toString(); // read again below, from its owner if it has one
                }
            }
            for (Object key : keys) {
                if (!found.containsKey(key)) {
                    // not here (a partition still moving to this node): its owner's copy, if the grid can reach one
                    try {
                        Object value = cache.get(key);
                        if (value != null) {
                            found.put(key, value);
                        }
                    } catch (RuntimeException e) {
                        unread.add(table.cache() + ":" + key);
                        error = e.toString();
                    }
                }
            }
            found.forEach((k, v) -> rows.add(new Row(table, k, v)));
        }
        if (!unread.isEmpty()) {
            LOG.error("Unflushed writes this node could not read for its spill are left out of it (their partitions are "
                + "lost); the rest is spilled [count={}, sample={}, error={}]", unread.size(),
                unread.subList(0, Math.min(10, unread.size())), error);
        }
        return rows;
    }

    /** The entity's row as the grid holds it now, or null if it is gone. */
    Row of(String cache, Object key) {
        DurableTable<?, ?> table = tables.get(cache);
        Object value = current(table, Set.of(key)).get(key);
        return value == null ? null : new Row(table, key, value);
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> current(DurableTable<?, ?> table, Set<Object> keys) {
        IgniteCache<Object, Object> cache = ignite.cache(table.cache()).withExpiryPolicy(new KeepExpiry());
        return new TreeMap<>(cache.getAll(keys));
    }
}
