package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.catalog.index.CatalogIndex;
import gridshop.catalog.index.IndexItem;
import gridshop.catalog.index.IndexSnapshot;
import gridshop.catalog.index.ProductJson;
import gridshop.catalog.index.ProductQuery;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.catalog.Stock;
import gridshop.platform.GridMode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * Shopper reads come from this node's {@link CatalogIndex}: products, pages and counts with no grid read, in
 * their rendered JSON. A product the index does not hold yet (created on another node a moment ago) is read
 * from the grid. A cart line's name, price and stock, and what an order line copies of a product, come from the index
 * too ({@link #offer}, {@link #listings}). Merchant answers read the grid itself, and checkout reserves stock in it.
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

    private Product require(long id) {
        Product p = products.get(id);
        if (p == null) {
            throw Catalog.noSuchProduct(id);
        }
        return p;
    }

    private int available(long productId) {
        Stock s = inventory.get(productId);
        return s == null ? 0 : s.available();
    }

    /** What a cart line takes of a product: its name, its price, and the stock a shopper may put in a cart. */
    public record Offer(String name, BigDecimal price, int available) {
    }

    /**
     * A product's offer from this node's index, with no grid read (on three nodes and more, a third of the
     * products or more have no copy on this node); from the grid when the index does not hold it yet; 404 when
     * there is no such product.
     */
    public Offer offer(long id) {
        IndexSnapshot.Hits hit = index.product(id);
        if (hit.items().length == 1) {
            IndexItem item = hit.items()[0];
            return new Offer(item.name(), BigDecimal.valueOf(item.cents(), 2), hit.stock()[0]);
        }
        Product p = require(id);
        return new Offer(p.name(), p.price(), available(id));
    }

    /** What an order line copies of a product. */
    public record Listing(String name, String category, String brand, BigDecimal price) {
    }

    /**
     * The listings of {@code ids} from this node's index, as a cart line's {@link #offer} is, with no grid read (a
     * checkout asked the products' primaries for them, on three nodes and more one remote read per other node); those
     * the index does not hold yet from the grid, and all of them while the index may have missed a change (an order
     * keeps its price for good). An id with no product is absent from the answer.
     */
    public Map<Long, Listing> listings(Collection<Long> ids) {
        Map<Long, Listing> out = new HashMap<>();
        SortedSet<Long> unindexed = new TreeSet<>();
        boolean current = index.current();
        for (long id : ids) {
            IndexSnapshot.Hits hit = current ? index.product(id) : null;
            if (hit != null && hit.items().length == 1) {
                IndexItem i = hit.items()[0];
                out.put(id, new Listing(i.name(), i.category(), i.brand(), BigDecimal.valueOf(i.cents(), 2)));
            } else {
                unindexed.add(id);
            }
        }
        if (!unindexed.isEmpty()) {
            products.getAll(unindexed).forEach((id, p) -> out.put(id, new Listing(p.name(), p.category(), p.brand(), p.price())));
        }
        return out;
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
        return json.page(hits, q);
    }

    @Override
    public byte[] suggestJson(SuggestQuery q) {
        return index.suggestJson(q.words(), q.size());
    }

    @Override
    public List<CategoryResponse> categories() {
        return index.categories();
    }
}
