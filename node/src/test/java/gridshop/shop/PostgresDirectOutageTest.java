package gridshop.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.OwnPostgres;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopClient.Reply;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * gridshop.mode=postgres-direct with its PostgreSQL stopped: every shopper request that needs it is a 503 with
 * Retry-After (problem+json), never a 500; with PostgreSQL back, the same requests succeed.
 */
class PostgresDirectOutageTest {

    @Test
    void aStoppedDatabaseIs503AndTheNodeRecovers() {
        try (OwnPostgres pg = OwnPostgres.start("direct-outage");
             ShopNode node = ShopNode.start("direct-outage", pg.url(), Map.of("gridshop.mode", "postgres-direct"))) {
            ShopClient http = node.http();
            long p = ShopFixture.inStock(30);
            String sid = ShopFixture.newSession(http);
            ShopFixture.setQuantity(http, sid, p, 1);

            pg.down();
            for (Reply r : List.of(http.get("/api/products/" + p), http.get("/api/products?q=lamp"),
                http.put("/api/sessions/" + sid + "/cart/items/" + p, "{\"quantity\":2}"), ShopFixture.checkout(http, sid, "down"))) {
                assertEquals(503, r.status(), r.body());
                assertTrue(r.headers().firstValue("Retry-After").isPresent(), r.headers().toString());
                assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            }

            pg.up();
            // Connections the pool still holds from before the stop fail once each (503 again) and are replaced.
            long deadline = System.nanoTime() + 30_000_000_000L;
            Reply placed = ShopFixture.checkout(http, sid, "down");
            while (placed.status() == 503 && System.nanoTime() < deadline) {
                placed = ShopFixture.checkout(http, sid, "down");
            }
            assertEquals(201, placed.status(), "the same key, now placed: " + placed.body());
        }
    }
}
