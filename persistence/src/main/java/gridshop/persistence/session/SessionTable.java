package gridshop.persistence.session;

import gridshop.grid.session.SessionCache;
import gridshop.grid.session.ShopperSession;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

public final class SessionTable extends DurableTable<String, ShopperSession> {

    @Override
    public String cache() {
        return SessionCache.NAME;
    }

    @Override
    protected String upsertSql() {
        return """
            INSERT INTO shopper_session (session_id, customer_id, created_at, expires_at, version)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (session_id) DO UPDATE SET customer_id = EXCLUDED.customer_id,
              expires_at = EXCLUDED.expires_at, version = EXCLUDED.version
            WHERE shopper_session.version < EXCLUDED.version""";
    }

    @Override
    protected void bind(PreparedStatement ps, ShopperSession s) throws SQLException {
        ps.setString(1, s.sessionId());
        ps.setString(2, s.customerId());
        Timestamps.set(ps, 3, s.createdAt());
        Timestamps.set(ps, 4, s.expiresAt());
        ps.setLong(5, s.version());
    }

    /** Only sessions that have not expired come back into the grid. */
    @Override
    protected String selectSql() {
        return "SELECT session_id, customer_id, created_at, expires_at, version FROM shopper_session"
            + " WHERE expires_at > now()";
    }

    @Override
    protected ShopperSession read(ResultSet rs) throws SQLException {
        return new ShopperSession(rs.getString("session_id"), rs.getString("customer_id"),
            Timestamps.get(rs, "created_at"), Timestamps.get(rs, "expires_at"), rs.getLong("version"));
    }

    @Override
    public String key(ShopperSession s) {
        return s.sessionId();
    }

    @Override
    protected long version(ShopperSession value) {
        return value.version();
    }
}
