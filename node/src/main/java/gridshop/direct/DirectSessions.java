package gridshop.direct;

import gridshop.api.session.SessionCreatedResponse;
import gridshop.api.session.SessionResponse;
import gridshop.platform.PathIds;
import gridshop.session.SessionProperties;
import gridshop.session.Sessions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
final class DirectSessions implements Sessions {
    private final Jdbc jdbc;
    private final Duration idle;

    DirectSessions(Jdbc jdbc, SessionProperties session) {
        this.jdbc = jdbc;
        this.idle = session.idle();
    }

    @Override
    public SessionCreatedResponse create(String customerId) {
        Sessions.checkCustomerId(customerId);
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Instant expires = now.plus(idle);
        jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shopper_session "
                + "(session_id, customer_id, created_at, expires_at, version) VALUES (?, ?, ?, ?, 1)")) {
                ps.setString(1, id);
                ps.setString(2, customerId);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setTimestamp(4, Timestamp.from(expires));
                return ps.executeUpdate();
            }
        });
        return new SessionCreatedResponse(id, expires);
    }

    @Override
    public SessionResponse get(String sessionId) {
        return jdbc.write(c -> touch(c, sessionId));
    }

    /** Within the caller's transaction: checks the session is live, extends it and locks its row; or 404. */
    public SessionResponse touch(Connection c, String sessionId) throws SQLException {
        if (sessionId.length() > PathIds.MAX_TEXT_ID) {
            throw Sessions.notFound(sessionId);
        }
        Instant expires = Instant.now().plus(idle);
        try (PreparedStatement ps = c.prepareStatement("UPDATE shopper_session SET expires_at = ? "
            + "WHERE session_id = ? AND expires_at > now() RETURNING customer_id, created_at")) {
            ps.setTimestamp(1, Timestamp.from(expires));
            ps.setString(2, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Sessions.notFound(sessionId);
                }
                return new SessionResponse(sessionId, rs.getString(1), rs.getTimestamp(2).toInstant(), expires);
            }
        }
    }
}
