package gridshop.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.cart.CartResponse;
import gridshop.api.catalog.CategoryResponse;
import gridshop.api.catalog.ProductResponse;
import gridshop.api.session.SessionCreatedResponse;
import gridshop.api.session.SessionResponse;
import gridshop.persistence.catalog.DemoCatalog;
import gridshop.platform.OneNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.ShopClient.Reply;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The shopper REST contract of api.md, against one real node (grid + PostgreSQL), bad input included. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopApiTest implements OneNode {
    @Inject
    EmbeddedServer server;
    private static ShopClient http;

    @BeforeAll
    void start() {
        http = OneNode.ready(server);
    }

    @Test
    void productByIdHasEveryFieldAndItsStock() {
        ProductResponse p = ok(http.get("/api/products/7")).as(ProductResponse.class);
        assertEquals(7, p.id());
        assertEquals(DemoCatalog.product(7).name(), p.name());
        assertEquals(DemoCatalog.stock(7), p.stock());
        assertEquals(2, p.price().scale());
        assertNotNull(p.sku());
        assertNotNull(p.brand());
    }

    @Test
    void unknownProductIs404AndNonNumericIdIs400() {
        assertProblem(http.get("/api/products/999999"), 404);
        assertProblem(http.get("/api/products/abc"), 400);
        assertProblem(http.get("/api/products/0"), 400);
    }

    @Test
    void categoriesAreSortedAndCountTheWholeCatalog() {
        CategoryResponse[] cats = ok(http.get("/api/categories")).as(CategoryResponse[].class);
        assertTrue(cats.length >= 10, "about twenty categories");
        for (int i = 1; i < cats.length; i++) {
            assertTrue(cats[i - 1].name().compareTo(cats[i].name()) < 0, "sorted by name");
        }
        assertEquals(300, List.of(cats).stream().mapToLong(CategoryResponse::productCount).sum());
    }

    @Test
    void categoryFilterReturnsOnlyThatCategoryWithItsTotal() {
        CategoryResponse first = ok(http.get("/api/categories")).as(CategoryResponse[].class)[0];
        Map<String, Object> page = ok(http.get("/api/products?size=100&category=" + first.name())).map();
        assertEquals(first.productCount(), ((Number) page.get("total")).longValue());
        items(page).forEach(p -> assertEquals(first.name(), p.get("category")));
    }

    @Test
    void sortOrdersArePriceAscendingDescendingNameAndRating() {
        assertSorted("price", Comparator.comparing((Map<String, Object> p) -> price(p)));
        assertSorted("-price", Comparator.comparing((Map<String, Object> p) -> price(p)).reversed());
        assertSorted("name", Comparator.comparing((Map<String, Object> p) -> (String) p.get("name")));
        assertSorted("-rating", Comparator.comparing((Map<String, Object> p) -> ((Number) p.get("rating")).doubleValue()).reversed());
    }

    @Test
    void priceRangeAndWordSearchFilter() {
        List<Map<String, Object>> cheap = items(ok(http.get("/api/products?minPrice=10&maxPrice=50&size=100")).map());
        assertFalse(cheap.isEmpty());
        cheap.forEach(p -> assertTrue(price(p).compareTo(BigDecimal.TEN) >= 0 && price(p).compareTo(BigDecimal.valueOf(50)) <= 0));
        String word = DemoCatalog.product(3).brand();
        List<Map<String, Object>> found = items(ok(http.get("/api/products?size=100&q=" + word.split(" ")[0])).map());
        assertFalse(found.isEmpty());
        found.forEach(p -> assertTrue((p.get("name") + " " + p.get("brand") + " " + p.get("description")).contains(word.split(" ")[0])));
    }

    @Test
    void pagesDoNotOverlapAndKeepTheTotal() {
        Map<String, Object> p0 = ok(http.get("/api/products?size=5&page=0")).map();
        Map<String, Object> p1 = ok(http.get("/api/products?size=5&page=1")).map();
        assertEquals(300L, ((Number) p0.get("total")).longValue());
        assertEquals(p0.get("total"), p1.get("total"));
        assertEquals(5, items(p0).size());
        assertFalse(items(p0).stream().map(p -> p.get("id")).anyMatch(id -> items(p1).stream().anyMatch(q -> q.get("id").equals(id))));
        assertEquals(0, items(ok(http.get("/api/products?size=5&page=1000")).map()).size());
    }

    @Test
    void badSearchParametersAre400() {
        for (String q : List.of("size=0", "size=1000", "size=x", "page=-1", "sort=cheapest", "minPrice=abc",
            "minPrice=-1", "minPrice=20&maxPrice=10", "colour=red", "size=5&size=6")) {
            assertProblem(http.get("/api/products?" + q), 400);
        }
    }

    @Test
    void sessionIsCreatedWithLocationAndReadBack() {
        Reply created = http.post("/api/sessions", "{\"customerId\":\"c-42\"}");
        assertEquals(201, created.status(), created.body());
        SessionCreatedResponse s = created.as(SessionCreatedResponse.class);
        assertEquals("/api/sessions/" + s.sessionId(), created.headers().firstValue("Location").orElseThrow());
        SessionResponse read = ok(http.get("/api/sessions/" + s.sessionId())).as(SessionResponse.class);
        assertEquals("c-42", read.customerId());
        assertTrue(read.expiresAt().isAfter(read.createdAt()));
        assertEquals(201, http.post("/api/sessions", null).status(), "a body is optional");
    }

    @Test
    void badSessionRequests() {
        assertProblem(http.get("/api/sessions/no-such-session"), 404);
        assertProblem(http.get("/api/sessions/no-such-session/cart"), 404);
        assertProblem(http.post("/api/sessions", "{\"customerId\":\"c\",\"admin\":true}"), 400);
        assertProblem(http.post("/api/sessions", "{\"customerId\":"), 400);
        assertProblem(http.post("/api/sessions", "{\"customerId\":\"\"}"), 400);
        assertProblem(http.send(HttpRequest.newBuilder(http.uri("/api/sessions")).header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("hello"))), 415);
    }

    @Test
    void newSessionHasAnEmptyCart() {
        CartResponse cart = ok(http.get("/api/sessions/" + session() + "/cart")).as(CartResponse.class);
        assertTrue(cart.items().isEmpty());
        assertEquals(0, cart.itemCount());
        assertEquals(0, cart.subtotal().signum());
    }

    @Test
    void cartLinesAreSetReplacedAndRemoved() {
        String sid = session();
        long a = ShopFixture.inStock(10);
        long b = ShopFixture.inStock(a + 1);
        ok(http.put("/api/sessions/" + sid + "/cart/items/" + a, "{\"quantity\":2}"));
        ok(http.put("/api/sessions/" + sid + "/cart/items/" + b, "{\"quantity\":1}"));
        CartResponse cart = ok(http.put("/api/sessions/" + sid + "/cart/items/" + a, "{\"quantity\":3}")).as(CartResponse.class);
        assertEquals(2, cart.items().size());
        assertEquals(4, cart.itemCount());
        BigDecimal expected = DemoCatalog.product(a).price().multiply(BigDecimal.valueOf(3)).add(DemoCatalog.product(b).price());
        assertEquals(0, expected.compareTo(cart.subtotal()), "subtotal " + cart.subtotal());
        assertEquals(0, DemoCatalog.product(a).price().multiply(BigDecimal.valueOf(3)).compareTo(cart.items().get(0).lineTotal()));

        cart = ok(http.delete("/api/sessions/" + sid + "/cart/items/" + a)).as(CartResponse.class);
        assertEquals(1, cart.items().size());
        assertEquals(b, cart.items().get(0).productId());
        ok(http.delete("/api/sessions/" + sid + "/cart/items/" + a));
        assertEquals(1, ok(http.get("/api/sessions/" + sid + "/cart")).as(CartResponse.class).itemCount());
    }

    @Test
    void badCartRequests() {
        String sid = session();
        String item = "/api/sessions/" + sid + "/cart/items/" + ShopFixture.inStock(1);
        for (String body : List.of("{\"quantity\":0}", "{\"quantity\":-1}", "{\"quantity\":100}",
            "{\"quantity\":100000000000000}", "{\"quantity\":\"two\"}", "{}", "{\"quantity\":1,\"price\":0}",
            "{\"quantity\":", "[1]", "")) {
            assertProblem(http.put(item, body), 400);
        }
        assertProblem(http.send(HttpRequest.newBuilder(http.uri(item)).header("Content-Type", "text/plain")
            .PUT(HttpRequest.BodyPublishers.ofString("quantity=1"))), 415);
        assertProblem(http.put(item, "{\"quantity\":1,\"note\":\"" + "x".repeat(70_000) + "\"}"), 413);
        assertProblem(http.put("/api/sessions/" + sid + "/cart/items/999999", "{\"quantity\":1}"), 404);
        assertProblem(http.put("/api/sessions/" + sid + "/cart/items/x1", "{\"quantity\":1}"), 400);
        assertProblem(http.put("/api/sessions/nobody/cart/items/1", "{\"quantity\":1}"), 404);
        assertTrue(ok(http.get("/api/sessions/" + sid + "/cart")).as(CartResponse.class).items().isEmpty(),
            "no bad request changed the cart");
    }

    @Test
    void moreThanAvailableStockIs409NamingTheProduct() {
        long scarce = LongStream.rangeClosed(1, 300).filter(id -> DemoCatalog.stock(id) < 99).findFirst().orElseThrow();
        int available = DemoCatalog.stock(scarce);
        String item = "/api/sessions/" + session() + "/cart/items/" + scarce;
        Reply r = http.put(item, "{\"quantity\":" + (available + 1) + "}");
        assertProblem(r, 409);
        assertEquals(List.of(scarce), ((List<?>) r.map().get("productIds")).stream().map(n -> ((Number) n).longValue()).toList());
        if (available > 0) {
            ok(http.put(item, "{\"quantity\":" + available + "}"));
        }
    }

    @Test
    void unknownRouteIsAProblemToo() {
        assertProblem(http.get("/api/nothing-here"), 404);
        assertProblem(http.delete("/api/products/1"), 405);
    }

    private static String session() {
        return http.post("/api/sessions", null).as(SessionCreatedResponse.class).sessionId();
    }

    private static void assertSorted(String sort, Comparator<Map<String, Object>> order) {
        List<Map<String, Object>> items = items(ok(http.get("/api/products?size=50&sort=" + sort)).map());
        assertEquals(50, items.size());
        for (int i = 1; i < items.size(); i++) {
            assertTrue(order.compare(items.get(i - 1), items.get(i)) <= 0, sort + " at " + i + ": " + items.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static BigDecimal price(Map<String, Object> p) {
        return new BigDecimal(p.get("price").toString());
    }

    static Reply ok(Reply r) {
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        return r;
    }

    static void assertProblem(Reply r, int status) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), "content type " + r.contentType());
        Map<String, Object> p = r.map();
        assertEquals(status, ((Number) p.get("status")).intValue());
        assertNotNull(p.get("title"));
        assertNotNull(p.get("detail"));
        assertFalse(r.body().contains("at gridshop.") || r.body().contains("Exception"), "no stack trace: " + r.body());
    }
}
