package gridshop.api.session;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

@Serdeable
public record SessionCreatedResponse(String sessionId, Instant expiresAt) {
}
