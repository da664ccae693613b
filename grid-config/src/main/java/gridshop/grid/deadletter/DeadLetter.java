package gridshop.grid.deadletter;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * An entity PostgreSQL refused for good (a constraint, an encoding, a trigger): parked here with the error so
 * that it blocks nothing else, until an admin retries or drops it. The entity itself stays in its own cache;
 * this names it. Its id is derived from cache and key, so the same entity refused again is the same letter.
 */
public final class DeadLetter implements Serializable {
    // Serializable only for the spill file a stopping node writes (persistence Spill).
    private static final long serialVersionUID = 1L;
    private String id;
    private String cache;
    private Object key;
    private String error;
    private Timestamp firstFailedAt;
    private Timestamp lastFailedAt;
    private int attempts;

    public DeadLetter() {
    }

    public DeadLetter(String cache, Object key, String error, Timestamp firstFailedAt, Timestamp lastFailedAt, int attempts) {
        this.id = idOf(cache, key);
        this.cache = cache;
        this.key = key;
        this.error = error;
        this.firstFailedAt = firstFailedAt;
        this.lastFailedAt = lastFailedAt;
        this.attempts = attempts;
    }

    public static String idOf(String cache, Object key) {
        return UUID.nameUUIDFromBytes((cache + '\u0000' + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The same letter refused once more, with the latest error. */
    public DeadLetter failedAgain(String error, Timestamp at) {
        return new DeadLetter(cache, key, error, firstFailedAt, at, attempts + 1);
    }

    public String id() { return id; }
    public String cache() { return cache; }
    public Object key() { return key; }
    public String error() { return error; }
    public Timestamp firstFailedAt() { return firstFailedAt; }
    public Timestamp lastFailedAt() { return lastFailedAt; }
    public int attempts() { return attempts; }
}
