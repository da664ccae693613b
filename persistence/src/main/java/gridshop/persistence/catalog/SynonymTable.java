package gridshop.persistence.catalog;

import gridshop.grid.catalog.SynonymCache;
import gridshop.grid.catalog.SynonymSet;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Table {@code synonym_set} behind cache {@code synonym}: its one row, keyed as in the grid. */
public final class SynonymTable extends DurableTable<String, SynonymSet> {

    @Override
    public String cache() {
        return SynonymCache.NAME;
    }

    @Override
    protected String upsertSql() {
        return """
            INSERT INTO synonym_set (id, groups, version, updated_at)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET groups = EXCLUDED.groups, version = EXCLUDED.version,
              updated_at = EXCLUDED.updated_at
            WHERE synonym_set.version < EXCLUDED.version""";
    }

    @Override
    protected void bind(PreparedStatement ps, SynonymSet s) throws SQLException {
        ps.setString(1, SynonymCache.KEY);
        ps.setString(2, s.text());
        ps.setLong(3, s.version());
        Timestamps.set(ps, 4, s.updatedAt());
    }

    @Override
    protected String selectSql() {
        return "SELECT id, groups, version, updated_at FROM synonym_set";
    }

    @Override
    protected SynonymSet read(ResultSet rs) throws SQLException {
        return new SynonymSet(rs.getString("groups"), rs.getLong("version"), Timestamps.get(rs, "updated_at"));
    }

    @Override
    public String key(SynonymSet s) {
        return SynonymCache.KEY;
    }

    @Override
    protected long version(SynonymSet value) {
        return value.version();
    }
}
