package gridshop.direct;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import io.micronaut.core.annotation.Nullable;

/** Part of the postgres-direct comparison baseline for the {@link gridshop.session.Sessions} port: table {@code shopper_session}. */
@DirectMode
@JdbcRepository(dialect = Dialect.POSTGRES)
interface SessionRepository extends GenericRepository<SessionRow, String> {

    SessionRow save(SessionRow session);

    /**
     * Moves a live session's expiry in the statement that checks it is live, and so also locks its row until the
     * caller's transaction ends: null when the session is unknown or has expired. (Not an Optional: Micronaut Data
     * 4.14 reads an Optional of an UPDATE … RETURNING as its first column.)
     */
    @Query("UPDATE shopper_session SET expires_at = :expiresAt WHERE session_id = :sessionId AND expires_at > now() RETURNING *")
    @Nullable
    SessionRow touch(String sessionId, Instant expiresAt);
}
