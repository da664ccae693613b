package gridshop.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gridshop.api.cart.CartResponse;
import gridshop.platform.GridFixture;
import gridshop.platform.GridStatus;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** After many cart writes, PostgreSQL holds exactly what the grid holds, and nothing is left pending. */
class WriteBehindTest {

    @Test
    void postgresConvergesToTheGridAfterManyCartWrites() throws Exception {
        try (GridFixture grid = GridFixture.nodes(1)) {
            ShopClient http = grid.node(0).http();
            Random random = new Random(7);
            Map<String, CartRow> expected = new HashMap<>();
            int writes = 0;
            for (int s = 0; s < 25; s++) {
                String sid = ShopFixture.newSession(http);
                CartResponse cart = null;
                for (int i = 0; i < 6; i++) {
                    // Few products per session, so lines are replaced as well as added.
                    cart = ShopFixture.setQuantity(http, sid, ShopFixture.inStock(1 + random.nextInt(4) * 50 + s % 3), 1 + random.nextInt(3));
                    writes++;
                }
                if (s % 5 == 0) {
                    long first = cart.items().get(0).productId();
                    cart = http.delete("/api/sessions/" + sid + "/cart/items/" + first).as(CartResponse.class);
                    writes++;
                }
                expected.put(sid, CartRow.of(cart));
            }
            Map<String, CartRow> inPostgres = ShopFixture.awaitCarts(grid.dbUrl(), Duration.ofSeconds(20), expected::equals);
            assertEquals(expected, inPostgres, "PostgreSQL after " + writes + " cart writes");
            assertEquals(25, ShopFixture.count(grid.dbUrl(), "shopper_session"));
            for (Map.Entry<String, CartRow> e : expected.entrySet()) {
                assertEquals(e.getValue(), CartRow.of(http.get("/api/sessions/" + e.getKey() + "/cart").as(CartResponse.class)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (grid.node(0).bean(GridStatus.class).pendingWrites() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, grid.node(0).bean(GridStatus.class).pendingWrites(), "write journal drained");
        }
    }
}
