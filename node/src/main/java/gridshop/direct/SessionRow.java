package gridshop.direct;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** Part of the postgres-direct comparison baseline for the {@link gridshop.session.Sessions} port: a row of {@code shopper_session}. */
@MappedEntity("shopper_session")
record SessionRow(@Id String sessionId, @Nullable String customerId, Instant createdAt, Instant expiresAt, long version) {
}
