package gridshop.direct;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.PageResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.catalog.Catalog;
import gridshop.catalog.SuggestQuery;
import gridshop.catalog.index.ProductJson;
import gridshop.catalog.index.ProductQuery;
import gridshop.catalog.index.IndexSort;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The postgres-direct comparison baseline for the shopper port {@link Catalog}.
 *
 * <p>The catalog straight from PostgreSQL, as a shop without the grid would serve it: a product by primary key
 * joined to its stock and the categories from {@link ProductRepository}; a page as COUNT plus ORDER BY … LIMIT on the
 * (category, sort) indexes, its SQL built per request from the filters given (no fixed repository query fits them)
 * and run through Micronaut Data's {@link JdbcOperations} on one connection; {@code q} on the GIN index of
 * {@code search_words}. The baseline of the shopper search before issue 31: exact words only, relevance is the order
 * by id, and {@code typos}, {@code facets} and {@code highlight} are accepted and ignored.
 */
@DirectMode
@Singleton
@RetryLaterOnDatabaseFailure
class DirectCatalog implements Catalog {
    private final ProductRepository products;
    private final JdbcOperations jdbc;
    private final ProductJson json;

    DirectCatalog(ProductRepository products, JdbcOperations jdbc, ProductJson json) {
        this.products = products;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public ProductResponse product(long id) {
        return products.findView(id).map(ProductView::response).orElseThrow(() -> Catalog.noSuchProduct(id));
    }

    @Override
    public byte[] productJson(long id) {
        return json.bytes(product(id));
    }

    @Override
    public byte[] searchJson(ProductQuery q) {
        return json.bytes(search(q));
    }

    /** The count and the page on one connection (JdbcOperations opens one for the callback), in auto-commit. */
    private PageResponse<ProductResponse> search(ProductQuery q) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        condition(where, args, " AND p.category = ANY(?)", q.categories().isEmpty() ? null : q.categories().toArray(String[]::new));
        condition(where, args, " AND p.brand = ANY(?)", q.brands().isEmpty() ? null : q.brands().toArray(String[]::new));
        condition(where, args, " AND p.price >= ?", q.minPrice());
        condition(where, args, " AND p.price <= ?", q.maxPrice());
        condition(where, args, " AND p.search_words @> ?", q.words().isEmpty() ? null : q.words().toArray(String[]::new));
        return jdbc.execute(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM product p" + where)) {
                bind(c, ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<ProductResponse> items = List.of();
            if (total > (long) q.page() * q.size()) {
                List<Object> pageArgs = new ArrayList<>(args);
                pageArgs.add(q.size());
                pageArgs.add((long) q.page() * q.size());
                items = page(c, ProductRepository.COLUMNS + where + " ORDER BY " + orderBy(q.relevance() ? null : q.sort())
                    + " LIMIT ? OFFSET ?", pageArgs);
            }
            return new PageResponse<>(items, q.page(), q.size(), total);
        });
    }

    @Override
    public List<CategoryResponse> categories() {
        return products.categories().stream().map(c -> new CategoryResponse(c.name(), c.productCount())).toList();
    }

    @Override
    public byte[] suggestJson(SuggestQuery q) {
        throw gridshop.platform.ApiException.badRequest("suggestions are served from the grid's catalog index only; "
            + "this node runs the postgres-direct baseline");
    }

    private static List<ProductResponse> page(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            List<ProductResponse> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ProductView.read(rs).response());
                }
            }
            return out;
        }
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] words) {
                ps.setArray(i + 1, c.createArrayOf("text", words));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private static void condition(StringBuilder where, List<Object> args, String sql, Object value) {
        if (value != null) {
            where.append(sql);
            args.add(value);
        }
    }

    private static String orderBy(String sort) {
        return switch (IndexSort.of(sort)) {
            case ID -> "p.id";
            case PRICE -> "p.price, p.id";
            case PRICE_DESC -> "p.price DESC, p.id";
            case NAME -> "p.name COLLATE \"C\", p.id";
            case RATING_DESC -> "p.rating DESC, p.id";
        };
    }
}
