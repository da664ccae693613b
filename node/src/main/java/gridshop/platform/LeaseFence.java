package gridshop.platform;

import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Set when another grid cluster has taken this database's lease from this node's cluster (this one was cut off from
 * PostgreSQL long enough for a new cluster to start on it): from then on this node refuses writes and its flusher
 * writes nothing more, and readiness says so. Cleared only by a restart.
 */
@Singleton
public final class LeaseFence {
    private volatile String reason;

    public void fence(String why) {
        reason = why;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }
}
