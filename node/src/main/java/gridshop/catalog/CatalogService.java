package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.PageResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.catalog.Stock;
import gridshop.platform.GridMode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * Reads the catalog from the grid: single products by key (one hop to the owning node); searches and category
 * counts from this node's {@link CatalogIndex}, with the page's products and stock then read from the grid.
 */
@GridMode
@Singleton
public final class CatalogService implements Catalog {
    private final IgniteCache<Long, Product> products;
    private final IgniteCache<Long, Stock> inventory;
    private final CatalogIndex index;

    CatalogService(Ignite ignite, CatalogIndex index) {
        this.index = index;
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
        return response(require(id), available(id));
    }

    private static ProductResponse response(Product p, int available) {
        return new ProductResponse(p.id(), p.sku(), p.name(), p.description(), p.category(), p.brand(), p.price(),
            p.rating(), available);
    }

    @Override
    public PageResponse<ProductResponse> search(ProductQuery q) {
        CatalogIndex.Hits hits = index.search(q);
        Set<Long> ids = new HashSet<>();
        for (long id : hits.ids()) {
            ids.add(id);
        }
        Map<Long, Product> found = products.getAll(ids);
        Map<Long, Stock> stock = inventory.getAll(ids);
        List<ProductResponse> items = new ArrayList<>(ids.size());
        for (long id : hits.ids()) {
            Product p = found.get(id);
            if (p != null) {
                Stock s = stock.get(id);
                items.add(response(p, s == null ? 0 : s.available()));
            }
        }
        return new PageResponse<>(items, q.page(), q.size(), hits.total());
    }

    @Override
    public List<CategoryResponse> categories() {
        return index.categories();
    }
}
