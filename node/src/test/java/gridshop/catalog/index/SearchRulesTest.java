package gridshop.catalog.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.grid.catalog.Product;
import io.micronaut.json.JsonMapper;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The typo, prefix and ranking rules of api.md on small hand-made catalogs, at their length boundaries. */
class SearchRulesTest {
    private static final Timestamp AT = Timestamp.valueOf("2026-01-01 00:00:00");
    private final CatalogIndex index = new CatalogIndex(new ProductJson(JsonMapper.createDefault()));
    private final List<Product> catalog = new ArrayList<>();
    private long nextId = 1;

    @Test
    void fourLettersMustBeExactFiveMayBeOneEditOffEightOneNineTwo() {
        add("Lamp", "");        // 4 letters
        add("Chair", "");       // 5
        add("Blankets", "");    // 8
        add("Headphones", "");  // 10 (9+)
        index.apply(catalog);
        assertEquals(0, search("lamo").total(), "4 letters: no typo");
        assertEquals(1, search("chiar").total(), "5 letters: a transposition is one edit");
        assertEquals(0, search("chxxr").total(), "5 letters: not two edits");
        assertEquals(1, search("blankts").total(), "7 letters: one deletion");
        assertEquals(0, search("blnkts").total(), "7 letters: not two edits");
        assertEquals(0, search("hedphnes").total(), "8 letters typed: two edits need 9");
        assertEquals(1, search("headphnes").total(), "9 letters: one edit");
        assertEquals(1, search("hedphonez").total(), "9 letters: two edits");
        assertEquals(0, search("hdphonezz").total(), "9 letters: not three edits");
    }

    @Test
    void typosOnlyForAWordWithNoExactMatchAndReportedAsCorrected() {
        add("Chair Cover", "");
        add("Chain Lock", "");
        index.apply(catalog);
        IndexSnapshot.Hits exact = search("chair cover");
        assertEquals(1, exact.total(), "chair exists: chain is not also taken as a typo");
        assertEquals(Map.of(), exact.corrected());
        IndexSnapshot.Hits typo = search("covre");
        assertEquals(Map.of("covre", "cover"), typo.corrected());
        assertEquals(0, index.search(query(List.of("covre"), false, "relevance")).total(), "typos=false");
    }

    @Test
    void onlyTheLastWordIsAPrefix() {
        add("Wireless Speaker", "");
        index.apply(catalog);
        assertEquals(1, search("wirel").total());
        assertEquals(1, search("speaker wir").total());
        assertEquals(0, index.search(query(List.of("wir", "speaker"), false, "price")).total());
    }

    @Test
    void exactBeforePrefixBeforeTypoAndNameBeforeDescriptionAndCloseBeforeFar() {
        add("Lamps Table", "");           // 1: prefix of "lamp" in the name
        add("Desk Lamp", "");             // 2: exact in the name
        add("Desk", "a lamp for reading"); // 3: exact in the description
        add("Stool", "");
        index.apply(catalog);
        assertEquals(List.of(2L, 1L, 3L), ids(search("lamp")));
        catalog.clear();
        add("Oak Desk Lamp", "");          // 5: both words, adjacent
        add("Oak Reading Big Lamp", "");   // 6: both words, far apart
        index.apply(catalog);
        List<Long> order = ids(search("oak lamp"));
        assertTrue(order.indexOf(5L) < order.indexOf(6L), order.toString());
        catalog.clear();
        add("Marble Board", "");           // 7: exact
        add("Marbel Board", "");           // 8: would be a typo, but marble exists: not matched
        index.apply(catalog);
        assertEquals(List.of(7L), ids(search("marble")));
    }

    @Test
    void synonymsMatchExactlyAndAChangeForgetsRememberedMatches() {
        add("Leather Sofa", "");
        add("Velvet Couch", "");
        index.apply(catalog);
        assertEquals(List.of(1L), ids(search("sofa")));
        index.synonyms(new Synonyms(List.of(List.of("sofa", "couch"))));
        assertEquals(List.of(1L, 2L), ids(search("sofa")).stream().sorted().toList());
        index.synonyms(Synonyms.NONE);
        assertEquals(List.of(1L), ids(search("sofa")));
    }

    private IndexSnapshot.Hits search(String q) {
        return index.search(query(List.of(q.split(" ")), true, "relevance"));
    }

    private static ProductQuery query(List<String> words, boolean typos, String sort) {
        return new ProductQuery(List.of(), List.of(), words, null, null, sort, 0, 20, typos, Set.of(), false);
    }

    private static List<Long> ids(IndexSnapshot.Hits hits) {
        return java.util.Arrays.stream(hits.ids()).boxed().toList();
    }

    private void add(String name, String description) {
        long id = nextId++;
        catalog.add(new Product(id, "SKU-" + id, name, description, "Home", "Brand", new BigDecimal("10.00"), 4.0, 1, AT));
    }
}
