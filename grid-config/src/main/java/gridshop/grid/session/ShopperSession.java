package gridshop.grid.session;

import gridshop.grid.platform.Versions;
import java.io.Serializable;
import java.sql.Timestamp;

/**
 * A shopper's session in cache {@code session}. The grid expires it after the idle time (touched on every
 * access); {@code expiresAt} is what PostgreSQL keeps so that a restarted cluster skips dead sessions.
 */
public final class ShopperSession implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 1L;
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

    /** This session with a later expiry, one version newer (the write that tells PostgreSQL it is still alive). */
    public ShopperSession extendedTo(Timestamp expiresAt) {
        return new ShopperSession(sessionId, customerId, createdAt, expiresAt, Versions.next(version));
    }

    public String sessionId() { return sessionId; }
    public String customerId() { return customerId; }
    public Timestamp createdAt() { return createdAt; }
    public Timestamp expiresAt() { return expiresAt; }
    public long version() { return version; }
}
