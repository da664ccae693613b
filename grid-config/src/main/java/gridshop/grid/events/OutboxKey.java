package gridshop.grid.events;

import java.io.Serializable;
import java.util.Objects;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/**
 * Key of an outbox entry: the event id, mapped by affinity to the changed entity's key, so the event is
 * written in the entity's partition and relayed by the node that is primary for it.
 */
public final class OutboxKey implements Serializable {
    // Serializable only for the spill file a stopping node writes (persistence Spill).
    private static final long serialVersionUID = 1L;
    private String eventId;
    @AffinityKeyMapped
    private Object affinity;

    public OutboxKey() {
    }

    public OutboxKey(String eventId, Object affinity) {
        this.eventId = eventId;
        this.affinity = affinity;
    }

    public String eventId() { return eventId; }
    public Object affinity() { return affinity; }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboxKey k && k.eventId.equals(eventId) && k.affinity.equals(affinity);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, affinity);
    }

    @Override
    public String toString() {
        return eventId;
    }
}
