package gridshop.persistence.catalog;

import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.Stock;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

public final class InventoryTable extends DurableTable<Long, Stock> {

    @Override
    public String cache() {
        return InventoryCache.NAME;
    }

    @Override
    protected String upsertSql() {
        return """
            INSERT INTO inventory (product_id, available, units_sold, revenue, version, updated_at, leased, lanes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (product_id) DO UPDATE SET available = EXCLUDED.available, units_sold = EXCLUDED.units_sold,
              revenue = EXCLUDED.revenue, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at,
              leased = EXCLUDED.leased, lanes = EXCLUDED.lanes
            WHERE inventory.version < EXCLUDED.version""";
    }

    @Override
    protected void bind(PreparedStatement ps, Stock s) throws SQLException {
        ps.setLong(1, s.productId());
        ps.setInt(2, s.available());
        ps.setLong(3, s.unitsSold());
        ps.setBigDecimal(4, s.revenue());
        ps.setLong(5, s.version());
        Timestamps.set(ps, 6, s.updatedAt());
        ps.setInt(7, s.leased());
        ps.setLong(8, s.lanes());
    }

    @Override
    protected String selectSql() {
        return "SELECT product_id, available, units_sold, revenue, version, updated_at, leased, lanes FROM inventory";
    }

    @Override
    protected Stock read(ResultSet rs) throws SQLException {
        return new Stock(rs.getLong("product_id"), rs.getInt("available"), rs.getLong("units_sold"),
            rs.getBigDecimal("revenue"), rs.getLong("version"), Timestamps.get(rs, "updated_at"), rs.getInt("leased"),
            rs.getLong("lanes"));
    }

    @Override
    public Long key(Stock s) {
        return s.productId();
    }

    @Override
    protected long version(Stock value) {
        return value.version();
    }

}
