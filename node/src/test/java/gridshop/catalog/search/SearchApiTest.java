package gridshop.catalog.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.catalog.SuggestionResponse;
import gridshop.grid.catalog.ProductCache;
import gridshop.platform.OneNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import gridshop.platform.ShopClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The search of api.md on one node with the generated demo catalog (300 products), read over HTTP. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest implements OneNode {
    @Inject
    EmbeddedServer server;
    static ShopClient http;
    static Ignite ignite;

    @BeforeAll
    void start() {
        http = OneNode.ready(server);
        ignite = server.getApplicationContext().getBean(Ignite.class);
    }

    @Test
    void aProductWithTheWordInItsNameRanksAboveOneWithItOnlyInItsDescription() {
        // "Compact", "Studio", "Smart" are both name adjectives and description features of the demo catalog.
        for (String word : List.of("compact", "studio", "smart")) {
            List<Map<String, Object>> items = items(ok("/api/products?size=100&q=" + word));
            assertTrue(items.stream().anyMatch(p -> !inName(p, word)), word + ": some match only in the description");
            int lastInName = -1;
            int firstNotInName = Integer.MAX_VALUE;
            for (int i = 0; i < items.size(); i++) {
                if (inName(items.get(i), word)) {
                    lastInName = i;
                } else {
                    firstNotInName = Math.min(firstNotInName, i);
                }
            }
            assertTrue(lastInName < firstNotInName, word + ": every name match first " + names(items));
        }
    }

    @Test
    void productsWithEveryWordComeBeforeProductsWithSome() {
        List<Map<String, Object>> items = items(ok("/api/products?size=100&q=wireless+headphones"));
        boolean some = false;
        for (Map<String, Object> p : items) {
            boolean all = text(p).contains("wireless") && text(p).contains("headphones");
            assertFalse(some && all, "an all-words match after a some-words match: " + names(items));
            some |= !all;
        }
        assertTrue(some, "products with only the first word follow");
    }

    @Test
    void anExactMatchRanksAboveATypoMatchAndTheTypoIsReported() {
        Map<String, Object> page = ok("/api/products?size=100&q=hedphones");
        assertEquals(Map.of("hedphones", "headphones"), page.get("corrected"));
        assertFalse(items(page).isEmpty());
        items(page).forEach(p -> assertTrue(text(p).contains("headphones"), p.get("name").toString()));
        Map<String, Object> off = ok("/api/products?q=hedphones&typos=false");
        assertEquals(0, ((Number) off.get("total")).intValue());
        assertFalse(off.containsKey("corrected"));
    }

    @Test
    void theLastWordIsAlsoAPrefix() {
        Map<String, Object> page = ok("/api/products?size=100&q=wirel");
        assertTrue(((Number) page.get("total")).intValue() > 0);
        items(page).forEach(p -> assertTrue(text(p).contains("wireless"), p.get("name").toString()));
        assertEquals(0, ((Number) ok("/api/products?q=wirel+headphones&sort=price").get("total")).intValue(),
            "only the last word is a prefix");
    }

    @Test
    void highlightMarksMatchedWordsAndEscapesTheText() {
        List<Map<String, Object>> items = items(ok("/api/products?q=wireless&highlight=true&size=5"));
        assertFalse(items.isEmpty());
        for (Map<String, Object> p : items) {
            @SuppressWarnings("unchecked")
            Map<String, String> h = (Map<String, String>) p.get("highlight");
            String marked = h.get("name") + " " + h.get("description");
            assertTrue(marked.toLowerCase(Locale.ROOT).contains("<em>wireless</em>"), marked);
            assertEquals(p.get("description"), h.get("description").replace("<em>", "").replace("</em>", ""));
        }
        assertFalse(items(ok("/api/products?q=wireless&size=5")).get(0).containsKey("highlight"));
    }

    @Test
    void repeatedBrandsAreAnyOf() {
        List<Map<String, Object>> items = items(ok("/api/products?size=100&brand=Acme&brand=Zephyr"));
        assertTrue(items.stream().anyMatch(p -> p.get("brand").equals("Acme")));
        assertTrue(items.stream().anyMatch(p -> p.get("brand").equals("Zephyr")));
        items.forEach(p -> assertTrue(List.of("Acme", "Zephyr").contains(p.get("brand"))));
        assertEquals(count("brand IN ('Acme','Zephyr')"), ((Number) ok("/api/products?brand=Acme&brand=Zephyr")
            .get("total")).longValue());
    }

    @Test
    void suggestionsCompleteTheLastWordWithTheirProductCounts() {
        List<Map<String, Object>> s = list(http.get("/api/suggest?q=wir&size=3"));
        assertEquals("wireless", s.get(0).get("text"));
        assertEquals(((Number) ok("/api/products?q=wireless&typos=false").get("total")).longValue(),
            ((Number) s.get(0).get("productCount")).longValue());
        assertEquals("wireless", list(http.get("/api/suggest?q=wirles")).get(0).get("text"), "a typo in the prefix");
        List<Map<String, Object>> two = list(http.get("/api/suggest?q=noise+canc"));
        assertEquals("noise cancelling", two.get(0).get("text"));
        long counts = two.stream().mapToLong(m -> ((Number) m.get("productCount")).longValue()).max().orElseThrow();
        assertEquals(counts, ((Number) two.get(0).get("productCount")).longValue(), "most products first");
    }

    /** Randomized filters: every facet's counts are those of SQL over the grid without that facet's own filter. */
    @Test
    void facetCountsEqualSqlOverTheGridWithDisjunctiveFilters() {
        long seed = Long.getLong("facets.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> categories = sql("SELECT DISTINCT category FROM PRODUCT ORDER BY category").stream()
            .map(r -> r.get(0).toString()).toList();
        List<String> brands = sql("SELECT DISTINCT brand FROM PRODUCT ORDER BY brand").stream()
            .map(r -> r.get(0).toString()).toList();
        for (int i = 0; i < 25; i++) {
            FacetCase c = FacetCase.random(random, categories, brands);
            Map<String, Object> page = ok("/api/products?facets=category,brand,price,rating&typos=false" + c.query());
            @SuppressWarnings("unchecked")
            Map<String, List<Map<String, Object>>> facets = (Map<String, List<Map<String, Object>>>) page.get("facets");
            String why = "seed " + seed + " (-Dfacets.seed), " + c.query();
            assertEquals(count(c.where(null)), ((Number) page.get("total")).longValue(), why);
            assertEquals(c.expected("category", sql(c.groupBy("category", "category"))), counts(facets.get("category")), why);
            assertEquals(c.expected("brand", sql(c.groupBy("brand", "brand"))).subList(0,
                Math.min(20, c.expected("brand", sql(c.groupBy("brand", "brand"))).size())),
                counts(facets.get("brand")).subList(0, Math.min(20, facets.get("brand").size())), why);
            assertEquals(c.expected("price", sql(c.groupBy("price", FacetCase.PRICE_BAND))), counts(facets.get("price")), why);
            assertEquals(c.expected("rating", c.ratings()), counts(facets.get("rating")), why);
        }
    }

    private static List<String> counts(List<Map<String, Object>> values) {
        return values.stream().map(v -> v.get("value") + "=" + ((Number) v.get("count")).longValue()).toList();
    }

    @Test
    void badParametersAre400Problems() {
        for (String bad : List.of("/api/products?facets=color", "/api/products?typos=maybe",
            "/api/products?highlight=1", "/api/products?sort=best", "/api/products?q=a&q=b", "/api/suggest",
            "/api/suggest?q=", "/api/suggest?q=%20-%20", "/api/suggest?q=a&size=0", "/api/suggest?q=a&size=21",
            "/api/suggest?q=a&size=x", "/api/suggest?q=a&limit=3")) {
            ShopClient.Reply r = http.get(bad);
            assertEquals(400, r.status(), bad + " " + r.body());
            assertTrue(r.contentType().startsWith("application/problem+json"), bad);
        }
    }

    static Map<String, Object> ok(String path) {
        ShopClient.Reply r = http.get(path);
        assertEquals(200, r.status(), path + " " + r.body());
        return r.map();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    static List<Map<String, Object>> list(ShopClient.Reply r) {
        assertEquals(200, r.status(), r.body());
        List<Map<String, Object>> out = new ArrayList<>();
        for (SuggestionResponse s : r.as(SuggestionResponse[].class)) {
            out.add(Map.of("text", s.text(), "productCount", s.productCount()));
        }
        return out;
    }

    private static boolean inName(Map<String, Object> p, String word) {
        return p.get("name").toString().toLowerCase(Locale.ROOT).contains(word);
    }

    private static String text(Map<String, Object> p) {
        return (p.get("name") + " " + p.get("description")).toLowerCase(Locale.ROOT);
    }

    private static List<Object> names(List<Map<String, Object>> items) {
        List<Object> out = new ArrayList<>();
        items.forEach(p -> out.add(p.get("name")));
        return out;
    }

    /** Products of the grid's PRODUCT table that pass an SQL condition. */
    static long count(String where) {
        return ((Number) sql("SELECT COUNT(*) FROM PRODUCT WHERE " + where).get(0).get(0)).longValue();
    }

    static List<List<?>> sql(String query) {
        return ignite.cache(ProductCache.NAME).query(new SqlFieldsQuery(query).setSchema("PUBLIC"))
            .getAll();
    }
}
