package gridshop.api.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The grid as ops see it ({@code GET /api/ops/topology}): its server nodes, its caches with how far PostgreSQL is
 * behind each, and what one more failure would cost. Fields may be added, never renamed.
 *
 * <p>{@code partitionMap} (an extension of the contract) draws the partition map: {@code owners[p]} lists the
 * indexes into {@code nodes} of partition p's primary, then its backups; {@code lost} and {@code moving} list the
 * partitions whose every copy is gone, and those being copied to a node right now.
 */
@Serdeable
public record TopologyResponse(String clusterState, long topologyVersion, long at, List<Node> nodes, List<Cache> caches,
                               long outbox, int deadLetters, int lostPartitions, int partitionsWithoutBackup,
                               Rebalancing rebalancing, List<Event> events, PartitionMap partitionMap,
                               long unflushedWritesLost) {

    /** One server node; {@code caches} maps a cache's name to the entries this node holds of it. */
    @Serdeable
    public record Node(String id, String consistentId, String host, @Nullable Integer httpPort, boolean local, long uptimeMs,
                       long heapUsed, long heapMax, long offHeapUsed, long offHeapMax, double cpuLoad,
                       int primaryPartitions, int backupPartitions, Map<String, Entries> caches,
                       long pendingWrites, long outbox) {
    }

    @Serdeable
    public record Entries(long primary, long backup) {
    }

    /** {@code oldestPendingMs}: the age of the oldest write to this cache not yet in PostgreSQL (0: none). */
    @Serdeable
    public record Cache(String name, String mode, int backups, long size, long pendingWrites, long oldestPendingMs) {
    }

    @Serdeable
    public record Rebalancing(boolean inProgress, long remainingPartitions) {
    }

    /** {@code type}: JOINED, LEFT or FAILED; {@code at}: epoch ms; {@code node}: consistent id. */
    @Serdeable
    public record Event(long at, String type, String node) {
    }

    @Serdeable
    public record PartitionMap(int partitions, List<int[]> owners, List<Integer> lost, List<Integer> moving) {
    }
}
