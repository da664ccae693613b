package gridshop.api.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code status} UP or DOWN; {@code state} says why (starting, replaying, loading, ready, failed: …);
 * {@code pendingWrites}: changes not yet in PostgreSQL; {@code outbox}: events not yet acknowledged by Kafka;
 * {@code deadLetters}: writes PostgreSQL refused, parked for an admin; {@code partitionsWithoutBackup}: partitions
 * whose only copy is on one node (kill -9 of it would lose their unflushed writes); {@code lostPartitions}:
 * partitions whose both copies are gone and not yet reloaded from PostgreSQL; {@code unflushedWritesLost}: writes
 * lost with such partitions since the cluster started (counted, never silent); {@code warnings}: what an
 * operator should know, in words (a stopped background loop, no redundancy).
 */
@Serdeable
public record HealthResponse(String status, String state, @Nullable Integer gridNodes, @Nullable Long pendingWrites,
                             @Nullable Long outbox, @Nullable Integer deadLetters,
                             @Nullable Integer partitionsWithoutBackup, @Nullable Integer lostPartitions,
                             @Nullable Long unflushedWritesLost, @Nullable List<String> warnings) {
}
