package gridshop.apidocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.SpecValidator;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document the node serves at /openapi.yml is the one written from the code, lists exactly the
 * routes the server has (read from Micronaut's router, so neither can grow alone), says which need which token,
 * and the API docs page is served with its own scripts (no network needed).
 */
class OpenApiTest {
    private static GridFixture grid;
    private static ShopClient http;

    @BeforeAll
    static void start() {
        grid = GridFixture.nodes(1);
        http = grid.node(0).http();
    }

    @AfterAll
    static void stop() {
        grid.close();
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
        Set<String> routes = grid.node(0).bean(Router.class).uriRoutes()
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
