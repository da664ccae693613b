package gridshop.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.cart.CartResponse;
import gridshop.platform.NodeProcess;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import gridshop.platform.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two node JVMs; carts are written through node A and acknowledged; node B, primary for about half of them
 * and deliberately slow to flush, is killed with kill -9 before it writes them to PostgreSQL. Every
 * acknowledged cart must still reach PostgreSQL (flushed by A from the backup copies of the journal).
 */
class NodeCrashIT {

    @Test
    void everyAcknowledgedCartReachesPostgresAfterTheOwnerIsKilled() throws Exception {
        String db = TestDatabase.freshUrl();
        try (NodeProcess a = NodeProcess.start(db, Map.of());
             NodeProcess b = NodeProcess.start(db, Map.of("gridshop.write-behind.interval", "120s"))) {
            ShopClient http = a.http();
            Map<String, CartRow> acknowledged = new HashMap<>();
            for (int i = 0; i < 60; i++) {
                String sid = ShopFixture.newSession(http);
                ShopFixture.setQuantity(http, sid, ShopFixture.inStock(1 + i), 1 + i % 4);
                CartResponse cart = ShopFixture.setQuantity(http, sid, ShopFixture.inStock(100 + i), 2);
                acknowledged.put(sid, CartRow.of(cart));
            }
            // A flushes its own partitions within moments; what B owns waits for B's slow flusher.
            Map<String, CartRow> before = ShopFixture.awaitCarts(db, Duration.ofSeconds(5),
                rows -> rows.size() >= acknowledged.size() / 4);
            Set<String> missingBeforeKill = acknowledged.keySet().stream().filter(s -> !acknowledged.get(s).equals(before.get(s)))
                .collect(Collectors.toSet());
            assertTrue(missingBeforeKill.size() >= 5,
                "the test needs unflushed writes owned by the victim; missing only " + missingBeforeKill.size());

            b.kill9();

            Map<String, CartRow> after = ShopFixture.awaitCarts(db, Duration.ofSeconds(60), acknowledged::equals);
            Set<String> lost = acknowledged.keySet().stream().filter(sid -> !acknowledged.get(sid).equals(after.get(sid)))
                .collect(Collectors.toSet());
            assertEquals(Set.of(), lost, lost.size() + " of " + missingBeforeKill.size()
                + " carts unflushed at kill -9 never reached PostgreSQL");
            assertEquals(acknowledged.size(), ShopFixture.count(db, "shopper_session"));
            for (Map.Entry<String, CartRow> e : acknowledged.entrySet()) {
                assertEquals(e.getValue(), CartRow.of(http.get("/api/sessions/" + e.getKey() + "/cart").as(CartResponse.class)),
                    "the grid still serves cart " + e.getKey());
            }
        }
    }
}
