package gridshop.persistence.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The identity stored in PostgreSQL on the first start against it (migration V4): the grid that writes there. */
public final class DatabaseIdentity {
    private DatabaseIdentity() {
    }

    /** This database's identity (the schema must be migrated). */
    public static String read(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT cluster_id FROM grid_identity")) {
            if (!rs.next()) {
                throw new SQLException("grid_identity is empty: the database lost the identity migration V4 gave it");
            }
            return rs.getString(1);
        }
    }
}
