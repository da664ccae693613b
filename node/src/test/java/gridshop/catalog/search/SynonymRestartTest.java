package gridshop.catalog.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gridshop.platform.AdminClient;
import gridshop.platform.GridFixture;
import gridshop.platform.ShopClient;
import gridshop.platform.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The synonym groups reach PostgreSQL and come back into the grid, and every node's search, after a full restart. */
class SynonymRestartTest {
    private static final String GROUPS = "{\"groups\":[[\"sofa\",\"couch\"],[\"laptop\",\"notebook\"]]}";

    @Test
    void groupsSurviveAFullRestart() throws Exception {
        String db = TestDatabase.freshUrl();
        long sofas;
        try (GridFixture grid = GridFixture.nodes(2, db, Map.of())) {
            ShopClient http = grid.node(0).http();
            assertEquals(200, AdminClient.of(http).put("/api/admin/synonyms", GROUPS).status());
            sofas = total(http, "sofa");
            assertEquals("sofa couch\nlaptop notebook", awaitRow(db), "written behind the grid");
        }
        try (GridFixture grid = GridFixture.nodes(1, db, Map.of())) {
            ShopClient http = grid.node(0).http();
            assertEquals(GROUPS, http.get("/api/admin/synonyms", AdminClient.TOKEN).body());
            assertEquals(sofas, total(http, "couch"), "loaded into the index at start");
        }
    }

    private static String awaitRow(String db) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Connection c = TestDatabase.connect(db); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT groups FROM synonym_set")) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
            Thread.sleep(100);
        }
        return null;
    }

    private static long total(ShopClient http, String word) {
        return ((Number) http.get("/api/products?size=1&typos=false&q=" + word).map().get("total")).longValue();
    }
}
