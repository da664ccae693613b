package gridshop.persistence.platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** timestamptz ↔ java.sql.Timestamp in UTC, independent of the JVM's time zone. */
public final class Timestamps {
    private Timestamps() {
    }

    public static void set(PreparedStatement ps, int index, Timestamp ts) throws SQLException {
        ps.setObject(index, ts == null ? null : ts.toInstant().atOffset(ZoneOffset.UTC));
    }

    public static Timestamp get(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : Timestamp.from(t.toInstant());
    }
}
