package gridshop.platform;

import gridshop.persistence.platform.WriteBehindFlusher;
import jakarta.inject.Singleton;
import org.apache.ignite.Ignite;

/**
 * What the node can say about the grid and the write-behind, for health, metrics and back-pressure. Past
 * {@code gridshop.write-behind.max-pending} unflushed writes (PostgreSQL down or too slow), business writes
 * answer 503 instead of filling memory.
 */
@GridMode
@Singleton
public final class GridStatus {
    private final Ignite ignite;
    private final WriteBehindFlusher flusher;
    private final long maxPending;

    GridStatus(Ignite ignite, WriteBehindFlusher flusher, WriteBehindProperties props) {
        this.ignite = ignite;
        this.flusher = flusher;
        this.maxPending = props.maxPending();
    }

    public int serverNodes() {
        return ignite.cluster().forServers().nodes().size();
    }

    /** Events waiting for Kafka, cluster-wide. */
    public long outboxSize() {
        return ignite.cache(gridshop.grid.events.OutboxCache.NAME).sizeLong(org.apache.ignite.cache.CachePeekMode.PRIMARY);
    }

    public long pendingWrites() {
        return flusher.clusterPending();
    }

    /** Call before a business write. */
    public void admitWrite() {
        long pending = flusher.clusterPending();
        if (pending > maxPending) {
            throw ApiException.unavailable("Writes are paused: " + pending
                + " changes are waiting to be written to PostgreSQL [maxPending=" + maxPending + "]", 5);
        }
    }
}
