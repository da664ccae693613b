package gridshop.persistence.session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Deletes from PostgreSQL what the grid has forgotten by expiry: sessions past their expiry, and the carts of
 * sessions that are gone. The grid expires entries without a transaction, so no journal entry ever says so;
 * this is how those deletes reach PostgreSQL. A session's stored expiry may lag its real one by
 * {@code persistEvery}, so only sessions expired longer ago than that are candidates; a cart is one only once it
 * too is older than a session's idle time (its session row may simply not be flushed yet).
 * <p>
 * PostgreSQL's expiry is only what the last flushed write said: while writes are paused (503) or PostgreSQL is
 * behind, a shopper's touches keep the session alive in the grid and never reach it. So the grid decides: a
 * candidate is deleted only if the grid no longer holds its session ({@code liveInGrid}). Session ids are never
 * reused, so a session the grid has forgotten stays forgotten, and a delete repeated after a crash deletes
 * nothing more; each delete re-checks its row's age, so a flush that extended the row meanwhile wins.
 */
public final class SessionSweep {
    private static final int BATCH = 500;
    private static final String OLD_SESSION = "s.expires_at < now() - make_interval(secs => ?)";
    private static final String OLD_CART = "c.updated_at < now() - make_interval(secs => ?)"
        + " AND NOT EXISTS (SELECT 1 FROM shopper_session s WHERE s.session_id = c.session_id)";

    private final DataSource dataSource;
    private final Duration persistEvery;
    private final Duration idle;
    private final Function<Collection<String>, Set<String>> liveInGrid;

    /** @param liveInGrid which of the given session ids the grid still holds (a read that does not touch them) */
    public SessionSweep(DataSource dataSource, Duration idle, Duration persistEvery,
                        Function<Collection<String>, Set<String>> liveInGrid) {
        this.dataSource = dataSource;
        this.idle = idle;
        this.persistEvery = persistEvery;
        this.liveInGrid = liveInGrid;
    }

    /** What one sweep deleted, and how many expired rows it kept because the grid still holds their session. */
    public record Swept(int sessions, int carts, int keptLive) {
    }

    public Swept run() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int[] sessions = sweep(c, "shopper_session", "s", OLD_SESSION, persistEvery);
            int[] carts = sweep(c, "cart", "c", OLD_CART, idle.plus(persistEvery));
            return new Swept(sessions[0], carts[0], sessions[1] + carts[1]);
        }
    }

    /** Deletes, batch by batch in session id order, the old rows whose session the grid does not hold. */
    private int[] sweep(Connection c, String table, String alias, String old, Duration age) throws SQLException {
        String id = alias + ".session_id";
        String select = "SELECT " + id + " FROM " + table + " " + alias + " WHERE " + old + " AND " + id + " > ?"
            + " ORDER BY " + id + " LIMIT " + BATCH;
        String delete = "DELETE FROM " + table + " " + alias + " WHERE " + id + " = ANY(?) AND " + old;
        int deleted = 0;
        int kept = 0;
        String after = "";
        List<String> batch;
        do {
            batch = candidates(c, select, age, after);
            List<String> gone = new ArrayList<>(batch);
            gone.removeAll(batch.isEmpty() ? Set.of() : liveInGrid.apply(batch));
            kept += batch.size() - gone.size();
            deleted += gone.isEmpty() ? 0 : delete(c, delete, gone, age);
            after = batch.isEmpty() ? after : batch.get(batch.size() - 1);
        } while (batch.size() == BATCH);
        return new int[] {deleted, kept};
    }

    private static List<String> candidates(Connection c, String sql, Duration age, String after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDouble(1, seconds(age));
            ps.setString(2, after);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private static int delete(Connection c, String sql, List<String> ids, Duration age) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("text", ids.toArray());
            ps.setArray(1, array);
            ps.setDouble(2, seconds(age));
            return ps.executeUpdate();
        }
    }

    private static double seconds(Duration age) {
        return age.toMillis() / 1000.0;
    }
}
