package gridshop.catalog.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.platform.Limits;
import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT/GET /api/admin/synonyms} on two nodes over the demo catalog (300 products, a few of them sofas): the groups
 * are read back in search form, a search uses them at once on the node written to and within 1 s on the other, and
 * bad bodies and missing tokens change nothing.
 */
class SynonymApiTest {
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
    void putGroupsAreReadBackInSearchFormFromEveryNode() {
        ShopClient.Reply put = put(a, "{\"groups\":[[\"Sofa\",\"couch\",\"SOFA\"],[\"laptop\",\"Notebook\"]]}");
        assertEquals(200, put.status(), put.body());
        String expected = "{\"groups\":[[\"sofa\",\"couch\"],[\"laptop\",\"notebook\"]]}";
        assertEquals(expected, put.body());
        assertEquals(expected, get(a).body());
        assertEquals(expected, get(b).body());
        assertEquals(200, put(b, "{\"groups\":[]}").status());
        assertEquals("{\"groups\":[]}", get(a).body(), "an empty list removes every group");
    }

    @Test
    void aSearchForCouchFindsTheSofasOnceTheGroupIsPut() {
        assertEquals(200, put(a, "{\"groups\":[]}").status());
        long sofas = total(a, "sofa");
        assertTrue(sofas > 0, "the demo catalog has sofas");
        assertEquals(0, total(a, "couch"), "no couch in the catalog");
        assertEquals(200, put(a, "{\"groups\":[[\"sofa\",\"couch\"]]}").status());
        Map<String, Object> page = a.get("/api/products?size=100&q=couch").map();
        assertEquals(sofas, ((Number) page.get("total")).longValue(), "the node written to searches with it at once");
        for (Map<String, Object> item : items(page)) {
            assertTrue(item.get("name").toString().toLowerCase(Locale.ROOT).contains("sofa"), item.toString());
        }
        assertEquals(200, put(a, "{\"groups\":[]}").status());
        assertEquals(0, total(a, "couch"), "and forgets it when the group is removed");
    }

    /** Like a price change (TwoNodeClusterTest): one node answers at once, the other within a second. */
    @Test
    void aChangeOnOneNodeIsSearchedWithByTheOtherWithinASecond() throws InterruptedException {
        long sofas = total(a, "sofa");
        for (int round = 0; round < 6; round++) {
            ShopClient writer = round % 2 == 0 ? a : b;
            ShopClient other = round % 2 == 0 ? b : a;
            String word = "kanapee" + round;
            assertEquals(200, put(writer, "{\"groups\":[[\"sofa\",\"" + word + "\"]]}").status());
            long acknowledged = System.nanoTime();
            assertEquals(sofas, total(writer, word), word + " on the writer");
            long seen = total(other, word);
            while (seen != sofas && System.nanoTime() - acknowledged < 1_000_000_000L) {
                Thread.sleep(5);
                seen = total(other, word);
            }
            assertEquals(sofas, seen, word + " on the other node, 1 s after the change");
            if (round > 0) {
                assertEquals(0, total(writer, "kanapee" + (round - 1)), "the group it replaced is gone");
            }
        }
    }

    @Test
    void badGroupsAre400ProblemsNamingTheGroupAndChangeNothing() {
        assertEquals(200, put(a, "{\"groups\":[[\"sofa\",\"couch\"]]}").status());
        String tooLong = "w".repeat(Limits.MAX_SYNONYM_WORD + 1);
        String manyWords = "[" + String.join(",", Collections.nCopies(Limits.MAX_SYNONYM_WORDS + 1, "\"w\"")) + "]";
        String manyGroups = String.join(",", Collections.nCopies(Limits.MAX_SYNONYM_GROUPS + 1, "[\"a\",\"b\"]"));
        for (String body : List.of("{}", "{\"groups\":null}", "{\"groups\":\"sofa\"}", "{\"groups\":[\"sofa\",\"couch\"]}",
                "{\"groups\":[[]]}", "{\"groups\":[[\"sofa\"]]}", "{\"groups\":[[\"sofa\",\"  \"]]}",
                "{\"groups\":[[\"sofa\",null]]}", "{\"groups\":[[\"sofa\",\"" + tooLong + "\"]]}",
                "{\"groups\":[[\"sofa\",\"sofa bed\"]]}", "{\"groups\":[[\"sofa\",\"--\"]]}",
                "{\"groups\":[[\"Sofa\",\"sofa\"]]}", "{\"groups\":[[\"sofa\",\"a\\u0007b\"]]}",
                "{\"groups\":[" + manyWords + "]}", "{\"groups\":[" + manyGroups + "]}",
                "{\"groups\":[[\"sofa\",\"couch\"]],\"extra\":1}")) {
            ShopClient.Reply r = put(a, body);
            assertEquals(400, r.status(), body + " → " + r.body());
            assertTrue(r.contentType().startsWith("application/problem+json"), body);
            String detail = String.valueOf(r.map().get("detail"));
            assertTrue(detail.contains("groups") || body.contains("extra") && detail.contains("extra"),
                body + " → " + detail);
        }
        assertEquals("{\"groups\":[[\"sofa\",\"couch\"]]}", get(b).body());
    }

    @Test
    void withoutTheAdminTokenItIs401AndNothingChanges() {
        assertEquals(200, put(a, "{\"groups\":[[\"sofa\",\"couch\"]]}").status());
        for (String auth : new String[] {null, "Bearer wrong", AdminClient.TOKEN, "Bearer "}) {
            AdminClient client = new AdminClient(a, auth);
            assertUnauthorized(client.put("/api/admin/synonyms", "{\"groups\":[[\"desk\",\"table\"]]}"));
            assertUnauthorized(client.send("/api/admin/synonyms", "GET", ""));
        }
        assertEquals("{\"groups\":[[\"sofa\",\"couch\"]]}", get(b).body());
    }

    private static void assertUnauthorized(ShopClient.Reply r) {
        assertEquals(401, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }

    private static ShopClient.Reply put(ShopClient node, String body) {
        return AdminClient.of(node).put("/api/admin/synonyms", body);
    }

    private static ShopClient.Reply get(ShopClient node) {
        ShopClient.Reply r = node.get("/api/admin/synonyms", AdminClient.TOKEN);
        assertEquals(200, r.status(), r.body());
        return r;
    }

    private static long total(ShopClient node, String word) {
        ShopClient.Reply r = node.get("/api/products?size=1&typos=false&q=" + word);
        assertEquals(200, r.status(), r.body());
        return ((Number) r.map().get("total")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }
}
