package gridshop.api.deadletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to a retry: {@code WRITTEN} (the letter is gone), {@code REFUSED} again with the new error, or for
 * an event Kafka refused, {@code REQUEUED} (the relay sends it on its next round).
 */
@Serdeable
public record RetryResponse(String id, String outcome, @Nullable String error) {
}
