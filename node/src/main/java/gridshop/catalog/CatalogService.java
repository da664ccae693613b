package gridshop.catalog;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.PageResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.grid.catalog.InventoryCache;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.ProductCache;
import gridshop.grid.catalog.Stock;
import gridshop.platform.ApiException;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.FieldsQueryCursor;
import org.apache.ignite.cache.query.SqlFieldsQuery;

/**
 * Reads the catalog from the grid: single products by key (one hop to the owning node), searches as
 * distributed SQL over table PRODUCT (every node scans its own partitions), stock from the colocated
 * inventory cache.
 */
@Singleton
public final class CatalogService {
    private static final String COLUMNS = "SELECT id, sku, name, description, category, brand, price, rating FROM PRODUCT";

    private final IgniteCache<Long, Product> products;
    private final IgniteCache<Long, Stock> inventory;

    CatalogService(Ignite ignite) {
        this.products = ignite.cache(ProductCache.NAME);
        this.inventory = ignite.cache(InventoryCache.NAME);
    }

    public Product require(long id) {
        Product p = products.get(id);
        if (p == null) {
            throw ApiException.notFound("no such product [productId=" + id + "]");
        }
        return p;
    }

    public int available(long productId) {
        Stock s = inventory.get(productId);
        return s == null ? 0 : s.available();
    }

    public ProductResponse product(long id) {
        Product p = require(id);
        return new ProductResponse(p.id(), p.sku(), p.name(), p.description(), p.category(), p.brand(), p.price(),
            p.rating(), available(id));
    }

    PageResponse<ProductResponse> search(ProductQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        long total;
        try (FieldsQueryCursor<List<?>> c = products.query(new SqlFieldsQuery("SELECT COUNT(*) FROM PRODUCT" + where)
            .setArgs(args.toArray()))) {
            total = ((Number) c.getAll().get(0).get(0)).longValue();
        }
        List<List<?>> rows = List.of();
        if (total > (long) q.page() * q.size()) {
            args.add(q.size());
            args.add((long) q.page() * q.size());
            String sql = COLUMNS + where + " ORDER BY " + orderBy(q.sort()) + " LIMIT ? OFFSET ?";
            try (FieldsQueryCursor<List<?>> c = products.query(new SqlFieldsQuery(sql).setArgs(args.toArray()))) {
                rows = c.getAll();
            }
        }
        Set<Long> ids = rows.stream().map(r -> ((Number) r.get(0)).longValue()).collect(Collectors.toSet());
        Map<Long, Stock> stock = inventory.getAll(ids);
        List<ProductResponse> items = rows.stream().map(r -> {
            long id = ((Number) r.get(0)).longValue();
            Stock s = stock.get(id);
            return new ProductResponse(id, (String) r.get(1), (String) r.get(2), (String) r.get(3), (String) r.get(4),
                (String) r.get(5), (BigDecimal) r.get(6), ((Number) r.get(7)).doubleValue(), s == null ? 0 : s.available());
        }).toList();
        return new PageResponse<>(items, q.page(), q.size(), total);
    }

    List<CategoryResponse> categories() {
        String sql = "SELECT category, COUNT(*) FROM PRODUCT GROUP BY category ORDER BY category";
        try (FieldsQueryCursor<List<?>> c = products.query(new SqlFieldsQuery(sql))) {
            return c.getAll().stream()
                .map(r -> new CategoryResponse((String) r.get(0), ((Number) r.get(1)).longValue())).toList();
        }
    }

    private static String where(ProductQuery q, List<Object> args) {
        StringBuilder w = new StringBuilder(" WHERE 1=1");
        condition(w, args, " AND category = ?", q.category());
        condition(w, args, " AND brand = ?", q.brand());
        condition(w, args, " AND price >= ?", q.minPrice());
        condition(w, args, " AND price <= ?", q.maxPrice());
        // search_text is " word word … ": " w " matches a whole word of name, brand or description.
        q.words().forEach(word -> condition(w, args, " AND search_text LIKE ?", "% " + word + " %"));
        return w.toString();
    }

    private static void condition(StringBuilder where, List<Object> args, String sql, Object value) {
        if (value != null) {
            where.append(sql);
            args.add(value);
        }
    }

    private static String orderBy(String sort) {
        if (sort == null) {
            return "id";
        }
        return switch (sort) {
            case "price" -> "price, id";
            case "-price" -> "price DESC, id";
            case "name" -> "name, id";
            case "-rating" -> "rating DESC, id";
            default -> throw new IllegalArgumentException("unchecked sort [sort=" + sort + "]");
        };
    }
}
