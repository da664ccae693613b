package gridshop.api.deadletter;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A write PostgreSQL refused: which entity ({@code cache}, {@code key}), what it said, since when, how often. */
@Serdeable
public record DeadLetterResponse(String id, String cache, String key, String error, Instant firstFailedAt,
                                 Instant lastFailedAt, int attempts) {
}
