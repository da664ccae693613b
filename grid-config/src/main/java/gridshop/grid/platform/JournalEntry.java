package gridshop.grid.platform;

import java.util.List;

/**
 * What one transaction wrote in one partition: for each entity, its cache and its key. The values are not
 * copied here: the flusher reads the entities' current values from the grid, which are never older than this
 * entry.
 */
public final class JournalEntry {
    private String[] caches;
    private Object[] keys;

    public JournalEntry() {
    }

    public JournalEntry(List<String> caches, List<Object> keys) {
        this.caches = caches.toArray(String[]::new);
        this.keys = keys.toArray();
    }

    public int size() { return keys.length; }
    public String cache(int i) { return caches[i]; }
    public Object key(int i) { return keys[i]; }
}
