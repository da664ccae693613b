package gridshop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.cart.CartResponse;
import gridshop.platform.NodeProcess;
import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two of three nodes are killed at once: the one loss a single backup cannot prevent. Carts written before
 * are in PostgreSQL; carts written while PostgreSQL was down are only in the grid. Once ops confirm, the survivor
 * resets the partitions whose both copies are gone, reloads them from PostgreSQL and serves their keys again; it counts
 * the unflushed writes that went with them (and the count matches what this test finds missing); being one of
 * three, a minority, it refuses writes, and keeps the lost partitions lost (503) rather than reload them, until ops
 * confirm the topology: alone, it cannot tell two killed nodes from a cut that left them writing on. The count is kept in PostgreSQL too: a cluster
 * started again after a full stop still says what was lost.
 */
class TwoOfThreeKilledIT {

    private static final Map<String, String> NO_ESCROW = Map.of("gridshop.stock.escrow", "false");

    @Test
    void aMinorityKeepsLostPartitionsAndRefusesWritesUntilConfirmedThenReloadsThem() throws Exception {
        try (OwnPostgres pg = OwnPostgres.start("two-of-three");
             // Stock in escrow off: its lanes' lends are writes of the node's own, and those lost with both copies are
             // counted too, which would blur the exact count of shoppers' writes this test checks.
             NodeProcess a = NodeProcess.start(pg.url(), NO_ESCROW);
             NodeProcess b = NodeProcess.launch(pg.url(), NO_ESCROW);
             NodeProcess c = NodeProcess.launch(pg.url(), NO_ESCROW).readyWith(b)) {
            ShopClient http = a.http();
            // Sessions are made on all three nodes (a node creates a session where it is primary), carts put through A.
            List<ShopClient> creators = List.of(a.http(), b.http(), c.http());
            Map<String, CartRow> flushed = new HashMap<>();
            fill(creators, http, 60, 1, flushed);
            ShopFixture.awaitCarts(pg.url(), Duration.ofSeconds(30), rows -> rows.entrySet().containsAll(flushed.entrySet()));

            pg.down();
            Map<String, CartRow> unflushed = new HashMap<>();
            fill(creators, http, 30, 70, unflushed);
            Thread.sleep(2_500); // every node publishes its unflushed journal entries each second
            b.kill9();
            c.kill9();
            pg.up();

            // One of three cannot tell a kill from a cut: it keeps the lost partitions lost (not reloaded from
            // PostgreSQL's older rows, which the other side of a cut would hold newer) and refuses writes until ops
            // confirm; it counts at once what the departed nodes had not flushed.
            Map<String, Object> health = awaitLossCounted(http);
            long reportedLost = ((Number) health.get("unflushedWritesLost")).longValue();
            Thread.sleep(3_000); // three ticks of the recovery: it would have reloaded by now
            health = http.get("/health/readiness").map();
            assertTrue(((Number) health.get("lostPartitions")).intValue() > 0,
                "a minority does not reload lost partitions before ops confirm: " + health);
            Map<Integer, Integer> cartsByStatus = new java.util.TreeMap<>();
            for (String sid : flushed.keySet()) {
                cartsByStatus.merge(http.get("/api/sessions/" + sid + "/cart").status(), 1, Integer::sum);
            }
            assertTrue(cartsByStatus.getOrDefault(503, 0) > 0 && cartsByStatus.getOrDefault(200, 0) > 0,
                "carts of lost partitions answer 503 while they wait for a majority, the others 200: " + cartsByStatus);
            ShopClient.Reply refused = http.post("/api/sessions", null);
            assertEquals(503, refused.status(), "one of three is a minority: " + refused.body());
            assertTrue(refused.body().contains("minority"), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            ShopClient.Reply confirmed = http.send(HttpRequest.newBuilder(http.uri("/api/ops/topology/confirm"))
                .header("Authorization", "Bearer " + NodeProcess.OPS_TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, confirmed.status(), confirmed.body());

            health = awaitRecovered(http);
            assertEquals(reportedLost, ((Number) health.get("unflushedWritesLost")).longValue(),
                "the loss is counted once, not again when the partitions are reloaded");
            for (Map.Entry<String, CartRow> e : flushed.entrySet()) {
                ShopClient.Reply cart = http.get("/api/sessions/" + e.getKey() + "/cart");
                assertEquals(200, cart.status(), "a flushed cart is served again, reloaded if its partition was lost: " + cart.body());
                assertEquals(e.getValue(), CartRow.of(cart.as(CartResponse.class)));
            }
            Map<String, CartRow> survived = new HashMap<>();
            unflushed.forEach((sid, row) -> {
                if (http.get("/api/sessions/" + sid).status() == 200) {
                    survived.put(sid, row);
                }
            });
            int lostCarts = unflushed.size() - survived.size();
            System.out.printf("two of three killed: %d of %d carts written while PostgreSQL was down were lost with "
                + "both copies; the node reports %d unflushed writes lost%n", lostCarts, unflushed.size(), reportedLost);
            assertTrue(lostCarts > 0, "the test needs unflushed writes in lost partitions");
            assertEquals(2L * lostCarts, reportedLost, "each lost cart is two lost writes (session, cart put), all counted");
            Map<String, CartRow> inPostgres = ShopFixture.awaitCarts(pg.url(), Duration.ofSeconds(30),
                rows -> rows.entrySet().containsAll(survived.entrySet()));
            assertTrue(inPostgres.entrySet().containsAll(survived.entrySet()), "surviving unflushed carts reach PostgreSQL");
            assertEquals(201, http.post("/api/sessions", null).status(), "writes resume once ops confirm");

            // The count survives a full restart: the survivor stops, a new cluster starts from PostgreSQL.
            a.stop();
            try (NodeProcess d = NodeProcess.start(pg.url(), Map.of())) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                Object counted = d.http().get("/health/readiness").map().get("unflushedWritesLost");
                while (!Long.valueOf(reportedLost).equals(counted instanceof Number n ? n.longValue() : null)
                    && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    counted = d.http().get("/health/readiness").map().get("unflushedWritesLost");
                }
                assertEquals(reportedLost, ((Number) counted).longValue(), "the loss is still said after a full restart");
            }
        }
    }

    private static void fill(List<ShopClient> creators, ShopClient http, int n, long fromProduct, Map<String, CartRow> into) {
        for (int i = 0; i < n; i++) {
            String sid = ShopFixture.newSession(creators.get(i % creators.size()));
            into.put(sid, CartRow.of(ShopFixture.setQuantity(http, sid, ShopFixture.inStock(fromProduct + i), 1 + i % 3)));
        }
    }

    /** Waits until the survivor sees one node and has counted what went with the partitions it lost. */
    private static Map<String, Object> awaitLossCounted(ShopClient http) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Object> health = http.get("/health/readiness").map();
        while (System.nanoTime() < deadline && !(((Number) health.get("gridNodes")).intValue() == 1
            && health.get("unflushedWritesLost") != null && ((Number) health.get("unflushedWritesLost")).longValue() > 0)) {
            Thread.sleep(250);
            health = http.get("/health/readiness").map();
        }
        assertEquals(1, ((Number) health.get("gridNodes")).intValue(), health.toString());
        assertTrue(health.get("unflushedWritesLost") instanceof Number n && n.longValue() > 0, "loss counted: " + health);
        return health;
    }

    /** Waits until the survivor sees one node, has lost partitions no more and has counted what went with them. */
    private static Map<String, Object> awaitRecovered(ShopClient http) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Object> health = http.get("/health/readiness").map();
        while (System.nanoTime() < deadline && !(((Number) health.get("gridNodes")).intValue() == 1
            && ((Number) health.get("lostPartitions")).intValue() == 0
            && health.get("unflushedWritesLost") != null && ((Number) health.get("unflushedWritesLost")).longValue() > 0)) {
            Thread.sleep(250);
            health = http.get("/health/readiness").map();
        }
        assertEquals(1, ((Number) health.get("gridNodes")).intValue(), health.toString());
        assertEquals(0, ((Number) health.get("lostPartitions")).intValue(), "lost partitions reloaded: " + health);
        return health;
    }
}
