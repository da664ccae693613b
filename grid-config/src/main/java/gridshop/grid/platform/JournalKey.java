package gridshop.grid.platform;

import java.util.UUID;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/**
 * A write-journal entry's key: the writing node's id and a number counted up on that node, so every
 * transaction's entry has a key of its own that no other transaction writes. Mapped by affinity to the first
 * entity of its partition that the transaction wrote: the entry sits in that partition, with its backup.
 */
public final class JournalKey implements Comparable<JournalKey> {
    private UUID writer;
    private long sequence;
    @AffinityKeyMapped
    private Object affinity;

    public JournalKey() {
    }

    public JournalKey(UUID writer, long sequence, Object affinity) {
        this.writer = writer;
        this.sequence = sequence;
        this.affinity = affinity;
    }

    public Object affinity() { return affinity; }

    @Override
    public int compareTo(JournalKey o) {
        int c = writer.compareTo(o.writer);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalKey k && sequence == k.sequence && writer.equals(k.writer);
    }

    @Override
    public int hashCode() {
        return writer.hashCode() * 31 + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return writer + "#" + sequence;
    }
}
