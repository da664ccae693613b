package gridshop.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.catalog.ProductResponse;
import gridshop.platform.AdminClient;
import gridshop.platform.OneNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopClient.Reply;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The merchant API: products, prices and stock, behind the admin token. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiTest implements OneNode {
    @Inject
    EmbeddedServer server;
    private static ShopClient http;
    private static AdminClient admin;

    @BeforeAll
    void start() {
        http = OneNode.ready(server);
        admin = AdminClient.of(http);
    }

    @Test
    void everyAdminEndpointIs401WithoutOrWithAWrongToken() {
        for (String auth : new String[] {null, "Bearer wrong", "test-admin-token", "Basic dGVzdA==", "Bearer "}) {
            AdminClient client = new AdminClient(http, auth);
            assertUnauthorized(client.put("/api/admin/products/1", AdminClient.product(1, "X", "1.00")));
            assertUnauthorized(client.patch("/api/admin/products/1/price", "{\"price\":1.00}"));
            assertUnauthorized(client.put("/api/admin/products/1/stock", "{\"available\":1}"));
        }
        ProductResponse unchanged = http.get("/api/products/1").as(ProductResponse.class);
        assertEquals(gridshop.persistence.catalog.DemoCatalog.product(1).name(), unchanged.name());
        assertEquals(gridshop.persistence.catalog.DemoCatalog.product(1).price(), unchanged.price());
    }

    @Test
    void newProductIs201ThenReplacedWith200() {
        Reply created = admin.put("/api/admin/products/5001", AdminClient.product(5001, "Test Lamp", "19.90"));
        assertEquals(201, created.status(), created.body());
        ProductResponse p = http.get("/api/products/5001").as(ProductResponse.class);
        assertEquals("Test Lamp", p.name());
        assertEquals(new BigDecimal("19.90"), p.price());
        assertEquals(0, p.stock());
        Reply replaced = admin.put("/api/admin/products/5001", AdminClient.product(5001, "Test Lamp II", "21.00"));
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals("Test Lamp II", http.get("/api/products/5001").as(ProductResponse.class).name());
        assertEquals(1, http.get("/api/products?category=Testing&q=lamp").map().get("total"));
    }

    @Test
    void priceAndStockChangesAreServedAtOnce() {
        Reply price = admin.patch("/api/admin/products/2/price", "{\"price\":12.34}");
        assertEquals(200, price.status(), price.body());
        assertEquals(new BigDecimal("12.34"), price.as(ProductResponse.class).price());
        assertEquals(new BigDecimal("12.34"), http.get("/api/products/2").as(ProductResponse.class).price());
        Reply stock = admin.put("/api/admin/products/2/stock", "{\"available\":7}");
        assertEquals(200, stock.status(), stock.body());
        assertEquals(7, http.get("/api/products/2").as(ProductResponse.class).stock());
    }

    @Test
    void badMerchantInputIs400AndUnknownProductIs404() {
        for (String body : List.of("{\"price\":0}", "{\"price\":-1}", "{\"price\":1.234}", "{\"price\":\"x\"}", "{}",
            "{\"price\":1,\"currency\":\"EUR\"}")) {
            assertProblem(admin.patch("/api/admin/products/3/price", body), 400);
        }
        for (String body : List.of("{\"available\":-1}", "{}", "{\"available\":1.5e20}", "{\"available\":\"many\"}")) {
            assertProblem(admin.put("/api/admin/products/3/stock", body), 400);
        }
        assertProblem(admin.put("/api/admin/products/3", AdminClient.product(4, "Wrong id", "1.00")), 400);
        assertProblem(admin.put("/api/admin/products/3", AdminClient.product(3, "", "1.00")), 400);
        assertProblem(admin.put("/api/admin/products/3", AdminClient.product(3, "Bad rating", "1.00").replace("4.5", "7")), 400);
        assertProblem(admin.put("/api/admin/products/3", "{\"name\":\"only a name\"}"), 400);
        assertProblem(admin.patch("/api/admin/products/999999/price", "{\"price\":1.00}"), 404);
        assertProblem(admin.put("/api/admin/products/999999/stock", "{\"available\":1}"), 404);
        assertProblem(admin.put("/api/admin/products/abc/stock", "{\"available\":1}"), 400);
    }

    private static void assertUnauthorized(Reply r) {
        assertProblem(r, 401);
    }

    private static void assertProblem(Reply r, int status) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(status, ((Number) r.map().get("status")).intValue());
    }
}
