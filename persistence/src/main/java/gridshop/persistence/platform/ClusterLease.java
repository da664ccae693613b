package gridshop.persistence.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The table {@code cluster_lease}: a counter the running cluster moves every second, which a node about to load a
 * new grid from PostgreSQL watches first (see V10__cluster_lease.sql). SQL only; when to renew and how long to watch
 * are the caller's.
 */
public final class ClusterLease {
    private final DataSource dataSource;

    public ClusterLease(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The renewals counted so far, or empty if no cluster ever took the lease on this database. */
    public OptionalLong renewals() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT renewals FROM cluster_lease")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** The holder and how long ago (by PostgreSQL's clock) it last renewed, for messages. */
    public String describe() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                 "SELECT holder, renewals, EXTRACT(EPOCH FROM now() - renewed_at) FROM cluster_lease")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                    ? "holder=" + rs.getString(1) + ", renewals=" + rs.getLong(2) + ", lastRenewedSecondsAgo=" + rs.getLong(3)
                    : "no lease";
            }
        }
    }

    /**
     * Takes the lease for {@code holder} if the count is still {@code seen} (empty: no row yet); false if another
     * cluster moved it in between.
     */
    public boolean take(OptionalLong seen, String holder) throws SQLException {
        String sql = seen.isEmpty()
            ? "INSERT INTO cluster_lease (renewals, holder, renewed_at) VALUES (1, ?, now()) ON CONFLICT DO NOTHING"
            : "UPDATE cluster_lease SET renewals = renewals + 1, holder = ?, renewed_at = now() WHERE renewals = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, holder);
            if (seen.isPresent()) {
                ps.setLong(2, seen.getAsLong());
            }
            return ps.executeUpdate() == 1;
        }
    }

    /** The running cluster says it is alive. */
    public void renew(String holder) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_lease (renewals, holder, renewed_at) VALUES (1, ?, now()) "
                 + "ON CONFLICT (singleton) DO UPDATE SET renewals = cluster_lease.renewals + 1, holder = excluded.holder, "
                 + "renewed_at = now()")) {
            ps.setString(1, holder);
            ps.executeUpdate();
        }
    }
}
