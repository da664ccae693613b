package gridshop.direct;

import gridshop.api.catalog.ProductResponse;
import io.micronaut.core.annotation.Introspected;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Part of the postgres-direct comparison baseline for the {@link gridshop.catalog.Catalog} port: a product joined
 * to its stock, as {@link ProductRepository#COLUMNS} selects it.
 */
@Introspected
record ProductView(long id, String sku, String name, String description, String category, String brand,
                   BigDecimal price, double rating, int stock) {

    /** A row of the catalog search, whose SQL is built per request (DirectCatalog). */
    static ProductView read(ResultSet rs) throws SQLException {
        return new ProductView(rs.getLong("id"), rs.getString("sku"), rs.getString("name"), rs.getString("description"),
            rs.getString("category"), rs.getString("brand"), rs.getBigDecimal("price"), rs.getDouble("rating"),
            rs.getInt("stock"));
    }

    ProductResponse response() {
        return new ProductResponse(id, sku, name, description, category, brand, price, rating, stock);
    }
}
