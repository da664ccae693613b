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
                && (System.nanoTime() < minimum || rows(db, idle) > 0 || carts.containsKey(ShopFixture.gridId(idle)))) {
                assertEquals(200, http.get("/api/sessions/" + active).status(), "the active session is live");
                Thread.sleep(400);
            }
            assertEquals(404, http.get("/api/sessions/" + idle).status(), "the idle session expired in the grid");
            assertEquals(404, http.get("/api/sessions/" + idle + "/cart").status());
            assertTrue(!carts.containsKey(ShopFixture.gridId(idle)), "the expired session's cart left the grid with it");
            assertTrue(carts.containsKey(ShopFixture.gridId(active)), "the active session's cart is still there");
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
     * Writes are paused (PostgreSQL read-only, past {@code max-pending} every write answers 503) for longer than the
     * idle time while a shopper keeps using the session: the grid keeps it alive by touching it, PostgreSQL keeps
     * the expiry of its last write. Once PostgreSQL takes writes again, the sweep deletes the session left alone
     * and leaves the one the grid still holds, with its cart: the cart is not written again after the pause, so a
     * delete here would be for good (a full restart would bring the shopper back to an empty cart).
     */
    @Test
    void theSweepLeavesASessionTheGridStillHoldsAfterWritesWerePausedForLongerThanTheIdleTime() throws Exception {
        String db = TestDatabase.freshUrl();
        Map<String, Object> paused = Map.of("gridshop.session.idle", "6s", "gridshop.session.sweep-interval", "500ms",
            "gridshop.write-behind.max-pending", "1");
        try (GridFixture grid = GridFixture.nodes(1, db, paused)) {
            ShopClient http = grid.node(0).http();
            String active = ShopFixture.newSession(http);
            String idle = ShopFixture.newSession(http);
            ShopFixture.setQuantity(http, active, ShopFixture.inStock(1), 2);
            ShopFixture.setQuantity(http, idle, ShopFixture.inStock(2), 1);
            awaitInPostgres(db, active, idle);
            try {
                TestDatabase.readOnly(db, true);
                awaitWritesPaused(http);
                // Longer than the idle time plus the tenth the sweep allows: PostgreSQL's expiry of the active
                // session is then past, while every touch keeps it alive in the grid.
                long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                while (System.nanoTime() < until) {
                    assertEquals(200, http.get("/api/sessions/" + active).status(), "the active session is live");
                    assertEquals(200, http.get("/api/sessions/" + active + "/cart").status());
                    Thread.sleep(400);
                }
            } finally {
                TestDatabase.readOnly(db, false);
            }
            // No touch from here on (it would write the session again): the grid holds it for the idle time more,
            // time enough for the sweep, which deletes the idle session and its cart on its first run.
            long limit = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (rows(db, idle) > 0 && System.nanoTime() < limit) {
                Thread.sleep(100);
            }
            assertEquals(0, rows(db, idle), "the sweep ran: the idle session and its cart are deleted from PostgreSQL");
            assertEquals(1, ShopFixture.count(db, "cart WHERE session_id = '" + ShopFixture.gridId(active) + "'"),
                "the active session's cart is still in PostgreSQL");
            assertEquals(1, ShopFixture.count(db, "shopper_session WHERE session_id = '" + ShopFixture.gridId(active) + "'"),
                "the active session is still in PostgreSQL");
            assertEquals(200, http.get("/api/sessions/" + active).status(), "the grid still held the active session");
        }
    }

    /** Waits until PostgreSQL holds each session and its cart. */
    private static void awaitInPostgres(String db, String... sessionIds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (String sid : sessionIds) {
            while (rows(db, sid) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(2, rows(db, sid), "the session and its cart reached PostgreSQL before the pause");
        }
    }

    /** New sessions pile up in the journal until writes answer 503 (back-pressure). */
    private static void awaitWritesPaused(ShopClient http) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status = http.post("/api/sessions", null).status();
        while (status != 503 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = http.post("/api/sessions", null).status();
        }
        assertEquals(503, status, "writes are paused");
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
        return ShopFixture.count(db, "shopper_session WHERE session_id = '" + ShopFixture.gridId(sessionId) + "'")
            + ShopFixture.count(db, "cart WHERE session_id = '" + ShopFixture.gridId(sessionId) + "'");
    }
}
