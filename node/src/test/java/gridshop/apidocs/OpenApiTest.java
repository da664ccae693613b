package gridshop.apidocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.platform.Limits;
import gridshop.platform.AdminClient;
import gridshop.platform.OneNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import gridshop.platform.SpecValidator;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document the node serves at /openapi.yml is the one written from the code, lists exactly the
 * routes the server has (read from Micronaut's router, so neither can grow alone), says which need which token,
 * and the API docs page is served with its own scripts (no network needed).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest implements OneNode {
    @Inject
    EmbeddedServer server;
    private static ShopClient http;

    @BeforeAll
    void start() {
        http = OneNode.ready(server);
    }

    @Test
    void theSpecListsExactlyTheRoutesTheServerHas() {
        ShopClient.Reply served = http.get("/openapi.yml");
        assertEquals(200, served.status());
        assertTrue(served.contentType().startsWith("application/yaml"), served.contentType());
        assertEquals(SpecValidator.spec(), served.body(), "the node serves the document written at compile time");
        Set<String> inSpec = new TreeSet<>();
        paths(served.body()).forEach((path, ops) -> ops.keySet().forEach(m -> inSpec.add(m.toUpperCase() + " " + path)));
        // Micronaut answers HEAD for every GET by itself; the spec lists the GET.
        Set<String> routes = server.getApplicationContext().getBean(Router.class).uriRoutes()
            .filter(r -> !"HEAD".equals(r.getHttpMethodName())).map(r -> r.getHttpMethodName() + " " + template(r)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(routes, inSpec);
    }

    @Test
    @SuppressWarnings("unchecked")
    void operationsForMerchantsAndOpsAskForTheirTokenAndShoppersForNone() {
        paths(SpecValidator.spec()).forEach((path, ops) -> ops.forEach((method, op) -> {
            Object security = ((Map<String, Object>) op).get("security");
            String scheme = security == null ? null : ((Map<String, Object>) ((java.util.List<Object>) security).get(0))
                .keySet().iterator().next();
            String expected = path.startsWith("/api/admin") || path.startsWith("/api/reports") ? "adminToken"
                : path.startsWith("/api/ops") || path.equals("/ops") || path.equals("/metrics") ? "opsToken" : null;
            assertEquals(expected, scheme, method + " " + path);
        }));
    }

    /** The numbers are api's Limits; the constraints on the records put them in the spec and enforce them. */
    @Test
    @SuppressWarnings("unchecked")
    void theSpecStatesTheLimitsTheServerEnforces() {
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) new Yaml().<Map<String, Object>>load(
            SpecValidator.spec()).get("components")).get("schemas");
        Map<String, Object> quantity = property(schemas, "QuantityRequest", "quantity");
        assertEquals(1, quantity.get("minimum"));
        assertEquals(Limits.MAX_QUANTITY, quantity.get("maximum"));
        assertEquals(Limits.MAX_NAME, property(schemas, "ProductUpsertRequest", "name").get("maxLength"));
        assertEquals(0, new java.math.BigDecimal(Limits.MAX_PRICE).compareTo(
            new java.math.BigDecimal(String.valueOf(property(schemas, "PriceRequest", "price").get("maximum")))));

        String sid = ShopFixture.newSession(http);
        long product = ShopFixture.inStock(1);
        ShopClient.Reply over = http.put("/api/sessions/" + sid + "/cart/items/" + product,
            "{\"quantity\":" + (Limits.MAX_QUANTITY + 1) + "}");
        assertEquals(400, over.status(), over.body());
        assertTrue(over.map().get("detail").toString().startsWith("quantity must be less than or equal to " + Limits.MAX_QUANTITY),
            over.body());
        assertEquals(200, http.put("/api/sessions/" + sid + "/cart/items/" + product,
            "{\"quantity\":" + Limits.MAX_QUANTITY + "}").status());
        ShopClient.Reply longName = AdminClient.of(http).put("/api/admin/products/7", "{\"sku\":\"S-7\",\"name\":\""
            + "n".repeat(Limits.MAX_NAME + 1) + "\",\"description\":\"d\",\"category\":\"c\",\"brand\":\"b\","
            + "\"price\":1.00,\"rating\":1}");
        assertEquals(400, longName.status(), longName.body());
        assertTrue(longName.map().get("detail").toString().startsWith("name size must be between 0 and " + Limits.MAX_NAME),
            longName.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(Map<String, Object> schemas, String schema, String property) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) schemas.get(schema)).get("properties"))
            .get(property);
    }

    @Test
    void theApiDocsPageIsServedWithItsOwnScripts() {
        ShopClient.Reply page = http.get("/api-docs");
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"));
        assertTrue(page.body().contains("/api-docs/swagger-ui-bundle.js") && page.body().contains("/openapi.yml"), page.body());
        ShopClient.Reply script = http.get("/api-docs/swagger-ui-bundle.js");
        assertEquals(200, script.status());
        assertTrue(script.contentType().startsWith("application/javascript"));
        assertTrue(script.body().contains("SwaggerUIBundle"), "Swagger UI's bundle");
        assertEquals(200, http.get("/api-docs/swagger-ui.css").status());
        ShopClient.Reply unknown = http.get("/api-docs/secrets.txt");
        assertEquals(404, unknown.status());
        assertTrue(unknown.contentType().startsWith("application/problem+json"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> paths(String spec) {
        Map<String, Object> doc = new Yaml().load(spec);
        return (Map<String, Map<String, Object>>) doc.get("paths");
    }

    /** The route's path with its variables as the spec writes them ({id}, not {id:...}). */
    private static String template(UriRouteInfo<?, ?> route) {
        return route.getUriMatchTemplate().toPathString().replaceAll("\\{([^}:]+)[^}]*}", "{$1}");
    }
}
