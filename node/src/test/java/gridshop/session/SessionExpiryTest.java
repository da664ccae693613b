package gridshop.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.cart.CartResponse;
import gridshop.grid.cart.CartCache;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import gridshop.platform.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.junit.jupiter.api.Test;

/**
 * Sessions slide in PostgreSQL as they do in the grid: a session kept active well past its idle time survives a
 * full restart with its cart; a session left alone expires in the grid and is deleted, with its cart, from
 * PostgreSQL as well.
 */
class SessionExpiryTest {
    private static final Map<String, Object> FAST = Map.of("gridshop.session.idle", "5s",
        "gridshop.session.sweep-interval", "500ms");

    @Test
    void anActiveSessionOutlivesItsIdleTimeAcrossARestartAndAnIdleOneIsGoneEverywhere() throws Exception {
        String db = TestDatabase.freshUrl();
        String active;
        String idle;
        CartRow activeCart;
        try (GridFixture grid = GridFixture.nodes(1, db, FAST)) {
            ShopClient http = grid.node(0).http();
            active = ShopFixture.newSession(http);
            idle = ShopFixture.newSession(http);
            activeCart = CartRow.of(ShopFixture.setQuantity(http, active, ShopFixture.inStock(1), 2));
            ShopFixture.setQuantity(http, idle, ShopFixture.inStock(2), 1);
            IgniteCache<String, Object> carts = grid.node(0).bean(Ignite.class).cache(CartCache.NAME);
            // The active session is touched throughout, also while the idle one is being swept, so that it is
            // fresh when the cluster stops.
            long minimum = System.nanoTime() + Duration.ofSeconds(11).toNanos();
            long limit = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < limit
                && (System.nanoTime() < minimum || rows(db, idle) > 0 || carts.containsKey(idle))) {
                assertEquals(200, http.get("/api/sessions/" + active).status(), "the active session is live");
                Thread.sleep(400);
            }
            assertEquals(404, http.get("/api/sessions/" + idle).status(), "the idle session expired in the grid");
            assertEquals(404, http.get("/api/sessions/" + idle + "/cart").status());
            assertTrue(!carts.containsKey(idle), "the expired session's cart left the grid with it");
            assertTrue(carts.containsKey(active), "the active session's cart is still there");
            assertEquals(0, rows(db, idle), "the idle session and its cart are deleted from PostgreSQL");
            assertTrue(rows(db, active) == 2, "the active session and its cart are in PostgreSQL");
        }
        try (GridFixture grid = GridFixture.nodes(1, db, FAST)) {
            ShopClient http = grid.node(0).http();
            assertEquals(200, http.get("/api/sessions/" + active).status(), "the active session survived the restart");
            assertEquals(activeCart, CartRow.of(http.get("/api/sessions/" + active + "/cart").as(CartResponse.class)));
            assertEquals(404, http.get("/api/sessions/" + idle).status());
        }
    }

    /**
     * Reading a session costs the grid no write: its expiry moves only when the session is written again, so no
     * expiry update goes between the nodes (with Ignite's touched expiry, each of the 30 reads sent one, from the
     * node that read to the other copy's node).
     */
    @Test
    void readingASessionSendsNoExpiryUpdateToTheOtherNode() throws Exception {
        try (GridFixture grid = GridFixture.nodes(2, TestDatabase.freshUrl(), Map.of())) {
            String sid = ShopFixture.newSession(grid.node(0).http());
            long before = ttlUpdatesSent(grid);
            for (int i = 0; i < 30; i++) {
                assertEquals(200, grid.node(i % 2).http().get("/api/sessions/" + sid).status());
            }
            assertEquals(0, ttlUpdatesSent(grid) - before, "expiry updates sent between the nodes over 30 reads");
        }
    }

    /** Ignite's expiry updates (GridCacheTtlUpdateRequest) the nodes of the grid have sent each other. */
    private static long ttlUpdatesSent(GridFixture grid) {
        long sent = 0;
        for (int i = 0; i < 2; i++) {
            Ignite ignite = grid.node(i).bean(Ignite.class);
            TcpCommunicationSpi spi = (TcpCommunicationSpi) ignite.configuration().getCommunicationSpi();
            sent += spi.getSentMessagesByType().getOrDefault(
                "org.apache.ignite.internal.processors.cache.distributed.GridCacheTtlUpdateRequest", 0L);
        }
        return sent;
    }

    /** Rows for the session in shopper_session and cart together. */
    private static long rows(String db, String sessionId) throws Exception {
        return ShopFixture.count(db, "shopper_session WHERE session_id = '" + sessionId + "'")
            + ShopFixture.count(db, "cart WHERE session_id = '" + sessionId + "'");
    }
}
