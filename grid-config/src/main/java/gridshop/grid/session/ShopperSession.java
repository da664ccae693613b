package gridshop.grid.session;

import java.sql.Timestamp;

/**
 * A shopper's session in cache {@code session}. The grid expires it after the idle time (touched on every
 * access); {@code expiresAt} is what PostgreSQL keeps so that a restarted cluster skips dead sessions.
 */
public final class ShopperSession {
    private String sessionId;
    private String customerId;
    private Timestamp createdAt;
    private Timestamp expiresAt;
    private long version;

    public ShopperSession() {
    }

    public ShopperSession(String sessionId, String customerId, Timestamp createdAt, Timestamp expiresAt,
                          long version) {
        this.sessionId = sessionId;
        this.customerId = customerId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.version = version;
    }

    public String sessionId() { return sessionId; }
    public String customerId() { return customerId; }
    public Timestamp createdAt() { return createdAt; }
    public Timestamp expiresAt() { return expiresAt; }
    public long version() { return version; }
}
