package gridshop.grid.order;

import java.io.Serializable;
import java.util.Objects;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/** A session's Idempotency-Key; mapped by the session id, so it lives beside the cart it checks out. */
public final class CheckoutKey implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 1L;
    @AffinityKeyMapped
    private String sessionId;
    private String idempotencyKey;

    public CheckoutKey() {
    }

    public CheckoutKey(String sessionId, String idempotencyKey) {
        this.sessionId = sessionId;
        this.idempotencyKey = idempotencyKey;
    }

    public String sessionId() { return sessionId; }
    public String idempotencyKey() { return idempotencyKey; }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckoutKey k && k.sessionId.equals(sessionId) && k.idempotencyKey.equals(idempotencyKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, idempotencyKey);
    }

    @Override
    public String toString() {
        return sessionId + "#" + idempotencyKey;
    }
}
