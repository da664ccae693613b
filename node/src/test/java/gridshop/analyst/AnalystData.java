package gridshop.analyst;

import gridshop.persistence.catalog.DemoCatalogWriter;
import gridshop.persistence.platform.Database;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Analyst data written straight into a fresh PostgreSQL before any node starts (the nodes load it): the demo
 * catalog, sessions, orders with their lines, carts and stock-outs, all deterministic.
 */
public final class AnalystData {
    public static final int PRODUCTS = 300;

    private AnalystData() {
    }

    public static DataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        return ds;
    }

    /** {@code orders} orders of 1–4 lines over 5 days, from a third of 400 sessions; 120 carts, half of them old. */
    public static void generate(DataSource ds, int orders) throws Exception {
        Database.migrate(ds);
        DemoCatalogWriter.writeIfEmpty(ds, PRODUCTS);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            generate(st, orders);
        }
    }

    private static void generate(Statement st, int orders) throws Exception {
        st.execute("INSERT INTO shopper_session (session_id, customer_id, created_at, expires_at, version) "
            + "SELECT 'aq-s-' || g, NULL, now() - (g % 5) * interval '1 day' - (g * 37 % 3600) * interval '1 second', "
            + "now() + interval '1 day', 1 FROM generate_series(1, 400) g");
        st.execute("INSERT INTO orders (order_id, session_id, status, total, item_count, idempotency_key, created_at, version) "
            + "SELECT 'aq-o-' || g, 'aq-s-' || (3 * (g % 133) + 1), 'PLACED', 0, 0, 'aq-' || g, "
            + "now() - (g % 5) * interval '1 day' - (g * 7919 % 86000) * interval '1 second', 1 FROM generate_series(1, " + orders + ") g");
        st.execute("INSERT INTO order_line (order_id, line_no, product_id, name, category, brand, quantity, unit_price, "
            + "line_total, created_at) "
            + "SELECT o.order_id, l, p.id, p.name, p.category, p.brand, 1 + (g + l) % 3, p.price, p.price * (1 + (g + l) % 3), "
            + "o.created_at "
            + "FROM generate_series(1, " + orders + ") g CROSS JOIN generate_series(1, 4) l JOIN orders o ON o.order_id = 'aq-o-' || g "
            + "JOIN product p ON p.id = 1 + ((g * 4 + l) * 7919 % 300) WHERE l <= 1 + g % 4");
        st.execute("UPDATE orders o SET total = s.total, item_count = s.items FROM (SELECT order_id, SUM(line_total) AS total, "
            + "SUM(quantity) AS items FROM order_line GROUP BY order_id) s WHERE s.order_id = o.order_id");
        st.execute("INSERT INTO cart (session_id, product_ids, names, unit_prices, quantities, item_count, subtotal, version, updated_at) "
            + "SELECT 'aq-s-' || (3 * g + 2), ARRAY[p.id], ARRAY[p.name], ARRAY[p.price], ARRAY[1 + g % 4], 1 + g % 4, "
            + "p.price * (1 + g % 4), 1, now() - (CASE WHEN g % 2 = 0 THEN interval '2 hours' ELSE interval '1 minute' END) "
            + "FROM generate_series(1, 120) g JOIN product p ON p.id = 1 + g * 13 % 300");
        // What checkout keeps up on each product's inventory row for the orders it places: their lines' sums.
        st.execute("UPDATE inventory i SET units_sold = s.units, revenue = s.revenue, version = i.version + 1 FROM "
            + "(SELECT product_id, SUM(quantity) AS units, SUM(line_total) AS revenue FROM order_line GROUP BY product_id) s "
            + "WHERE i.product_id = s.product_id");
        st.execute("UPDATE inventory SET available = CASE WHEN product_id % 11 = 0 THEN 0 WHEN product_id % 7 = 0 THEN 3 "
            + "ELSE available END");
    }

}
