package gridshop.persistence.catalog;

import gridshop.grid.catalog.SliceKey;
import gridshop.grid.catalog.StockSlice;
import gridshop.grid.catalog.StockSliceCache;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

public final class StockSliceTable extends DurableTable<SliceKey, StockSlice> {

    @Override
    public String cache() {
        return StockSliceCache.NAME;
    }

    @Override
    protected String upsertSql() {
        return """
            INSERT INTO stock_slice (product_id, lane, balance, unsettled_units, unsettled_revenue, version, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (product_id, lane) DO UPDATE SET balance = EXCLUDED.balance,
              unsettled_units = EXCLUDED.unsettled_units, unsettled_revenue = EXCLUDED.unsettled_revenue,
              version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
            WHERE stock_slice.version < EXCLUDED.version""";
    }

    @Override
    protected void bind(PreparedStatement ps, StockSlice s) throws SQLException {
        ps.setLong(1, s.productId());
        ps.setInt(2, s.lane());
        ps.setInt(3, s.balance());
        ps.setLong(4, s.unsettledUnits());
        ps.setBigDecimal(5, s.unsettledRevenue());
        ps.setLong(6, s.version());
        Timestamps.set(ps, 7, s.updatedAt());
    }

    @Override
    protected String selectSql() {
        return "SELECT product_id, lane, balance, unsettled_units, unsettled_revenue, version, updated_at FROM stock_slice";
    }

    @Override
    protected StockSlice read(ResultSet rs) throws SQLException {
        return new StockSlice(rs.getLong("product_id"), rs.getInt("lane"), rs.getInt("balance"), rs.getLong("unsettled_units"),
            rs.getBigDecimal("unsettled_revenue"), rs.getLong("version"), Timestamps.get(rs, "updated_at"));
    }

    @Override
    public SliceKey key(StockSlice s) {
        return s.key();
    }

    @Override
    protected long version(StockSlice value) {
        return value.version();
    }
}
