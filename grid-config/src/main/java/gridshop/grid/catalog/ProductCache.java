package gridshop.grid.catalog;

import gridshop.grid.platform.DurableCaches;
import gridshop.grid.platform.GridSettings;
import gridshop.grid.platform.SqlTable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.apache.ignite.cache.eviction.lru.LruEvictionPolicyFactory;
import org.apache.ignite.configuration.CacheConfiguration;

/** Cache {@code product}: productId → Product, SQL table PRODUCT. */
public final class ProductCache {
    public static final String NAME = "product";
    /** Products kept deserialized on the heap (least recently read leave first): about 500 bytes each. */
    public static final int HEAP_ENTRIES = 100_000;

    private ProductCache() {
    }

    public static CacheConfiguration<Long, Product> configuration(GridSettings settings) {
        CacheConfiguration<Long, Product> cfg = DurableCaches.partitioned(NAME, settings);
        // Product pages read 20 products at a time, a thousand times a second: hot ones are served from the heap
        // as the objects themselves (Product is immutable, so no copy on read), not rebuilt from off-heap bytes.
        cfg.setOnheapCacheEnabled(true);
        cfg.setEvictionPolicyFactory(new LruEvictionPolicyFactory<>(HEAP_ENTRIES));
        cfg.setCopyOnRead(false);
        cfg.setQueryEntities(java.util.List.of(SqlTable.of(Long.class, Product.class, "PRODUCT")
            .key("id", Long.class)
            .column("sku", String.class)
            .column("name", String.class)
            .column("description", String.class)
            .column("category", String.class)
            .column("brand", String.class)
            .column("price", BigDecimal.class)
            .column("rating", Double.class)
            .column("updatedAt", Timestamp.class)
            .index("category", "price")
            .build()));
        return cfg;
    }
}
