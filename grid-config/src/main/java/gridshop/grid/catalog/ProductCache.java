package gridshop.grid.catalog;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.SqlTable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.apache.ignite.configuration.CacheConfiguration;

/** Cache {@code product}: productId → Product, SQL table PRODUCT. */
public final class ProductCache {
    public static final String NAME = "product";

    private ProductCache() {
    }

    public static CacheConfiguration<Long, Product> configuration(GridSettings settings) {
        CacheConfiguration<Long, Product> cfg = DurableCaches.partitioned(NAME, settings);
        cfg.setQueryEntities(java.util.List.of(SqlTable.of(Long.class, Product.class, "PRODUCT")
            .key("id", Long.class)
            .column("sku", String.class)
            .column("name", String.class)
            .column("description", String.class)
            .column("category", String.class)
            .column("brand", String.class)
            .column("price", BigDecimal.class)
            .column("rating", Double.class)
            .column("searchText", String.class)
            .column("updatedAt", Timestamp.class)
            .index("category", "price")
            .index("brand")
            .index("price")
            .build()));
        return cfg;
    }
}
