package gridshop.api.ops;

import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code status} UP or DOWN; {@code state} says why (starting, loading, ready, failed: …); {@code pendingWrites}:
 * changes not yet in PostgreSQL; {@code outbox}: events not yet acknowledged by Kafka.
 */
@Serdeable
public record HealthResponse(String status, String state, Integer gridNodes, Long pendingWrites, Long outbox) {
}
