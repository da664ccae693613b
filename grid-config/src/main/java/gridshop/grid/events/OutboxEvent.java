package gridshop.grid.events;

import java.io.Serializable;
/**
 * A domain event waiting for Kafka. {@code topic} + {@code key} is the stream whose order must be kept;
 * {@code sequence} orders events within it (the entity's version, which grows under the entity's lock).
 */
public final class OutboxEvent implements Serializable {
    // Serializable only for the spill file a stopping node writes (persistence Spill).
    private static final long serialVersionUID = 1L;
    private String eventId;
    private String type;
    private String topic;
    private String key;
    private long sequence;
    private String payload;
    private long createdAt;

    public OutboxEvent() {
    }

    public OutboxEvent(String eventId, String type, String topic, String key, long sequence, String payload, long createdAt) {
        this.eventId = eventId;
        this.type = type;
        this.topic = topic;
        this.key = key;
        this.sequence = sequence;
        this.payload = payload;
        this.createdAt = createdAt;
    }

    public String eventId() { return eventId; }
    public String type() { return type; }
    public String topic() { return topic; }
    public String key() { return key; }
    public long sequence() { return sequence; }
    public String payload() { return payload; }
    public long createdAt() { return createdAt; }
}
