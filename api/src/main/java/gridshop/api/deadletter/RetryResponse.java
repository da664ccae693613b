package gridshop.api.deadletter;

import io.micronaut.serde.annotation.Serdeable;

/** The answer to a retry: {@code WRITTEN} (the letter is gone) or {@code REFUSED} again, with the new error. */
@Serdeable
public record RetryResponse(String id, String outcome, String error) {
}
