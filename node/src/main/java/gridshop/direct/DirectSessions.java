package gridshop.direct;

import gridshop.api.session.SessionCreatedResponse;
import gridshop.api.session.SessionResponse;
import gridshop.platform.PathIds;
import gridshop.session.SessionProperties;
import gridshop.session.Sessions;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The postgres-direct comparison baseline for the shopper port {@link Sessions}.
 *
 * <p>Sessions in table {@code shopper_session}. Every access moves {@code expires_at} in the same statement that
 * checks it, and so also locks the session row until the caller's transaction ends: cart changes and checkouts
 * of one session run one after the other.
 */
@DirectMode
@Singleton
@RetryLaterOnDatabaseFailure
class DirectSessions implements Sessions {
    private final SessionRepository rows;
    private final Duration idle;

    DirectSessions(SessionRepository rows, SessionProperties session) {
        this.rows = rows;
        this.idle = session.idle();
    }

    @Override
    @Transactional
    public SessionCreatedResponse create(String customerId) {
        Sessions.checkCustomerId(customerId);
        Instant now = Instant.now();
        SessionRow row = rows.save(new SessionRow(UUID.randomUUID().toString(), customerId, now, now.plus(idle), 1));
        return new SessionCreatedResponse(row.sessionId(), row.expiresAt());
    }

    @Override
    @Transactional
    public SessionResponse get(String sessionId) {
        return touch(sessionId);
    }

    /** Within the caller's transaction: checks the session is live, extends it and locks its row; or 404. */
    SessionResponse touch(String sessionId) {
        if (sessionId.length() > PathIds.MAX_TEXT_ID) {
            throw Sessions.notFound(sessionId);
        }
        Instant expires = Instant.now().plus(idle);
        SessionRow row = rows.touch(sessionId, expires);
        if (row == null) {
            throw Sessions.notFound(sessionId);
        }
        return new SessionResponse(sessionId, row.customerId(), row.createdAt(), expires);
    }
}
