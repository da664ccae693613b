package gridshop.direct;

import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.PageResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.catalog.Catalog;
import gridshop.catalog.SuggestQuery;
import gridshop.catalog.index.ProductJson;
import gridshop.catalog.index.ProductQuery;
import gridshop.catalog.index.IndexSort;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The postgres-direct comparison baseline for the shopper port {@link Catalog}.
 *
 * <p>The catalog straight from PostgreSQL, as a shop without the grid would serve it: a product by primary key
 * joined to its stock; a page as COUNT plus ORDER BY … LIMIT on the (category, sort) indexes; {@code q} on the
 * GIN index of {@code search_words}. The baseline of the shopper search before issue 31: exact words only, relevance
 * is the order by id, and {@code typos}, {@code facets} and {@code highlight} are accepted and ignored.
 */
@DirectMode
@Singleton
final class DirectCatalog implements Catalog {
    private static final String COLUMNS = "SELECT p.id, p.sku, p.name, p.description, p.category, p.brand, p.price, "
        + "p.rating, COALESCE(i.available, 0) FROM product p LEFT JOIN inventory i ON i.product_id = p.id";

    private final Jdbc jdbc;
    private final ProductJson json;

    DirectCatalog(Jdbc jdbc, ProductJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public ProductResponse product(long id) {
        List<ProductResponse> found = jdbc.read(c -> query(c.prepareStatement(COLUMNS + " WHERE p.id = ?"), List.of(id)));
        if (found.isEmpty()) {
            throw Catalog.noSuchProduct(id);
        }
        return found.get(0);
    }

    @Override
    public byte[] productJson(long id) {
        return json.bytes(product(id));
    }

    @Override
    public byte[] searchJson(ProductQuery q) {
        return json.bytes(search(q));
    }

    private PageResponse<ProductResponse> search(ProductQuery q) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        condition(where, args, " AND p.category = ANY(?)", q.categories().isEmpty() ? null : q.categories().toArray(String[]::new));
        condition(where, args, " AND p.brand = ANY(?)", q.brands().isEmpty() ? null : q.brands().toArray(String[]::new));
        condition(where, args, " AND p.price >= ?", q.minPrice());
        condition(where, args, " AND p.price <= ?", q.maxPrice());
        condition(where, args, " AND p.search_words @> ?", q.words().isEmpty() ? null : q.words().toArray(String[]::new));
        return jdbc.read(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM product p" + where)) {
                bind(ps, args);
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
                items = query(c.prepareStatement(COLUMNS + where + " ORDER BY " + orderBy(q.relevance() ? null : q.sort()) + " LIMIT ? OFFSET ?"),
                    pageArgs);
            }
            return new PageResponse<>(items, q.page(), q.size(), total);
        });
    }

    @Override
    public List<CategoryResponse> categories() {
        return jdbc.read(c -> {
            List<CategoryResponse> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT category, COUNT(*) FROM product GROUP BY category ORDER BY category COLLATE \"C\"");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CategoryResponse(rs.getString(1), rs.getLong(2)));
                }
            }
            return out;
        });
    }

    @Override
    public byte[] suggestJson(SuggestQuery q) {
        throw gridshop.platform.ApiException.badRequest("suggestions are served from the grid's catalog index only; "
            + "this node runs the postgres-direct baseline");
    }

    private static List<ProductResponse> query(PreparedStatement ps, List<Object> args) throws SQLException {
        try (ps) {
            bind(ps, args);
            List<ProductResponse> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ProductResponse(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getDouble(8), rs.getInt(9)));
                }
            }
            return out;
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] words) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("text", words));
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
