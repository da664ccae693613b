package gridshop.report;

import gridshop.platform.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The reports there are, each one SQL query over the grid with the period as its two parameters (from
 * inclusive, to exclusive). Without a period: all orders until the report was asked for; for carts, those
 * untouched for 30 minutes by then (as docs/analyst-queries.sql's cart-abandonment).
 */
enum ReportType {
    REVENUE_BY_CATEGORY("revenue-by-category", Duration.ZERO,
        "SELECT category, SUM(line_total) AS revenue, COUNT(*) AS order_lines, SUM(quantity) AS units FROM ORDER_LINE "
            + "WHERE created_at >= ? AND created_at < ? GROUP BY category ORDER BY revenue DESC, category"),
    TOP_PRODUCTS("top-products", Duration.ZERO,
        "SELECT product_id, SUM(line_total) AS revenue, SUM(quantity) AS units FROM ORDER_LINE "
            + "WHERE created_at >= ? AND created_at < ? GROUP BY product_id ORDER BY revenue DESC, product_id LIMIT 10"),
    CART_ABANDONMENT("cart-abandonment", Duration.ofMinutes(30),
        "SELECT COUNT(*) AS abandoned_carts, SUM(subtotal) AS value_at_risk, SUM(item_count) AS items FROM CART "
            + "WHERE item_count > 0 AND updated_at >= ? AND updated_at < ?");

    private final String name;
    private final Duration defaultAge;
    private final String sql;

    ReportType(String name, Duration defaultAge, String sql) {
        this.name = name;
        this.defaultAge = defaultAge;
        this.sql = sql;
    }

    static ReportType of(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("type is required: one of " + names());
        }
        for (ReportType t : values()) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        throw ApiException.badRequest("type '" + name + "' is not a report: one of " + names());
    }

    private static String names() {
        return Arrays.stream(values()).map(t -> t.name).collect(Collectors.joining(", "));
    }

    String id() {
        return name;
    }

    String sql() {
        return sql;
    }

    /** The end of the period when none is given, for a report asked for at {@code now}. */
    Instant defaultTo(Instant now) {
        return now.minus(defaultAge);
    }
}
