package gridshop.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gridshop.api.cart.CartResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import gridshop.platform.GridStatus;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** After many cart and product writes, PostgreSQL holds exactly what the grid holds, and nothing is left pending. */
class WriteBehindTest {
    private static GridFixture grid;

    @BeforeAll
    static void start() {
        grid = GridFixture.nodes(1);
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void postgresConvergesToTheGridAfterManyProductAndStockWrites() throws Exception {
        ShopClient http = grid.node(0).http();
        AdminClient admin = AdminClient.of(http);
        Map<Long, String> expected = new HashMap<>();
        for (long id = 1; id <= 40; id++) {
            if (id % 4 == 0) {
                assertEquals(201, admin.put("/api/admin/products/" + (6000 + id), AdminClient.product(6000 + id, "New " + id, "3.50")).status());
                admin.put("/api/admin/products/" + (6000 + id) + "/stock", "{\"available\":" + id + "}");
                expected.put(6000 + id, "New " + id + "|3.50|" + id);
            }
            admin.patch("/api/admin/products/" + id + "/price", "{\"price\":" + (id + 0.25) + "}");
            admin.patch("/api/admin/products/" + id + "/price", "{\"price\":" + (id + 0.5) + "}");
            admin.put("/api/admin/products/" + id + "/stock", "{\"available\":" + (id * 3) + "}");
            ProductResponse p = http.get("/api/products/" + id).as(ProductResponse.class);
            expected.put(id, p.name() + "|" + p.price() + "|" + p.stock());
        }
        String sql = "SELECT p.id, p.name || '|' || p.price || '|' || i.available FROM product p "
            + "JOIN inventory i ON i.product_id = p.id WHERE p.id <= 40 OR p.id > 6000";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<Long, String> inPostgres = rows(sql);
        while (!expected.equals(inPostgres) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            inPostgres = rows(sql);
        }
        assertEquals(expected, inPostgres);
    }

    private static Map<Long, String> rows(String sql) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (Connection c = TestDatabase.connect(grid.dbUrl()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void postgresConvergesToTheGridAfterManyCartWrites() throws Exception {
        ShopClient http = grid.node(0).http();
        Random random = new Random(7);
        Map<String, CartRow> expected = new HashMap<>();
        int writes = 0;
        for (int s = 0; s < 25; s++) {
            String sid = ShopFixture.newSession(http);
            CartResponse cart = null;
            for (int i = 0; i < 6; i++) {
                // Few products per session, so lines are replaced as well as added.
                cart = ShopFixture.setQuantity(http, sid, ShopFixture.inStock(1 + random.nextInt(4) * 50 + s % 3), 1 + random.nextInt(3));
                writes++;
            }
            if (s % 5 == 0) {
                long first = cart.items().get(0).productId();
                cart = http.delete("/api/sessions/" + sid + "/cart/items/" + first).as(CartResponse.class);
                writes++;
            }
            expected.put(sid, CartRow.of(cart));
        }
        Map<String, CartRow> inPostgres = ShopFixture.awaitCarts(grid.dbUrl(), Duration.ofSeconds(20), expected::equals);
        assertEquals(expected, inPostgres, "PostgreSQL after " + writes + " cart writes");
        assertEquals(25, ShopFixture.count(grid.dbUrl(), "shopper_session"));
        for (Map.Entry<String, CartRow> e : expected.entrySet()) {
            assertEquals(e.getValue(), CartRow.of(http.get("/api/sessions/" + e.getKey() + "/cart").as(CartResponse.class)));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (grid.node(0).bean(GridStatus.class).pendingWrites() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, grid.node(0).bean(GridStatus.class).pendingWrites(), "write journal drained");
    }
}
