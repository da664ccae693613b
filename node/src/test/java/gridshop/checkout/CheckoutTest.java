package gridshop.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.cart.CartResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.api.order.OrderResponse;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopClient.Reply;
import gridshop.platform.ShopFixture;
import gridshop.platform.TestDatabase;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checkout on a two-node grid: atomic, never oversells, idempotent, and written behind to PostgreSQL. */
class CheckoutTest {
    private static GridFixture grid;
    private static ShopClient a;
    private static ShopClient b;

    @BeforeAll
    static void start() {
        grid = GridFixture.nodes(2);
        a = grid.node(0).http();
        b = grid.node(1).http();
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void checkoutPlacesTheOrderEmptiesTheCartAndReservesStock() {
        long p = ShopFixture.inStock(200);
        long q = ShopFixture.inStock(p + 1);
        ShopFixture.setStock(a, p, 50);
        ShopFixture.setStock(a, q, 50);
        // the merchant's counts, made through a, in b's index too (the feed) before the shopper checks out through b
        assertEquals(50, ShopFixture.stockEventually(b, p, 50));
        assertEquals(50, ShopFixture.stockEventually(b, q, 50));
        String sid = ShopFixture.newSession(a);
        ShopFixture.setQuantity(a, sid, q, 2);
        CartResponse cart = ShopFixture.setQuantity(a, sid, p, 3);

        Reply placed = ShopFixture.checkout(b, sid, "order-1");
        assertEquals(201, placed.status(), placed.body());
        OrderResponse order = placed.as(OrderResponse.class);
        assertEquals("/api/orders/" + order.orderId(), placed.headers().firstValue("Location").orElseThrow());
        assertEquals("PLACED", order.status());
        assertEquals(sid, order.sessionId());
        assertEquals(List.of(p, q), order.items().stream().map(i -> i.productId()).toList());
        assertEquals(0, cart.subtotal().compareTo(order.total()));
        // on the node the shopper checked out through at once (but for a lend of the product's row crossing the sale,
        // which shows the row's level until the lane's next settle), on the other node at that settle
        assertEquals(47, ShopFixture.stockEventually(b, p, 47));
        assertEquals(48, ShopFixture.stockEventually(b, q, 48));
        assertEquals(47, ShopFixture.stockEventually(a, p, 47));
        assertEquals(48, ShopFixture.stockEventually(a, q, 48));
        assertTrue(a.get("/api/sessions/" + sid + "/cart").as(CartResponse.class).items().isEmpty());
        assertEquals(order, a.get("/api/orders/" + order.orderId()).as(OrderResponse.class));
        assertEquals(List.of(order), List.of(b.get("/api/sessions/" + sid + "/orders").as(OrderResponse[].class)));

        Reply again = ShopFixture.checkout(a, sid, "order-1");
        assertEquals(200, again.status(), again.body());
        assertEquals(order, again.as(OrderResponse.class));
        assertEquals(47, ShopFixture.stockOf(a, p), "a replay changes nothing");
    }

    @Test
    void sessionOrdersAreNewestFirst() {
        String sid = ShopFixture.newSession(a);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ShopFixture.setQuantity(a, sid, ShopFixture.inStock(120 + i), 1);
            placed.add(ShopFixture.checkout(a, sid, "k" + i).as(OrderResponse.class).orderId());
        }
        Collections.reverse(placed);
        assertEquals(placed, List.of(b.get("/api/sessions/" + sid + "/orders").as(OrderResponse[].class)).stream()
            .map(OrderResponse::orderId).toList());
    }

    @Test
    void shortStockIs409WithTheProductsAndChangesNothing() {
        long p = ShopFixture.inStock(230);
        long q = ShopFixture.inStock(p + 1);
        ShopFixture.setStock(a, p, 20);
        ShopFixture.setStock(a, q, 20);
        String sid = ShopFixture.newSession(a);
        ShopFixture.setQuantity(a, sid, p, 5);
        ShopFixture.setQuantity(a, sid, q, 5);
        ShopFixture.setStock(a, q, 2);
        Reply r = ShopFixture.checkout(a, sid, "short");
        assertEquals(409, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        assertEquals(List.of(q), ((List<?>) r.map().get("productIds")).stream().map(n -> ((Number) n).longValue()).toList());
        assertEquals(20, ShopFixture.stockOf(a, p), "no partial reservation");
        assertEquals(2, ShopFixture.stockOf(a, q));
        assertEquals(2, a.get("/api/sessions/" + sid + "/cart").as(CartResponse.class).items().size(), "cart kept");
        assertEquals(0, a.get("/api/sessions/" + sid + "/orders").as(OrderResponse[].class).length);
    }

    @Test
    void badCheckoutRequests() {
        String sid = ShopFixture.newSession(a);
        assertProblem(ShopFixture.checkout(a, sid, "empty"), 400);
        ShopFixture.setQuantity(a, sid, ShopFixture.inStock(5), 1);
        assertProblem(ShopFixture.checkout(a, sid, null), 400);
        assertProblem(ShopFixture.checkout(a, sid, "x".repeat(65)), 400);
        assertProblem(ShopFixture.checkout(a, "no-such-session", "k"), 404);
        assertProblem(a.get("/api/orders/no-such-order"), 404);
        assertProblem(a.get("/api/sessions/no-such-session/orders"), 404);
        assertEquals(1, a.get("/api/sessions/" + sid + "/cart").as(CartResponse.class).itemCount());
    }

    @Test
    void concurrentCheckoutsOnTwoNodesNeverOversell() throws Exception {
        long s = ShopFixture.inStock(250);
        long t = ShopFixture.inStock(s + 1);
        ShopFixture.setStock(a, s, 10);
        ShopFixture.setStock(a, t, 12);
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String sid = ShopFixture.newSession(i % 2 == 0 ? a : b);
            // Lines in both orders across carts: checkout must lock in one order regardless.
            if (i % 3 == 0) {
                ShopFixture.setQuantity(a, sid, t, 1);
                ShopFixture.setQuantity(a, sid, s, 1);
            } else if (i % 3 == 1) {
                ShopFixture.setQuantity(a, sid, s, 1);
                ShopFixture.setQuantity(a, sid, t, 1);
            } else {
                ShopFixture.setQuantity(a, sid, t, 1);
            }
            sessions.add(sid);
        }
        Map<String, Reply> replies = new ConcurrentHashMap<>();
        List<Reply> all = ShopFixture.atOnce(sessions.size(), i -> ShopFixture.checkout(i % 2 == 0 ? a : b, sessions.get(i), "buy"));
        for (int i = 0; i < sessions.size(); i++) {
            replies.put(sessions.get(i), all.get(i));
        }

        int soldS = 0;
        int soldT = 0;
        int placed = 0;
        for (String sid : sessions) {
            Reply r = replies.get(sid);
            assertTrue(r.status() == 201 || r.status() == 409, sid + ": " + r.status() + " " + r.body());
            if (r.status() == 201) {
                placed++;
                OrderResponse o = r.as(OrderResponse.class);
                assertEquals(o, a.get("/api/orders/" + o.orderId()).as(OrderResponse.class), "every 201 has its order");
                soldS += o.items().stream().filter(i -> i.productId() == s).mapToInt(i -> i.quantity()).sum();
                soldT += o.items().stream().filter(i -> i.productId() == t).mapToInt(i -> i.quantity()).sum();
            } else {
                assertFalse(a.get("/api/sessions/" + sid + "/cart").as(CartResponse.class).items().isEmpty(), "409 keeps the cart");
            }
        }
        assertTrue(soldS <= 10 && soldT <= 12, "no oversell: s=" + soldS + " t=" + soldT);
        assertEquals(10, soldS + ShopFixture.stockEventually(a, s, 10 - soldS), "sold + remaining = initial (s)");
        assertEquals(12, soldT + ShopFixture.stockEventually(a, t, 12 - soldT), "sold + remaining = initial (t)");
        assertTrue(ShopFixture.stockOf(a, s) >= 0 && ShopFixture.stockOf(a, t) >= 0);
        assertTrue(soldT == 12 || soldS == 10, "scarce stock was sold out: s=" + soldS + " t=" + soldT);

        // Every placed order reaches PostgreSQL with its lines.
        int expectedOrders = placed;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long inPostgres;
        do {
            Thread.sleep(100);
            inPostgres = count("SELECT count(*) FROM orders o WHERE o.idempotency_key = 'buy' AND "
                + "o.item_count = (SELECT sum(quantity) FROM order_line l WHERE l.order_id = o.order_id)");
        } while (inPostgres < expectedOrders && System.nanoTime() < deadline);
        assertEquals(expectedOrders, inPostgres);
    }

    @Test
    void theSameKeyReplayedConcurrentlyMakesExactlyOneOrder() throws Exception {
        long p = ShopFixture.inStock(270);
        ShopFixture.setStock(a, p, 40);
        String sid = ShopFixture.newSession(a);
        ShopFixture.setQuantity(a, sid, p, 2);
        Set<String> orderIds = ConcurrentHashMap.newKeySet();
        int created = 0;
        for (Reply r : ShopFixture.atOnce(16, i -> ShopFixture.checkout(i % 2 == 0 ? a : b, sid, "same-key"))) {
            assertTrue(r.status() == 200 || r.status() == 201, r.status() + " " + r.body());
            created += r.status() == 201 ? 1 : 0;
            orderIds.add(r.as(OrderResponse.class).orderId());
        }
        assertEquals(1, created);
        assertEquals(1, orderIds.size());
        assertEquals(1, a.get("/api/sessions/" + sid + "/orders").as(OrderResponse[].class).length);
        assertEquals(38, ShopFixture.stockEventually(a, p, 38));
    }

    @Test
    void analystsSeeOrdersAndLinesInSql() throws Exception {
        String sid = ShopFixture.newSession(a);
        long p = ShopFixture.inStock(280);
        ShopFixture.setStock(a, p, 10);
        ShopFixture.setQuantity(a, sid, p, 2);
        OrderResponse o = ShopFixture.checkout(a, sid, "sql").as(OrderResponse.class);
        try (Connection c = DriverManager.getConnection("jdbc:ignite:thin://127.0.0.1:11800", "analyst", "test-analyst-password"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT order_id, session_id, status, total, item_count, created_at FROM ORDERS WHERE order_id = '" + ShopFixture.gridId(o.orderId()) + "'")) {
                assertTrue(rs.next());
                assertEquals(ShopFixture.gridId(sid), rs.getString("session_id"), "analysts read the unsigned id");
                assertEquals(0, o.total().compareTo(rs.getBigDecimal("total")));
                assertEquals(2, rs.getInt("item_count"));
            }
            try (ResultSet rs = st.executeQuery("SELECT order_id, line_no, product_id, category, quantity, unit_price, line_total, created_at "
                + "FROM ORDER_LINE WHERE order_id = '" + ShopFixture.gridId(o.orderId()) + "'")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt("line_no"));
                assertEquals(p, rs.getLong("product_id"));
                assertEquals(a.get("/api/products/" + p).as(ProductResponse.class).category(), rs.getString("category"));
                assertEquals(0, o.items().get(0).unitPrice().multiply(BigDecimal.valueOf(2)).compareTo(rs.getBigDecimal("line_total")));
            }
            try (ResultSet rs = st.executeQuery("SELECT category, SUM(line_total) FROM ORDER_LINE GROUP BY category")) {
                assertTrue(rs.next());
            }
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = TestDatabase.connect(grid.dbUrl()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertProblem(Reply r, int status) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }
}
