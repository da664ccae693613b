package gridshop.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.GridStatus;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.TestDatabase;
import io.micronaut.json.JsonMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever the API accepts, PostgreSQL accepts: input past the schema's real limits is a 400/409 that names the
 * field, and generated valid input of every shape (any printable Unicode, the longest texts, the highest prices,
 * the largest cart) is accepted and reaches PostgreSQL unchanged, with no dead letter.
 */
class InputLimitsTest {
    private static final long SEED = Long.getLong("gridshop.test.seed", System.nanoTime());
    private static GridFixture grid;
    private static ShopClient http;
    private static AdminClient admin;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        grid = GridFixture.nodes(1);
        http = grid.node(0).http();
        admin = AdminClient.of(http);
        json = grid.node(0).bean(JsonMapper.class);
        System.out.println("InputLimitsTest seed: " + SEED + " (rerun with -Dgridshop.test.seed=" + SEED + ")");
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void inputPostgresWouldRefuseIsA400ThatNamesTheField() throws Exception {
        assertProblem(400, "customerId", http.post("/api/sessions", "{\"customerId\":\"a\\u0000b\"}"));
        assertProblem(400, "customerId", http.post("/api/sessions", "{\"customerId\":\"bell\\u0007\"}"));
        assertProblem(400, "customerId", http.post("/api/sessions", "{\"customerId\":\"half \\ud800 pair\"}"));
        Map<String, Object> p = product(9001, "fine", "fine", new BigDecimal("10.00"));
        p.put("name", "tab\tin a name");
        assertProblem(400, "name", admin.put("/api/admin/products/9001", json.writeValueAsString(p)));
        p.put("name", "ok");
        p.put("description", "nul \u0000 here");
        assertProblem(400, "description", admin.put("/api/admin/products/9001", json.writeValueAsString(p)));
        p.put("description", "ok");
        p.put("price", new BigDecimal("9999999999.99"));
        assertProblem(400, "price", admin.put("/api/admin/products/9001", json.writeValueAsString(p)));
        assertProblem(400, "price", admin.patch("/api/admin/products/1/price", "{\"price\":1000000.01}"));
    }

    @Test
    void aCartTakesAtMostAHundredLines() throws Exception {
        String sid = ShopFixture.newSession(http);
        List<Long> ids = inStockProducts(101, 1);
        for (int i = 0; i < 100; i++) {
            ShopFixture.setQuantity(http, sid, ids.get(i), 1);
        }
        ShopClient.Reply full = http.put("/api/sessions/" + sid + "/cart/items/" + ids.get(100), "{\"quantity\":1}");
        assertProblem(409, "lines", full);
        ShopFixture.setQuantity(http, sid, ids.get(0), 2);
    }

    @Test
    void everyGeneratedValidWriteIsAcceptedAndReachesPostgres() throws Exception {
        Random random = new Random(SEED);
        Map<Long, Map<String, Object>> products = new LinkedHashMap<>();
        for (long id = 20_001; id <= 20_100; id++) {
            BigDecimal price = id <= 20_010 ? new BigDecimal("1000000.00")
                : BigDecimal.valueOf(1 + random.nextInt(100_000_000), 2);
            Map<String, Object> p = product(id, text(random, 1 + random.nextInt(200), false), text(random,
                random.nextInt(4000), true), price);
            p.put("sku", text(random, 1 + random.nextInt(64), false));
            p.put("category", text(random, 1 + random.nextInt(100), false));
            p.put("brand", text(random, 1 + random.nextInt(100), false));
            ShopClient.Reply r = admin.put("/api/admin/products/" + id, json.writeValueAsString(p));
            assertTrue(r.status() == 201, "valid product refused [seed=" + SEED + "]: " + r.body());
            assertEquals(200, admin.put("/api/admin/products/" + id + "/stock", "{\"available\":99}").status());
            products.put(id, p);
        }
        Map<String, String> customers = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            String customer = text(random, 1 + random.nextInt(64), false);
            ShopClient.Reply r = http.post("/api/sessions", json.writeValueAsString(Map.of("customerId", customer)));
            assertEquals(201, r.status(), "valid customerId refused [seed=" + SEED + "]: " + r.body());
            customers.put((String) r.map().get("sessionId"), customer);
        }
        String largest = customers.keySet().iterator().next();
        for (long id : products.keySet()) {
            ShopFixture.setQuantity(http, largest, id, 99);
        }

        awaitFlushed();
        assertEquals(0, grid.node(0).bean(GridStatus.class).deadLetters(), "no write was refused [seed=" + SEED + "]");
        try (Connection c = TestDatabase.connect(grid.dbUrl())) {
            for (Map.Entry<Long, Map<String, Object>> e : products.entrySet()) {
                Map<String, Object> p = e.getValue();
                assertEquals(List.of(p.get("name"), p.get("description"), p.get("sku"), p.get("brand"),
                        ((BigDecimal) p.get("price")).setScale(2)),
                    row(c, "SELECT name, description, sku, brand, price FROM product WHERE id = ?", e.getKey()),
                    "product " + e.getKey() + " [seed=" + SEED + "]");
            }
            for (Map.Entry<String, String> e : customers.entrySet()) {
                assertEquals(List.of(ShopFixture.IDS.sealCustomer(e.getValue())), row(c, "SELECT customer_id FROM shopper_session "
                    + "WHERE session_id = ?", ShopFixture.gridId(e.getKey())), "session " + e.getKey() + " [seed=" + SEED + "]");
                assertEquals(e.getValue(), http.get("/api/sessions/" + e.getKey()).map().get("customerId"),
                    "the API answers the customer id as given [seed=" + SEED + "]");
            }
            BigDecimal subtotal = products.values().stream().map(p -> ((BigDecimal) p.get("price")).multiply(BigDecimal.valueOf(99)))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
            assertEquals(List.of(9900, subtotal), row(c, "SELECT item_count, subtotal FROM cart WHERE session_id = ?", ShopFixture.gridId(largest)));
        }
    }

    /** Random text of {@code length} UTF-16 units: ASCII, accents, CJK, emoji (surrogate pairs), quotes, backslashes. */
    private static String text(Random random, int length, boolean multiline) {
        String[] pool = {"a", "Z", "9", " ", "\"", "\\", "'", "%", "é", "ß", "ø", "漢", "字", "€", "\u0301", "😀", "🛒",
            "<", "&", "\u00a0", "\u200b"};
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            String next = multiline && random.nextInt(20) == 0 ? (random.nextBoolean() ? "\n" : "\t") : pool[random.nextInt(pool.length)];
            if (b.length() + next.length() <= length) {
                b.append(next);
            } else {
                b.append('x');
            }
        }
        if (!multiline && b.toString().isBlank()) {
            b.setCharAt(0, 'q'); // a one-line field must not be blank; a description may even be empty
        }
        return b.toString();
    }

    private static Map<String, Object> product(long id, String name, String description, BigDecimal price) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("sku", "SKU-" + id);
        p.put("name", name);
        p.put("description", description);
        p.put("category", "Limits");
        p.put("brand", "Acme");
        p.put("price", price);
        p.put("rating", 4.0);
        return p;
    }

    private static List<Long> inStockProducts(int n, long from) {
        List<Long> ids = new ArrayList<>();
        long next = from;
        while (ids.size() < n) {
            next = ShopFixture.inStock(next);
            ids.add(next++);
        }
        return ids;
    }

    private void awaitFlushed() throws InterruptedException {
        GridStatus status = grid.node(0).bean(GridStatus.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Thread.sleep(1_500);
        while (status.pendingWrites() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, status.pendingWrites(), "writes still pending");
    }

    private static List<Object> row(Connection c, String sql, Object key) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no row for " + key);
                List<Object> out = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.add(rs.getObject(i));
                }
                return out;
            }
        }
    }

    private static void assertProblem(int status, String field, ShopClient.Reply r) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertTrue(String.valueOf(r.map().get("detail")).contains(field), "detail names " + field + ": " + r.body());
    }
}
