package gridshop.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.deadletter.DeadLetterResponse;
import gridshop.grid.cart.Cart;
import gridshop.grid.cart.CartCache;
import gridshop.grid.cart.CartLine;
import gridshop.grid.session.SessionCache;
import gridshop.grid.session.ShopperSession;
import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.GridTransactions;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import gridshop.platform.ShopNode;
import gridshop.platform.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.Test;

/**
 * Rows PostgreSQL refuses never hold back the others. The API no longer lets such values in, so the test puts
 * them into the grid itself, through the same journalled transaction the services use: a session whose
 * customer id holds a NUL, a cart whose subtotal overflows NUMERIC(12,2), and a session a trigger in the test
 * database refuses. Every other write, made at the same time through HTTP, reaches PostgreSQL; the three are
 * listed as dead letters (and counted in readiness); after the trigger is dropped, a retry writes that one; a
 * letter that is still refused stays, and can be dropped.
 */
class PoisonRowTest {

    @Test
    void refusedRowsAreParkedAsDeadLettersWhileEveryOtherWriteFlushes() throws Exception {
        String db = TestDatabase.freshUrl();
        try (GridFixture grid = GridFixture.nodes(1, db, Map.of())) {
            ShopNode node = grid.node(0);
            ShopClient http = node.http();
            execute(db, """
                CREATE FUNCTION refuse_poison() RETURNS trigger AS $$
                BEGIN
                  IF NEW.customer_id = 'refused-by-trigger' THEN RAISE EXCEPTION 'test trigger refuses %', NEW.session_id; END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql""");
            execute(db, "CREATE TRIGGER refuse_poison BEFORE INSERT OR UPDATE ON shopper_session "
                + "FOR EACH ROW EXECUTE FUNCTION refuse_poison()");

            String nul = writeSession(node, "poison-nul", "a\u0000b");
            String trigger = writeSession(node, "poison-trigger", "refused-by-trigger");
            String overflow = writeOverflowingCart(node, "poison-overflow");
            Map<String, CartRow> acknowledged = new HashMap<>();
            for (int i = 0; i < 30; i++) {
                String sid = ShopFixture.newSession(http);
                acknowledged.put(sid, CartRow.of(ShopFixture.setQuantity(http, sid, ShopFixture.inStock(1 + i), 1 + i % 3)));
            }

            Map<String, CartRow> carts = ShopFixture.awaitCarts(db, Duration.ofSeconds(30),
                rows -> rows.entrySet().containsAll(acknowledged.entrySet()));
            assertTrue(carts.entrySet().containsAll(acknowledged.entrySet()),
                "every valid cart reached PostgreSQL despite the poison rows");
            List<DeadLetterResponse> letters = awaitLetters(http, 3);
            Map<String, DeadLetterResponse> byKey = letters.stream().collect(Collectors.toMap(DeadLetterResponse::key, l -> l));
            assertEquals(Map.of(nul, "session", trigger, "session", overflow, "cart"),
                byKey.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().cache())));
            assertTrue(byKey.get(nul).error().contains("0x00"), "NUL refused: " + byKey.get(nul));
            assertTrue(byKey.get(trigger).error().contains("test trigger refuses"), byKey.get(trigger).toString());
            assertTrue(byKey.get(overflow).error().contains("22003"), "numeric overflow: " + byKey.get(overflow));
            assertEquals(3, ((Number) http.get("/health/readiness").map().get("deadLetters")).intValue());
            assertEquals(0L, ShopFixture.count(db, "shopper_session WHERE session_id IN ('" + nul + "','" + trigger + "')"));

            execute(db, "DROP TRIGGER refuse_poison ON shopper_session");
            AdminClient admin = AdminClient.of(http);
            ShopClient.Reply retried = admin.send("/api/admin/dead-letters/" + byKey.get(trigger).id() + "/retry", "POST", "");
            assertEquals(202, retried.status(), retried.body());
            assertEquals("WRITTEN", retried.map().get("outcome"));
            assertEquals(1L, ShopFixture.count(db, "shopper_session WHERE session_id = '" + trigger + "'"));

            ShopClient.Reply again = admin.send("/api/admin/dead-letters/" + byKey.get(nul).id() + "/retry", "POST", "");
            assertEquals(202, again.status(), again.body());
            assertEquals("REFUSED", again.map().get("outcome"));
            DeadLetterResponse nulAgain = letters(http).stream().filter(l -> nul.equals(l.key())).findFirst().orElseThrow();
            assertEquals(2, nulAgain.attempts(), "a refused retry counts an attempt");
            assertEquals(204, admin.send("/api/admin/dead-letters/" + byKey.get(nul).id(), "DELETE", "").status());
            assertEquals(404, admin.send("/api/admin/dead-letters/" + byKey.get(nul).id(), "DELETE", "").status());
            List<DeadLetterResponse> left = letters(http);
            assertEquals(List.of(overflow), left.stream().map(DeadLetterResponse::key).toList());
            assertEquals(401, new AdminClient(http, null).send("/api/admin/dead-letters", "GET", "").status());
        }
    }

    private static String writeSession(ShopNode node, String id, String customerId) {
        IgniteCache<String, ShopperSession> sessions = node.bean(Ignite.class).cache(SessionCache.NAME);
        Timestamp now = Timestamp.from(Instant.now());
        node.bean(GridTransactions.class).write(writes -> {
            writes.put(sessions, id, new ShopperSession(id, customerId, now, Timestamp.from(Instant.now().plusSeconds(600)), 1));
            return null;
        });
        return id;
    }

    private static String writeOverflowingCart(ShopNode node, String sessionId) {
        writeSession(node, sessionId, null);
        IgniteCache<String, Cart> carts = node.bean(Ignite.class).cache(CartCache.NAME);
        CartLine line = new CartLine(1, "too dear", new BigDecimal("9999999999.99"), 2);
        node.bean(GridTransactions.class).write(writes -> {
            writes.put(carts, sessionId, new Cart(sessionId, List.of(line), 1, Timestamp.from(Instant.now())));
            return null;
        });
        return sessionId;
    }

    private static List<DeadLetterResponse> awaitLetters(ShopClient http, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<DeadLetterResponse> letters = letters(http);
        while (letters.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(200);
            letters = letters(http);
        }
        assertEquals(n, letters.size(), "dead letters: " + letters);
        return letters;
    }

    private static List<DeadLetterResponse> letters(ShopClient http) {
        ShopClient.Reply r = AdminClient.of(http).send("/api/admin/dead-letters", "GET", "");
        assertEquals(200, r.status(), r.body());
        return List.of(r.as(DeadLetterResponse[].class));
    }

    private static void execute(String db, String sql) throws Exception {
        try (Connection c = TestDatabase.connect(db); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
