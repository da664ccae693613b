package gridshop.grid.platform;

import java.util.List;

/**
 * What one transaction wrote in one partition, and when: for each entity, its cache and its key. The values are not
 * copied here: the flusher reads the entities' current values from the grid, which are never older than this
 * entry.
 */
public final class JournalEntry {
    private String[] caches;
    private Object[] keys;
    private long writtenAt;

    public JournalEntry() {
    }

    public JournalEntry(List<String> caches, List<Object> keys) {
        this.caches = caches.toArray(String[]::new);
        this.keys = keys.toArray();
        this.writtenAt = System.currentTimeMillis();
    }

    public int size() { return keys.length; }
    public String cache(int i) { return caches[i]; }
    public Object key(int i) { return keys[i]; }
    /** When the transaction committed (epoch ms, the writer's clock): the age of the oldest unflushed write. */
    public long writtenAt() { return writtenAt; }
}
