package gridshop.grid.catalog;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.SqlTable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * Cache {@code inventory}: productId → Stock, SQL table INVENTORY. Keyed by the same product id as cache
 * {@code product}, with the same affinity function, so a product and its stock share a partition and a
 * checkout's stock reservation stays on the node that also serves the product. The row also carries what the
 * product sold (units, revenue), kept up by checkout.
 */
public final class InventoryCache {
    public static final String NAME = "inventory";

    private InventoryCache() {
    }

    public static CacheConfiguration<Long, Stock> configuration(GridSettings settings) {
        CacheConfiguration<Long, Stock> cfg = DurableCaches.partitioned(NAME, settings);
        cfg.setQueryEntities(java.util.List.of(SqlTable.of(Long.class, Stock.class, "INVENTORY")
            .key("productId", Long.class)
            .column("available", Integer.class)
            .column("unitsSold", Long.class)
            .column("revenue", BigDecimal.class)
            .column("updatedAt", Timestamp.class)
            // Stock-outs and low stock (a range at the low end), top sellers (from the top): analyst queries.
            .index("available")
            .indexDescending("revenue")
            .build()));
        return cfg;
    }
}
