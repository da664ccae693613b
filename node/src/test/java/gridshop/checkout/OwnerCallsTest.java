package gridshop.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.cart.CartResponse;
import gridshop.api.order.OrderResponse;
import gridshop.grid.cart.CartCache;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes; every session is created on node A (so A is its primary) and its writes are sent to node B, as a load
 * balancer without session affinity would: B runs none of them itself but sends each to A, and the shopper gets the
 * same answers as from A, refusals included (404, 409, 400 as problems, never a 503 for what A refused).
 */
class OwnerCallsTest {
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
    void cartChangesAndCheckoutsSentToANodeThatDoesNotOwnTheSessionRunOnItsOwner() {
        double sentBefore = calls(1, "owner");
        double ranOnBBefore = calls(1, "here");
        int writes = 0;
        for (int i = 0; i < 10; i++) {
            String sid = ShopFixture.newSession(a);
            assertTrue(primaryIsA(sid), "a session is created on a partition its node is primary for");
            long p = ShopFixture.inStock(10 + 7L * i);
            long q = ShopFixture.inStock(p + 1);
            CartResponse cart = ShopFixture.setQuantity(b, sid, p, 2);
            cart = ShopFixture.setQuantity(b, sid, q, 1);
            assertEquals(List.of(p, q), cart.items().stream().map(l -> l.productId()).toList());
            assertEquals(200, b.delete("/api/sessions/" + sid + "/cart/items/" + q).status());
            ShopClient.Reply placed = ShopFixture.checkout(b, sid, "key-" + i);
            assertEquals(201, placed.status(), placed.body());
            OrderResponse order = placed.as(OrderResponse.class);
            assertEquals(sid, order.sessionId());
            assertEquals(1, order.items().size());
            ShopClient.Reply replay = ShopFixture.checkout(b, sid, "key-" + i);
            assertEquals(200, replay.status(), replay.body());
            assertEquals(order.orderId(), replay.as(OrderResponse.class).orderId());
            assertEquals(200, a.get("/api/orders/" + order.orderId()).status());
            assertEquals(0, a.get("/api/sessions/" + sid + "/cart").as(CartResponse.class).itemCount());
            writes += 5;
        }
        assertEquals(writes, calls(1, "owner") - sentBefore, "B sent every write to A");
        assertEquals(ranOnBBefore, calls(1, "here"), "B ran none itself");
    }

    @Test
    void whatTheOwnerRefusesReachesTheShopperAsTheOwnerAnsweredIt() {
        String sid = ShopFixture.newSession(a);
        assertTrue(primaryIsA(sid));
        ShopClient.Reply unknownProduct = b.put("/api/sessions/" + sid + "/cart/items/999999", "{\"quantity\":1}");
        assertProblem(404, unknownProduct);
        long p = ShopFixture.inStock(200);
        ShopFixture.setStock(a, p, 3);
        ShopClient.Reply tooMany = b.put("/api/sessions/" + sid + "/cart/items/" + p, "{\"quantity\":4}");
        assertProblem(409, tooMany);
        assertProblem(400, ShopFixture.checkout(b, sid, "empty"));
        ShopFixture.setQuantity(b, sid, p, 3);
        ShopFixture.setStock(a, p, 1);
        ShopClient.Reply shortOfStock = ShopFixture.checkout(b, sid, "short");
        assertProblem(409, shortOfStock);
        assertEquals(List.of(((Number) p).intValue()), shortOfStock.map().get("productIds"));
        assertEquals(3, b.get("/api/sessions/" + sid + "/cart").as(CartResponse.class).itemCount(), "cart kept");
        assertProblem(404, b.put("/api/sessions/no-such-session/cart/items/" + p, "{\"quantity\":1}"));
    }

    private static void assertProblem(int status, ShopClient.Reply r) {
        assertEquals(status, r.status(), r.body());
        assertEquals("application/problem+json", r.contentType());
        assertNotEquals(null, r.map().get("detail"));
        assertEquals(status, ((Number) ((Map<?, ?>) r.map()).get("status")).intValue());
    }

    private static boolean primaryIsA(String sid) {
        Ignite ignite = grid.node(0).bean(Ignite.class);
        return ignite.affinity(CartCache.NAME).isPrimary(ignite.cluster().localNode(), ShopFixture.gridId(sid));
    }

    private static double calls(int node, String ran) {
        return grid.node(node).bean(MeterRegistry.class).counter("gridshop.owner.calls", "ran", ran).count();
    }
}
