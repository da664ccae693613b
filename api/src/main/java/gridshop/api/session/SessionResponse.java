package gridshop.api.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

@Serdeable
public record SessionResponse(String sessionId, @Nullable String customerId, Instant createdAt, Instant expiresAt) {
}
