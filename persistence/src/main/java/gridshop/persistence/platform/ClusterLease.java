package gridshop.persistence.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The table {@code cluster_lease} (see V10__cluster_lease.sql): which cluster's epoch holds this database, and a
 * counter its nodes move every second, which a node about to load a new grid watches first. SQL only; when to renew
 * and how long to watch are the caller's.
 */
public final class ClusterLease {
    /**
     * The lease as read: its epoch, renewals so far, last holder, seconds since the last renewal (PostgreSQL's clock),
     * whether it was released, the spill owners of its cluster at the last renewal ({@code members}) and those of the
     * cluster before it that this one still waits for ({@code awaiting}).
     */
    public record Lease(String epoch, long renewals, String holder, long secondsAgo, boolean released, Set<String> members,
                        Set<String> awaiting) {
        @Override
        public String toString() {
            return "epoch=" + epoch + ", holder=" + holder + ", renewals=" + renewals + ", lastRenewedSecondsAgo=" + secondsAgo
                + (released ? ", released" : "") + ", members=" + members + (awaiting.isEmpty() ? "" : ", awaiting=" + awaiting);
        }
    }

    private static final int RENEW_TIMEOUT_SECONDS = 2;
    private final DataSource dataSource;

    public ClusterLease(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lease, or empty if no cluster ever took it on this database. */
    public Optional<Lease> read() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                 "SELECT epoch, renewals, holder, EXTRACT(EPOCH FROM now() - renewed_at)::bigint, released, members, awaiting "
                     + "FROM cluster_lease");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Lease(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                rs.getBoolean(5), names(rs.getString(6)), names(rs.getString(7))))
                : Optional.empty();
        }
    }

    /**
     * Takes the lease for a new cluster's {@code epoch} if the count is still {@code seen} (empty: no row yet); false
     * if another cluster moved it in between. The old cluster's members join {@code awaiting} unless it released
     * the lease (a clean stop left nothing behind); what it still awaited itself stays awaited either way (a cluster
     * that stopped or died while waiting to load hands its wait on); {@code members} are the new cluster's.
     */
    public boolean take(OptionalLong seen, String epoch, String holder, Set<String> members) throws SQLException {
        String sql = seen.isEmpty()
            ? "INSERT INTO cluster_lease (epoch, renewals, holder, renewed_at, members) VALUES (?, 1, ?, now(), ?) "
                + "ON CONFLICT DO NOTHING"
            : "UPDATE cluster_lease SET epoch = ?, renewals = renewals + 1, holder = ?, renewed_at = now(), members = ?, "
                + "awaiting = CASE WHEN released THEN awaiting ELSE awaiting || ',' || members END, released = false "
                + "WHERE renewals = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, epoch);
            ps.setString(2, holder);
            ps.setString(3, String.join(",", members));
            if (seen.isPresent()) {
                ps.setLong(4, seen.getAsLong());
            }
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * The cluster holding {@code epoch} waits for no one any more (its wait ran out): empties {@code awaiting} and returns
     * what it held, names added since the holder last read it included.
     */
    public Set<String> stopAwaiting(String epoch) throws SQLException {
        return rewriteAwaiting(epoch, held -> Set.of());
    }

    /** The members of the cluster before {@code epoch}'s that it waits for no more: they joined, or the wait ran out. */
    public void awaited(String epoch, Set<String> arrived) throws SQLException {
        rewriteAwaiting(epoch, held -> {
            Set<String> left = new TreeSet<>(held);
            left.removeAll(arrived);
            return left;
        });
    }

    /**
     * Replaces {@code awaiting} of the lease {@code epoch} holds by {@code next} of it, the row locked in between;
     * returns what it held (nothing if another epoch holds the lease, which is then left as it is).
     */
    private Set<String> rewriteAwaiting(String epoch, UnaryOperator<Set<String>> next) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                 "SELECT awaiting FROM cluster_lease WHERE epoch = ? FOR UPDATE")) {
            c.setAutoCommit(false);
            try {
                ps.setString(1, epoch);
                Set<String> held;
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return Set.of();
                    }
                    held = names(rs.getString(1));
                }
                try (PreparedStatement up = c.prepareStatement("UPDATE cluster_lease SET awaiting = ? WHERE epoch = ?")) {
                    up.setString(1, String.join(",", next.apply(held)));
                    up.setString(2, epoch);
                    up.executeUpdate();
                }
                c.commit();
                return held;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * Spill owners the cluster holding {@code epoch} learnt of after it took the lease (named in a spill file of its
     * predecessor's: nodes that joined that cluster while PostgreSQL was down, so no renewal recorded them) join
     * {@code awaiting}, while it still awaits anyone: once its wait is over (it loaded), or if it awaited no one (the
     * lease was released, nothing was left behind), nothing changes. True if they were added.
     */
    public boolean awaitAlso(String epoch, Set<String> owners) throws SQLException {
        if (owners.isEmpty()) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                 "UPDATE cluster_lease SET awaiting = awaiting || ',' || ? WHERE epoch = ? AND btrim(awaiting, ',') <> ''")) {
            ps.setString(1, String.join(",", owners));
            ps.setString(2, epoch);
            return ps.executeUpdate() == 1;
        }
    }

    private static Set<String> names(String list) {
        Set<String> names = new TreeSet<>();
        for (String n : list == null ? new String[0] : list.split(",")) {
            if (!n.isBlank()) {
                names.add(n.trim());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * A node of the cluster holding {@code epoch} says it is alive, and who is in it ({@code members}: their spill
     * owners); false if the lease is another epoch's now.
     */
    public boolean renew(String epoch, String holder, Set<String> members) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                 "UPDATE cluster_lease SET renewals = renewals + 1, holder = ?, renewed_at = now(), released = false, "
                 + "members = ? WHERE epoch = ?")) {
            ps.setQueryTimeout(RENEW_TIMEOUT_SECONDS);
            ps.setString(1, holder);
            ps.setString(2, String.join(",", members));
            ps.setString(3, epoch);
            return ps.executeUpdate() == 1;
        }
    }

    /** The last node of the cluster holding {@code epoch} stopped with everything flushed: a new cluster need not wait. */
    public void release(String epoch) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE cluster_lease SET released = true WHERE epoch = ?")) {
            ps.setQueryTimeout(RENEW_TIMEOUT_SECONDS);
            ps.setString(1, epoch);
            ps.executeUpdate();
        }
    }

    /**
     * Inside a write transaction: fails it (an outage class, so the journal keeps its entries) unless the lease is
     * still {@code epoch}'s. {@code FOR SHARE} makes a take wait for the flushes under way, and those after it fail.
     */
    public static void check(Connection c, String epoch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cluster_lease WHERE epoch = ? FOR SHARE")) {
            ps.setString(1, epoch);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("this cluster no longer holds the database's lease (another grid cluster took it): "
                        + "its writes stop here [epoch=" + epoch + "]", FENCED);
                }
            }
        }
    }

    /** The SQLSTATE of {@link #check}'s refusal: not a row's class, so an outage to {@link SqlErrors}. */
    public static final String FENCED = "GSL01";
}
