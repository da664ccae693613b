package gridshop.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.api.cart.CartResponse;
import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.api.order.OrderResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopClient.Reply;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopNode;
import gridshop.platform.TestDatabase;
import io.micronaut.transaction.jdbc.DataSourceTransactionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.ignite.Ignite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gridshop.mode=postgres-direct, the benchmark baseline: no grid starts, and the API answers exactly as in grid
 * mode — same pages for the same catalog, same checkout rules (atomic, idempotent, never oversells).
 */
class PostgresDirectModeTest {
    private static final Map<String, Object> DIRECT = Map.of("gridshop.mode", "postgres-direct");
    private static ShopNode direct;
    private static ShopClient http;

    @BeforeAll
    static void start() {
        direct = ShopNode.start("direct", TestDatabase.freshUrl(), DIRECT);
        http = direct.http();
    }

    @AfterAll
    static void stop() {
        direct.close();
    }

    @Test
    void noGridNodeStarts() {
        assertTrue(direct.context().findBean(Ignite.class).isEmpty());
        Map<String, Object> health = http.get("/health/readiness").map();
        assertEquals("UP", health.get("status"));
        assertFalse(health.containsKey("gridNodes"));
    }

    @Test
    void catalogPagesAreTheSameAsTheGrids() {
        String db = TestDatabase.freshUrl();
        try (GridFixture grid = GridFixture.nodes(1, db, Map.of());
             ShopNode pg = ShopNode.start("direct-compare", db, DIRECT)) {
            ShopClient g = grid.node(0).http();
            ShopClient d = pg.http();
            String category = g.get("/api/categories").as(CategoryResponse[].class)[0].name();
            List<String> paths = new ArrayList<>(List.of("/api/categories", "/api/products/7", "/api/products/9999",
                "/api/products?size=7&page=3", "/api/products?q=wireless&size=100&sort=price", "/api/products?q=Wireless%20BASS&sort=name",
                "/api/products?minPrice=20&maxPrice=80.5&sort=-price&size=50", "/api/products?page=9999",
                "/api/products?sort=bogus", "/api/products?brand=Halcyon&sort=name"));
            for (String sort : new String[] {"price", "-price", "name", "-rating"}) {
                paths.add("/api/products?category=" + category + "&sort=" + sort + "&size=13&page=1");
            }
            // With q and no sort the grid ranks by relevance (issue 31) and the baseline by id: words are compared sorted.
            for (String path : paths) {
                Reply fromGrid = g.get(path);
                Reply fromPostgres = d.get(path);
                assertEquals(fromGrid.status(), fromPostgres.status(), path);
                if (fromGrid.status() == 200) {
                    assertEquals(fromGrid.body(), fromPostgres.body(), path);
                }
            }
        }
    }

    @Test
    void cartAndCheckoutWorkAsInTheGrid() {
        long p = ShopFixture.inStock(40);
        ShopFixture.setStock(http, p, 10);
        String sid = ShopFixture.newSession(http);
        ShopFixture.setQuantity(http, sid, p, 3);
        assertEquals(409, http.put("/api/sessions/" + sid + "/cart/items/" + p, "{\"quantity\":11}").status());
        Reply placed = ShopFixture.checkout(http, sid, "k1");
        assertEquals(201, placed.status(), placed.body());
        OrderResponse order = placed.as(OrderResponse.class);
        assertEquals(3, order.items().get(0).quantity());
        assertEquals(7, ShopFixture.stockOf(http, p));
        assertTrue(http.get("/api/sessions/" + sid + "/cart").as(CartResponse.class).items().isEmpty());
        assertEquals(order, http.get("/api/orders/" + order.orderId()).as(OrderResponse.class));
        assertEquals(List.of(order), List.of(http.get("/api/sessions/" + sid + "/orders").as(OrderResponse[].class)));

        Reply again = ShopFixture.checkout(http, sid, "k1");
        assertEquals(200, again.status());
        assertEquals(order, again.as(OrderResponse.class));
        assertEquals(7, ShopFixture.stockOf(http, p), "a replay changes nothing");

        assertEquals(400, ShopFixture.checkout(http, sid, "k2").status(), "empty cart");
        assertEquals(404, ShopFixture.checkout(http, "no-such-session", "k").status());
        assertEquals(404, http.get("/api/orders/no-such-order").status());
    }

    @Test
    void shortStockIs409AndChangesNothing() {
        long p = ShopFixture.inStock(60);
        long q = ShopFixture.inStock(p + 1);
        ShopFixture.setStock(http, p, 20);
        ShopFixture.setStock(http, q, 20);
        String sid = ShopFixture.newSession(http);
        ShopFixture.setQuantity(http, sid, p, 5);
        ShopFixture.setQuantity(http, sid, q, 5);
        ShopFixture.setStock(http, q, 2);
        Reply r = ShopFixture.checkout(http, sid, "short");
        assertEquals(409, r.status(), r.body());
        assertEquals(List.of(q), ((List<?>) r.map().get("productIds")).stream().map(n -> ((Number) n).longValue()).toList());
        assertEquals(20, ShopFixture.stockOf(http, p), "no partial reservation");
        assertEquals(2, http.get("/api/sessions/" + sid + "/cart").as(CartResponse.class).items().size(), "cart kept");
    }

    @Test
    void concurrentCheckoutsNeverOversell() throws Exception {
        long s = ShopFixture.inStock(80);
        long t = ShopFixture.inStock(s + 1);
        ShopFixture.setStock(http, s, 7);
        ShopFixture.setStock(http, t, 9);
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String sid = ShopFixture.newSession(http);
            ShopFixture.setQuantity(http, sid, i % 2 == 0 ? s : t, 1);
            ShopFixture.setQuantity(http, sid, i % 2 == 0 ? t : s, 1);
            sessions.add(sid);
        }
        List<Reply> replies = ShopFixture.atOnce(sessions.size(), i -> ShopFixture.checkout(http, sessions.get(i), "buy"));
        int placed = 0;
        for (Reply r : replies) {
            assertTrue(r.status() == 201 || r.status() == 409, r.status() + " " + r.body());
            placed += r.status() == 201 ? 1 : 0;
        }
        assertEquals(7, placed, "every unit of the scarcer product sold, and no more");
        assertEquals(0, ShopFixture.stockOf(http, s));
        assertEquals(2, ShopFixture.stockOf(http, t));
    }

    @Test
    void theLastUnitHasExactlyOneBuyer() throws Exception {
        long p = ShopFixture.inStock(90);
        ShopFixture.setStock(http, p, 1);
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String sid = ShopFixture.newSession(http);
            ShopFixture.setQuantity(http, sid, p, 1);
            sessions.add(sid);
        }
        List<Reply> replies = ShopFixture.atOnce(sessions.size(), i -> ShopFixture.checkout(http, sessions.get(i), "last"));
        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies.toString());
        assertEquals(7, replies.stream().filter(r -> r.status() == 409).count(), replies.toString());
        assertEquals(0, ShopFixture.stockOf(http, p));
    }

    /** Micronaut Data's transactions and repositories run on the node's one pool: no data source or pool of their own. */
    @Test
    void theBaselineRunsOnTheNodesOnePool() {
        HikariDataSource pool = direct.bean(HikariDataSource.class);
        assertEquals(List.of(pool), List.copyOf(direct.context().getBeansOfType(DataSource.class)));
        assertSame(pool, direct.bean(DataSourceTransactionManager.class).getDataSource());
    }

    @Test
    void merchantChangesAreServedAtOnce() {
        AdminClient admin = AdminClient.of(http);
        Reply r = admin.patch("/api/admin/products/12/price", "{\"price\": 12.34}");
        assertEquals(200, r.status(), r.body());
        assertEquals("12.34", http.get("/api/products/12").as(ProductResponse.class).price().toPlainString());
        assertEquals(404, admin.patch("/api/admin/products/987654/price", "{\"price\": 1}").status());
        assertEquals(404, admin.put("/api/admin/products/987654/stock", "{\"available\": 1}").status());
        assertEquals(201, admin.put("/api/admin/products/987654", AdminClient.product(987654, "Direct Lamp", "19.90")).status());
        assertEquals(200, admin.put("/api/admin/products/987654", AdminClient.product(987654, "Direct Lamp 2", "19.90")).status());
        assertEquals("Direct Lamp 2", http.get("/api/products/987654").as(ProductResponse.class).name());
    }
}
