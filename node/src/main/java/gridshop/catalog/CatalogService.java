package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.catalog.index.CatalogIndex;
import gridshop.catalog.index.IndexSnapshot;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.catalog.Stock;
import gridshop.platform.GridMode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * Shopper reads come from this node's {@link CatalogIndex}: products, pages and counts with no grid read, in
 * their rendered JSON. A product the index does not hold yet (created on another node a moment ago) is read
 * from the grid. Merchant answers and checkout read the grid itself.
 */
@GridMode
@Singleton
public final class CatalogService implements Catalog {
    private final IgniteCache<Long, Product> products;
    private final IgniteCache<Long, Stock> inventory;
    private final CatalogIndex index;
    private final ProductJson json;

    CatalogService(Ignite ignite, CatalogIndex index, ProductJson json, MeterRegistry meters) {
        this.index = index;
        FunctionCounter.builder("gridshop.catalog.searches", index, i -> i.searchCounts().remembered())
            .description("Word searches of the catalog index answered from remembered matches (hits)")
            .tag("result", "hit").register(meters);
        FunctionCounter.builder("gridshop.catalog.searches", index, i -> i.searchCounts().computed())
            .description("Word searches of the catalog index whose matches were computed (misses)")
            .tag("result", "miss").register(meters);
        Gauge.builder("gridshop.catalog.products", index, CatalogIndex::size)
            .description("Products in this node's catalog index").register(meters);
        this.json = json;
        this.products = ignite.cache(ProductCache.NAME);
        this.inventory = ignite.cache(InventoryCache.NAME);
    }

    public Product require(long id) {
        Product p = products.get(id);
        if (p == null) {
            throw Catalog.noSuchProduct(id);
        }
        return p;
    }

    public int available(long productId) {
        Stock s = inventory.get(productId);
        return s == null ? 0 : s.available();
    }

    @Override
    public ProductResponse product(long id) {
        return ProductJson.response(require(id), available(id));
    }

    @Override
    public byte[] productJson(long id) {
        IndexSnapshot.Hits hit = index.product(id);
        if (hit.items().length == 1) {
            return json.product(hit.items()[0].head(), hit.stock()[0]);
        }
        return json.bytes(product(id));
    }

    @Override
    public byte[] searchJson(ProductQuery q) {
        IndexSnapshot.Hits hits = index.search(q);
        return json.page(hits.items(), hits.stock(), q.page(), q.size(), hits.total());
    }

    @Override
    public List<CategoryResponse> categories() {
        return index.categories();
    }
}
