package gridshop.persistence.catalog;

import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.platform.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

public final class ProductTable extends DurableTable<Long, Product> {

    @Override
    public String cache() {
        return ProductCache.NAME;
    }

    @Override
    protected String upsertSql() {
        return """
            INSERT INTO product (id, sku, name, description, category, brand, price, rating, version, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET sku = EXCLUDED.sku, name = EXCLUDED.name,
              description = EXCLUDED.description, category = EXCLUDED.category, brand = EXCLUDED.brand,
              price = EXCLUDED.price, rating = EXCLUDED.rating, version = EXCLUDED.version,
              updated_at = EXCLUDED.updated_at
            WHERE product.version < EXCLUDED.version""";
    }

    @Override
    protected void bind(PreparedStatement ps, Product p) throws SQLException {
        ps.setLong(1, p.id());
        ps.setString(2, p.sku());
        ps.setString(3, p.name());
        ps.setString(4, p.description());
        ps.setString(5, p.category());
        ps.setString(6, p.brand());
        ps.setBigDecimal(7, p.price());
        ps.setDouble(8, p.rating());
        ps.setLong(9, p.version());
        Timestamps.set(ps, 10, p.updatedAt());
    }

    @Override
    protected String selectSql() {
        return "SELECT id, sku, name, description, category, brand, price, rating, version, updated_at FROM product";
    }

    @Override
    protected Product read(ResultSet rs) throws SQLException {
        return new Product(rs.getLong("id"), rs.getString("sku"), rs.getString("name"),
            rs.getString("description"), rs.getString("category"), rs.getString("brand"),
            rs.getBigDecimal("price"), rs.getDouble("rating"), rs.getLong("version"),
            Timestamps.get(rs, "updated_at"));
    }

    @Override
    public Long key(Product p) {
        return p.id();
    }

    @Override
    protected long version(Product value) {
        return value.version();
    }

}
