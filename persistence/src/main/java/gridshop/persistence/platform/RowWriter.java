package gridshop.persistence.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes rows to PostgreSQL in one transaction. When PostgreSQL refuses the transaction because of a row (a
 * row-level SQLSTATE, see {@link SqlErrors#isRowFault}), the rows are split in halves and each half written on its
 * own, down to the single row that is at fault: every other row is written, and the refused ones are handed back
 * with their errors. Any other failure (PostgreSQL down, stuck, read-only, refusing privileges, missing a table)
 * is thrown instead, so that nothing is given up that a later round can write.
 */
public final class RowWriter {
    /** A row PostgreSQL refused for good, and what it said. */
    public record Refused(Row row, String error) {
    }

    private static final int NETWORK_TIMEOUT_MS = 35_000;
    private final DataSource dataSource;
    /** The lease epoch of this node's cluster, once known: every write transaction checks it is still the holder. */
    private volatile String leaseEpoch;

    /** From now on each write transaction fails (as an outage) unless {@code epoch} still holds the cluster lease. */
    public void leaseEpoch(String epoch) {
        this.leaseEpoch = epoch;
    }

    /** The lease epoch set by {@link #leaseEpoch(String)}, or null. */
    public String leaseEpoch() {
        return leaseEpoch;
    }

    public RowWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes what PostgreSQL accepts; returns the rows it refused for good. Throws on an outage. */
    public List<Refused> write(List<Row> rows) throws SQLException {
        List<Refused> refused = new ArrayList<>();
        isolate(rows, refused);
        return refused;
    }

    private void isolate(List<Row> rows, List<Refused> refused) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            writeTogether(rows);
        } catch (SQLException | RuntimeException e) {
            // Checked at every level, down to the single row: a database that refuses everything (read-only,
            // privileges, a missing table) must stop the flush with its journal intact, not park row after row.
            if (SqlErrors.isOutage(e)) {
                throw e instanceof SQLException sql ? sql
                    : new SQLException("PostgreSQL write failed: " + SqlErrors.describe(e), SqlErrors.state(e), e);
            }
            if (rows.size() == 1) {
                refused.add(new Refused(rows.get(0), SqlErrors.describe(e)));
                return;
            }
            int half = rows.size() / 2;
            isolate(rows.subList(0, half), refused);
            isolate(rows.subList(half, rows.size()), refused);
        }
    }

    /** One transaction; consecutive rows of one table go in one batch. */
    private void writeTogether(List<Row> rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            // statement_timeout below is the server's; this is ours, for a server that stopped answering altogether
            // (paused, its disk stalled): the round fails as transient after it instead of hanging on the socket.
            c.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MS);
            c.setAutoCommit(false);
            try {
                // A stuck PostgreSQL fails this write after 30 s (a transient failure: the journal keeps the
                // entries) instead of holding the flusher, and a shutdown's final drain, forever.
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL statement_timeout = 30000");
                }
                String fence = leaseEpoch;
                if (fence != null) {
                    ClusterLease.check(c, fence);
                }
                int from = 0;
                while (from < rows.size()) {
                    DurableTable<?, ?> table = rows.get(from).table();
                    int to = from;
                    List<Object> values = new ArrayList<>();
                    while (to < rows.size() && rows.get(to).table() == table) {
                        values.add(rows.get(to++).value());
                    }
                    table.upsertValues(c, values);
                    from = to;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
