package gridshop.api.session;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

@Serdeable
public record SessionResponse(String sessionId, String customerId, Instant createdAt, Instant expiresAt) {
}
