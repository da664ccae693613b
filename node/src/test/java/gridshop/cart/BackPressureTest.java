package gridshop.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.GridFixture;
import gridshop.platform.GridStatus;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stalls (a lock holds the cart table): unflushed writes pile up in the journal; past the bound,
 * writes answer 503 with Retry-After instead of growing memory; reads still work; once PostgreSQL moves
 * again, everything acknowledged is flushed and writes are admitted again.
 */
class BackPressureTest {

    @Test
    void writesAre503WithRetryAfterWhilePostgresIsStuckAndResumeAfter() throws Exception {
        String db = TestDatabase.freshUrl();
        try (GridFixture grid = GridFixture.nodes(1, db, Map.of("gridshop.write-behind.max-pending", "5"))) {
            ShopClient http = grid.node(0).http();
            GridStatus status = grid.node(0).bean(GridStatus.class);
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sessions.add(ShopFixture.newSession(http));
            }
            awaitPending(status, 0);
            int acknowledged = 0;
            try (Connection lock = TestDatabase.connect(db); Statement st = lock.createStatement()) {
                lock.setAutoCommit(false);
                st.execute("LOCK TABLE cart IN ACCESS EXCLUSIVE MODE");
                for (String sid : sessions) {
                    ShopFixture.setQuantity(http, sid, ShopFixture.inStock(1), 1);
                    acknowledged++;
                }
                awaitPending(status, acknowledged);
                ShopClient.Reply refused = http.put("/api/sessions/" + sessions.get(0) + "/cart/items/" + ShopFixture.inStock(1),
                    "{\"quantity\":2}");
                assertEquals(503, refused.status(), refused.body());
                assertTrue(refused.contentType().startsWith("application/problem+json"));
                assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
                assertEquals(503, http.post("/api/sessions", null).status(), "every business write is paused");
                assertEquals(200, http.get("/api/products/1").status(), "reads still served");
                assertEquals(1, http.get("/api/sessions/" + sessions.get(0) + "/cart").map().get("itemCount"));
                lock.rollback();
            }
            Map<String, ShopFixture.CartRow> rows = ShopFixture.awaitCarts(db, Duration.ofSeconds(20), r -> r.size() == sessions.size());
            assertEquals(sessions.size(), rows.size(), "every acknowledged cart reached PostgreSQL");
            awaitPending(status, 0);
            ShopFixture.setQuantity(http, sessions.get(0), ShopFixture.inStock(1), 2);
        }
    }

    @Test
    void writesAre503WithRetryAfterWhileTheDataRegionIsFullerThanItsLimit() throws Exception {
        // A limit below what the loaded demo catalog already takes: the region counts as full from the start.
        try (GridFixture grid = GridFixture.nodes(1, TestDatabase.freshUrl(),
            Map.of("gridshop.grid.data-region-write-limit", "0.0001"))) {
            ShopClient http = grid.node(0).http();
            GridStatus status = grid.node(0).bean(GridStatus.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (status.memoryUsed() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(status.memoryUsed() > 0.0001, "memory in use is sampled: " + status.memoryUsed());
            ShopClient.Reply refused = http.post("/api/sessions", null);
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.body().contains("memory"), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
            assertEquals(200, http.get("/api/products/1").status(), "reads still served");
        }
    }

    /** Waits until the sampled cluster-wide count of unflushed writes reaches {@code atLeast} (0: drained). */
    private static void awaitPending(GridStatus status, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            long p = status.pendingWrites();
            if (atLeast == 0 ? p == 0 : p >= atLeast) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("pending writes never reached " + atLeast + " [now=" + status.pendingWrites() + "]");
    }
}
