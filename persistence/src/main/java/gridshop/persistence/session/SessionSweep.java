package gridshop.persistence.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Deletes from PostgreSQL what the grid has forgotten by expiry: sessions past their expiry, and the carts of
 * sessions that are gone. The grid expires entries without a transaction, so no journal entry ever says so;
 * this is how those deletes reach PostgreSQL. A session's stored expiry may lag its real one by
 * {@code persistEvery}, so only sessions expired longer ago than that are deleted; a cart is only deleted
 * once it too is older than a session's idle time (its session row may simply not be flushed yet).
 */
public final class SessionSweep {
    private final DataSource dataSource;
    private final Duration persistEvery;
    private final Duration idle;

    public SessionSweep(DataSource dataSource, Duration idle, Duration persistEvery) {
        this.dataSource = dataSource;
        this.idle = idle;
        this.persistEvery = persistEvery;
    }

    /** What one sweep deleted. */
    public record Swept(int sessions, int carts) {
    }

    public Swept run() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int sessions = delete(c, "DELETE FROM shopper_session WHERE expires_at < now() - make_interval(secs => ?)",
                persistEvery);
            int carts = delete(c, """
                DELETE FROM cart c WHERE c.updated_at < now() - make_interval(secs => ?)
                  AND NOT EXISTS (SELECT 1 FROM shopper_session s WHERE s.session_id = c.session_id)""", idle.plus(persistEvery));
            return new Swept(sessions, carts);
        }
    }

    private static int delete(Connection c, String sql, Duration age) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDouble(1, age.toMillis() / 1000.0);
            return ps.executeUpdate();
        }
    }
}
