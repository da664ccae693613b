package gridshop.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gridshop.api.cart.CartResponse;
import gridshop.api.catalog.CategoryResponse;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopFixture.CartRow;
import gridshop.platform.TestDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole cluster stops and starts again on the same PostgreSQL: catalog, sessions and carts are back. */
class RestartTest {

    @Test
    void cartsAndCatalogSurviveAFullRestart() {
        String db = TestDatabase.freshUrl();
        Map<String, CartRow> carts = new HashMap<>();
        String catalogBefore;
        try (GridFixture grid = GridFixture.nodes(2, db, Map.of())) {
            ShopClient http = grid.node(0).http();
            for (int i = 0; i < 10; i++) {
                String sid = ShopFixture.newSession(http);
                ShopFixture.setQuantity(http, sid, ShopFixture.inStock(10 + i), 2);
                carts.put(sid, CartRow.of(ShopFixture.setQuantity(http, sid, ShopFixture.inStock(100 + i), 1)));
            }
            catalogBefore = http.get("/api/categories").body();
        }
        try (GridFixture grid = GridFixture.nodes(1, db, Map.of())) {
            ShopClient http = grid.node(0).http();
            assertEquals(catalogBefore, http.get("/api/categories").body());
            assertEquals(300, List.of(http.get("/api/categories").as(CategoryResponse[].class)).stream()
                .mapToLong(CategoryResponse::productCount).sum(), "the demo catalog is not generated twice");
            for (Map.Entry<String, CartRow> e : carts.entrySet()) {
                assertEquals(200, http.get("/api/sessions/" + e.getKey()).status(), "session " + e.getKey());
                assertEquals(e.getValue(), CartRow.of(http.get("/api/sessions/" + e.getKey() + "/cart").as(CartResponse.class)));
            }
        }
    }
}
