package gridshop.persistence.platform;

import gridshop.grid.platform.PartitionLossTotal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The running total of partition losses in PostgreSQL (table {@code partition_loss}): the grid keeps its count in
 * memory, so without this a full restart after a loss would report none. Totals only grow: a write keeps the larger
 * of each figure, so two writers (an old oldest node and a new one) cannot undo each other.
 */
public final class PartitionLossLedger {
    private PartitionLossLedger() {
    }

    public static Optional<PartitionLossTotal> read(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                 "SELECT partitions, writes_lost, rows_reloaded, last_at FROM partition_loss");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new PartitionLossTotal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).getTime()))
                : Optional.empty();
        }
    }

    public static void record(DataSource db, PartitionLossTotal t) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                 INSERT INTO partition_loss (partitions, writes_lost, rows_reloaded, last_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT (singleton) DO UPDATE SET
                   partitions = GREATEST(partition_loss.partitions, EXCLUDED.partitions),
                   writes_lost = GREATEST(partition_loss.writes_lost, EXCLUDED.writes_lost),
                   rows_reloaded = GREATEST(partition_loss.rows_reloaded, EXCLUDED.rows_reloaded),
                   last_at = GREATEST(partition_loss.last_at, EXCLUDED.last_at)""")) {
            ps.setLong(1, t.partitions());
            ps.setLong(2, t.writesLost());
            ps.setLong(3, t.rowsReloaded());
            ps.setTimestamp(4, new Timestamp(t.lastAt()));
            ps.executeUpdate();
        }
    }
}
