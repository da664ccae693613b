package gridshop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.catalog.ProductResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Prices changed on one node while a second node joins, rebalances and fills its catalog index: every change
 * reaches the new node's index (a change lost between its first read of the catalog and its continuous query,
 * or during rebalancing, would leave that product stale there until its next change).
 */
class JoinWhileWritingTest {

    @Test
    void everyPriceChangedWhileANodeJoinsReachesItsIndex() throws Exception {
        try (GridFixture grid = GridFixture.nodes(1)) {
            AdminClient admin = AdminClient.of(grid.node(0).http());
            Map<Long, BigDecimal> latest = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<String> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                for (int round = 0; !stop.get(); round++) {
                    for (long id = 1 + round % 7; id <= 300 && !stop.get(); id += 7) {
                        BigDecimal price = new BigDecimal((10 + round % 80) + "." + (10 + id % 89));
                        ShopClient.Reply r = admin.patch("/api/admin/products/" + id + "/price", "{\"price\":" + price + "}");
                        if (r.status() == 200) {
                            latest.put(id, price);
                        } else {
                            failure.compareAndSet(null, r.status() + " " + r.body());
                        }
                    }
                }
            }, "price-writer");
            writer.start();
            Thread.sleep(300);
            ShopNode joined = grid.add(Map.of());
            Thread.sleep(1_500);
            stop.set(true);
            writer.join();
            assertEquals(null, failure.get(), "a price change failed");
            assertTrue(latest.size() > 50, "prices changed while the node joined: " + latest.size());

            Map<Long, String> stale = new TreeMap<>();
            long deadline = System.nanoTime() + 5_000_000_000L;
            do {
                stale.clear();
                latest.forEach((id, price) -> {
                    BigDecimal served = joined.http().get("/api/products/" + id).as(ProductResponse.class).price();
                    if (served.compareTo(price) != 0) {
                        stale.put(id, served + " instead of " + price);
                    }
                });
            } while (!stale.isEmpty() && System.nanoTime() < deadline && sleep());
            assertEquals(Map.of(), stale, "prices the joined node's index does not serve 5 s after the last change");
        }
    }

    private static boolean sleep() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
