package gridshop.analyst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every query of docs/analyst-queries.sql gives, on a two-node grid over the JDBC thin driver, exactly the rows
 * it gives on PostgreSQL once the write-behind has flushed, row for row, on each SQL engine. The data: orders,
 * sessions and carts generated into PostgreSQL before the nodes start (so they load them), plus orders placed
 * through the API afterwards (so they reach PostgreSQL through the write-behind).
 */
class AnalystQueriesTest {
    private static final String USER = "analyst";
    private static final String PASSWORD = "test-analyst-password";
    /** Queries the H2 engine cannot run, and why (the file is standard SQL, which Calcite and PostgreSQL take). */
    private static final Map<String, String> H2_CANNOT = Map.of(
        "cart-abandonment", "H2 1.4.197 has no INTERVAL literals (CURRENT_TIMESTAMP - INTERVAL '30' MINUTE)");
    /** A product the test creates, sells and then moves to another brand. */
    private static final long REBRANDED = 9001;
    private static GridFixture grid;
    private static String dbUrl;

    @BeforeAll
    static void start() throws Exception {
        dbUrl = TestDatabase.freshUrl();
        javax.sql.DataSource ds = AnalystData.dataSource(dbUrl);
        AnalystData.generate(ds, 1200);
        grid = GridFixture.nodes(2, dbUrl, Map.of());
        ShopClient http = grid.node(1).http();
        for (int i = 0; i < 5; i++) {
            String sid = ShopFixture.newSession(http);
            ShopFixture.setQuantity(http, sid, ShopFixture.inStock(10 + i * 7), 1 + i % 3);
            assertEquals(201, ShopFixture.checkout(http, sid, "aq-" + i).status());
        }
        // A product sold under one brand, then moved to another by its merchant.
        AdminClient admin = AdminClient.of(http);
        assertEquals(201, admin.put("/api/admin/products/" + REBRANDED, AdminClient.product(REBRANDED, "Lamp", "12.50")).status());
        ShopFixture.setStock(http, REBRANDED, 10);
        String sid = ShopFixture.newSession(http);
        ShopFixture.setQuantity(http, sid, REBRANDED, 2);
        assertEquals(201, ShopFixture.checkout(http, sid, "aq-rebranded").status());
        assertEquals(200, admin.put("/api/admin/products/" + REBRANDED,
            AdminClient.product(REBRANDED, "Lamp", "12.50").replace("\"Acme\"", "\"Zenith\"")).status());
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((ShopFixture.count(dbUrl, "orders") < 1206 || !"Zenith".equals(brandInPostgres(REBRANDED)))
            && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertEquals(1206, ShopFixture.count(dbUrl, "orders"), "the API's orders reached PostgreSQL");
        assertEquals("Zenith", brandInPostgres(REBRANDED), "the new brand reached PostgreSQL");
    }

    private static String brandInPostgres(long productId) throws Exception {
        try (Connection pg = TestDatabase.connect(dbUrl)) {
            List<List<String>> rows = AnalystQueries.rows(pg, "SELECT brand FROM product WHERE id = " + productId);
            return rows.isEmpty() ? null : rows.get(0).get(0);
        }
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    /** The nodes run H2 without its object cache (GridNode: it cost the scans a quarter of their time). */
    @Test
    void h2RunsWithoutItsObjectCache() {
        assertFalse(org.h2.engine.SysProperties.OBJECT_CACHE, "h2.objectCache is " + System.getProperty("h2.objectCache"));
    }

    @Test
    void everyAnalystQueryGivesPostgresqlsRowsOnEachEngine() throws Exception {
        Map<String, String> queries = AnalystQueries.load();
        assertEquals(List.of("revenue-by-category-per-day", "top-products", "average-order-value", "revenue-by-brand",
            "cart-abandonment", "stock-by-category", "conversion-per-day"), new ArrayList<>(queries.keySet()));
        List<String> wrong = new ArrayList<>();
        try (Connection pg = TestDatabase.connect(dbUrl)) {
            try (Statement st = pg.createStatement()) {
                st.execute("SET TIME ZONE 'UTC'");
            }
            // As scripts/sql runs the file (each query on the engine its hint names, Calcite without one), then on
            // each engine (the hint taken out).
            for (String engine : List.of("as-in-the-file", "h2", "calcite")) {
                String url = "jdbc:ignite:thin://127.0.0.1:11800?distributedJoins=true"
                    + (engine.equals("as-in-the-file") ? "" : "&queryEngine=" + engine);
                try (Connection g = DriverManager.getConnection(url, USER, PASSWORD)) {
                    for (Map.Entry<String, String> entry : queries.entrySet()) {
                        Map.Entry<String, String> q = engine.equals("as-in-the-file") ? entry
                            : Map.entry(entry.getKey(), AnalystQueries.withoutHint(entry.getValue()));
                        List<List<String>> expected = AnalystQueries.rows(pg, entry.getValue());
                        assertFalse(expected.isEmpty(), q.getKey() + " has rows on PostgreSQL");
                        if (engine.equals("h2") && H2_CANNOT.containsKey(q.getKey())) {
                            assertThrows(java.sql.SQLException.class, () -> AnalystQueries.rows(g, q.getValue()),
                                "H2 still cannot: " + H2_CANNOT.get(q.getKey()) + " (take it off the list)");
                            continue;
                        }
                        try {
                            List<List<String>> actual = AnalystQueries.rows(g, q.getValue());
                            if (!actual.equals(expected)) {
                                wrong.add(engine + " " + q.getKey() + ": grid " + head(actual) + " PostgreSQL " + head(expected));
                            }
                        } catch (Exception e) {
                            wrong.add(engine + " " + q.getKey() + ": " + e.getMessage());
                        }
                    }
                }
            }
            assertEquals("60", AnalystQueries.rows(pg, queries.get("cart-abandonment")).get(0).get(0),
                "the generated data has 60 abandoned carts");
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /**
     * The sales checkout keeps on each product's inventory row (top products reads them) equal its order lines'
     * sums, in the grid and in PostgreSQL, including the orders placed through the API in this test.
     */
    @Test
    void salesKeptByCheckoutEqualTheOrderLinesSums() throws Exception {
        String differing = "SELECT i.product_id, i.units_sold, i.revenue, l.units, l.revenue FROM INVENTORY i LEFT JOIN "
            + "(SELECT product_id, SUM(quantity) AS units, SUM(line_total) AS revenue FROM ORDER_LINE GROUP BY product_id) l "
            + "ON l.product_id = i.product_id "
            + "WHERE i.units_sold <> COALESCE(l.units, 0) OR i.revenue <> COALESCE(l.revenue, 0) ORDER BY i.product_id";
        String apiSold = "SELECT COUNT(*) FROM INVENTORY WHERE product_id IN (SELECT product_id FROM ORDER_LINE "
            + "WHERE order_id NOT LIKE 'aq-o-%') AND units_sold > 0";
        onGridAndPostgres((c, where) -> {
            assertEquals(List.of(), AnalystQueries.rows(c, differing), where + ": products whose sales differ from their order lines");
            assertEquals("6", AnalystQueries.rows(c, apiSold).get(0).get(0),
                where + ": the six products ordered through the API have sales");
        });
    }

    /**
     * An order line keeps the brand its product had at checkout (revenue by brand counts the lines alone): in the
     * grid and in PostgreSQL, every line's brand is its product's, except the line of the product whose brand
     * changed after it was sold, which keeps the old one.
     */
    @Test
    void anOrderLineKeepsTheBrandItWasSoldUnder() throws Exception {
        String otherBrand = "SELECT l.order_id, l.product_id, l.brand, p.brand FROM ORDER_LINE l JOIN PRODUCT p "
            + "ON p.id = l.product_id WHERE l.brand IS NULL OR l.brand <> p.brand ORDER BY l.order_id";
        onGridAndPostgres((c, where) -> {
            List<List<String>> rows = AnalystQueries.rows(c, otherBrand);
            assertEquals(1, rows.size(), where + ": only the rebranded product's line differs from its product: " + rows);
            assertEquals(List.of(String.valueOf(REBRANDED), "Acme", "Zenith"), rows.get(0).subList(1, 4), where);
        });
    }

    /** A check made on the grid (Calcite, over the analyst login) and then on PostgreSQL. */
    private interface Check {
        void on(Connection c, String where) throws Exception;
    }

    private static void onGridAndPostgres(Check check) throws Exception {
        try (Connection pg = TestDatabase.connect(dbUrl);
             Connection g = DriverManager.getConnection("jdbc:ignite:thin://127.0.0.1:11800?queryEngine=calcite",
                 USER, PASSWORD)) {
            check.on(g, "grid");
            check.on(pg, "PostgreSQL");
        }
    }

    private static String head(List<List<String>> rows) {
        return rows.size() + " rows " + rows.subList(0, Math.min(3, rows.size()));
    }
}
