package gridshop.catalog.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gridshop.api.catalog.CategoryResponse;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.SearchText;
import gridshop.grid.catalog.Stock;
import gridshop.persistence.catalog.DemoCatalog;
import io.micronaut.json.JsonMapper;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The index answers every query exactly as filtering and sorting the whole catalog would (the SQL it replaced). */
class CatalogIndexTest {
    private static final String[] CATEGORIES = {"Audio", "Books", "Garden", "Toys"};
    private static final String[] BRANDS = {"Acme", "Borealis", "Cobalt"};
    private static final String[] WORDS = {"wireless", "oak", "red", "compact", "quiet", "vegan", "re", "qui"};
    private static final String[] SORTS = {null, "price", "-price", "name", "-rating"};
    private static final Timestamp AT = Timestamp.valueOf("2026-01-01 00:00:00");

    private final Random random = new Random(42);
    private final Map<Long, Product> catalog = new HashMap<>();
    private final CatalogIndex index = new CatalogIndex(new ProductJson(JsonMapper.createDefault()));

    @Test
    void everyQueryMatchesAFullScan() {
        addProducts(1, 600);
        index.apply(catalog.values());
        checkRandomQueries(400);
    }

    @Test
    void searchesAreRememberedOnlyWhenThatIsOn() {
        addProducts(1, 300);
        CatalogIndex off = besideOneThatRemembersNothing();
        ProductQuery q = query(null, null, List.of(WORDS[0]), null, null, "price", 0, 10);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(index.search(q).ids(), off.search(q).ids(), "the same answer with remembering off");
        }
        assertEquals(3, off.searchCounts().computed(), "remembering off: every search computed");
        assertEquals(0, off.searchCounts().remembered());
        assertEquals(1, index.searchCounts().computed(), "remembering on: computed once");
        assertEquals(2, index.searchCounts().remembered());
    }

    /**
     * A relevance search is answered from its first word's own order walked through its filters, after the matches that
     * have another of its words ({@code IndexSnapshot.fromOrders}); every page must be what ranking the filtered matches
     * gives (an index that remembers nothing and keeps no orders). One to three words: words of the catalog, one that
     * is not, and one cut short (the last word is a prefix).
     */
    @Test
    void searchesUnderAnyFilterRankAsRankingEveryMatch() {
        addProducts(1, 800);
        CatalogIndex off = besideOneThatRemembersNothing();
        rankAlike(off, 800);
    }

    /**
     * Each word's own order ({@code WordOrders}) is patched by small batches like the other lists: products given new
     * words, ratings and names, and new products, one to six at a time; with a synonym group, searches then rank as
     * ranking every match does.
     */
    @Test
    void wordOrdersPatchedBySmallBatchesRankAsRankingEveryMatch() {
        addProducts(1, 600);
        CatalogIndex off = besideOneThatRemembersNothing();
        List<Product> changed = new ArrayList<>();
        for (long id = 1; id <= 600; id += 4) {
            catalog.put(id, product(id, 2));
            changed.add(catalog.get(id));
        }
        addProducts(601, 650);
        changed.addAll(catalog.values().stream().filter(p -> p.id() > 600).toList());
        Synonyms synonyms = new Synonyms(List.of(List.of("oak", "quiet")));
        index.synonyms(synonyms);
        off.synonyms(synonyms);
        for (int i = 0; i < changed.size(); ) {
            int n = 1 + random.nextInt(6);
            List<Product> batch = changed.subList(i, Math.min(changed.size(), i + n));
            index.apply(batch);
            off.apply(batch);
            i += n;
        }
        rankAlike(off, 800);
    }

    /**
     * On the demo catalog's shape (names "Brand Adjective Noun X123", descriptions of features and the same closing
     * sentence, so two words may share thousands of products): random searches of one to three of its words (the
     * closing sentence's words in every product, nouns, features, brands; a typo; a prefix), filtered or not, with
     * facets or not, rank and count as ranking every match does; a quarter of them sorted by rating instead, a tenth
     * without words (a brand or category page). The index under test puts the facets of a search with one kind of filter
     * together from remembered unfiltered counts; the one that remembers nothing counts each search in one pass.
     */
    @Test
    void demoCatalogSearchesRankAsRankingEveryMatch() {
        for (long id = 1; id <= 5_000; id++) {
            catalog.put(id, DemoCatalog.product(id));
        }
        CatalogIndex off = besideOneThatRemembersNothing();
        List<Product> products = catalog.values().stream().sorted(Comparator.comparing(Product::id)).toList();
        List<String> categories = catalog.values().stream().map(Product::category).distinct().sorted().toList();
        List<String> brands = catalog.values().stream().map(Product::brand).distinct().sorted().toList();
        for (int i = 0; i < 400; i++) {
            List<String> query = new ArrayList<>();
            for (int n = 1 + random.nextInt(3); query.size() < n; ) {
                // a word of a random product: common words as often as the catalog has them
                Product p = products.get(random.nextInt(products.size()));
                List<String> its = SearchText.words(p.name() + " " + p.description()).stream()
                    .filter(w -> !w.matches(".*\\d.*")).toList();
                String w = its.get(random.nextInt(its.size()));
                query.add(random.nextInt(10) == 0 ? swapped(w) : w);
            }
            String last = query.get(query.size() - 1);
            if (random.nextInt(4) == 0 && last.length() > 3) {
                query.set(query.size() - 1, last.substring(0, 3 + random.nextInt(last.length() - 3)));
            }
            List<String> inCategories = random.nextInt(4) == 0 ? List.of(categories.get(random.nextInt(categories.size())))
                : List.of();
            List<String> ofBrands = random.nextInt(5) == 0 ? List.of(brands.get(random.nextInt(brands.size()))) : List.of();
            BigDecimal max = random.nextInt(5) == 0 ? BigDecimal.valueOf(20 + random.nextInt(500)) : null;
            if (random.nextInt(10) == 0) {
                query.clear(); // a brand or category page: facets over the whole catalog
            }
            String sort = random.nextInt(4) == 0 ? "-rating" : "relevance"; // sorted: facets over every word's products
            ProductQuery q = new ProductQuery(inCategories, ofBrands, query, null, max, sort, random.nextInt(3),
                1 + random.nextInt(40), true, random.nextBoolean() ? Set.copyOf(ProductQuery.FACETS) : Set.of(), false);
            answeredAlike(off, q);
        }
    }

    /** The same total, page and facets from the index under test as from {@code off}. */
    private void answeredAlike(CatalogIndex off, ProductQuery q) {
        IndexSnapshot.Hits expected = off.search(q);
        IndexSnapshot.Hits hits = index.search(q);
        assertEquals(expected.total(), hits.total(), q.toString());
        assertArrayEquals(expected.ids(), hits.ids(), q.toString());
        assertEquals(expected.facets(), hits.facets(), "facets of " + q);
    }

    private String word() {
        return WORDS[random.nextInt(WORDS.length)];
    }

    /** The word with two neighbouring letters swapped (one edit: a typo match from 5 letters), or as it is if short. */
    private String swapped(String w) {
        if (w.length() < 5) {
            return w;
        }
        int i = random.nextInt(w.length() - 1);
        return w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2);
    }

    /**
     * A completion of the last word past the {@value Terms#COMPLETIONS} named ones that is also a synonym of another
     * query word: it puts its products among those with both words (by the terms' slots), so relevance must count it
     * for both too, or the walk of the first word's own order would place it before better products with one word.
     */
    @Test
    void aCompletionPastTheNamedOnesThatIsAlsoASynonymCountsForBothWords() {
        long id = 1;
        for (int w = 0; w < 60; w++) { // 60 completions of "pw", two products each
            for (int k = 0; k < 2; k++, id++) {
                catalog.put(id, new Product(id, "SKU-" + id, "Item pw" + (char) ('a' + w / 26) + (char) ('a' + w % 26),
                    "A thing.", "Audio", "Acme", new BigDecimal("10.00"), 3.0, 1, AT));
            }
        }
        catalog.put(id, new Product(id, "SKU-" + id, "Alpha", "A pwzzz thing.", "Audio", "Acme",
            new BigDecimal("10.00"), 5.0, 1, AT)); // pwzzz: one product, past the 50 named completions
        id++;
        catalog.put(id, new Product(id, "SKU-" + id, "Xray Beta", "A thing.", "Audio", "Acme",
            new BigDecimal("10.00"), 1.0, 1, AT)); // xray in its name, nothing beginning with pw
        id++;
        catalog.put(id, new Product(id, "SKU-" + id, "Yank Gamma", "A thing.", "Audio", "Acme",
            new BigDecimal("10.00"), 1.0, 1, AT)); // yank alone: the second query word matches something
        CatalogIndex off = besideOneThatRemembersNothing();
        Synonyms synonyms = new Synonyms(List.of(List.of("xray", "pwzzz")));
        index.synonyms(synonyms);
        off.synonyms(synonyms);
        ProductQuery q = query(null, null, List.of("xray", "yank", "pw"), null, null, "relevance", 0, 20);
        assertArrayEquals(off.search(q).ids(), index.search(q).ids(), q.toString());
        assertEquals(id - 2, index.search(q).ids()[0], "the product with pwzzz (xray's synonym, and a completion of pw) "
            + "lacks only yank, so it ranks before the one with xray in its name, which lacks yank and pw");
    }

    /**
     * {@code n} random relevance searches of one to three words, filtered or not, with facets or not, answered alike by
     * both indexes.
     */
    private void rankAlike(CatalogIndex off, int n) {
        for (int i = 0; i < n; i++) {
            // whole words, one the catalog lacks, a typo (two letters swapped), one most products have (their buckets
            // are large enough to be walked, not keyed in full), and for the last word a prefix
            String[] inner = {word(), word(), "zzqx", swapped(word()), random.nextBoolean() ? "item" : "thing"};
            String last = random.nextInt(4) == 0 ? word().substring(0, 2) : inner[random.nextInt(inner.length)];
            List<String> words = switch (random.nextInt(3)) {
                case 0 -> List.of(last);
                case 1 -> List.of(inner[random.nextInt(inner.length)], last);
                default -> List.of(inner[random.nextInt(inner.length)], inner[random.nextInt(inner.length)], last);
            };
            String category = random.nextBoolean() ? null : CATEGORIES[random.nextInt(CATEGORIES.length)];
            String brand = random.nextInt(3) == 0 ? BRANDS[random.nextInt(BRANDS.length)] : null;
            BigDecimal min = random.nextInt(3) == 0 ? BigDecimal.valueOf(20 + random.nextInt(30)) : null;
            BigDecimal max = random.nextInt(3) == 0 ? BigDecimal.valueOf(50 + random.nextInt(50)) : null;
            int size = 1 + random.nextInt(30);
            int page = random.nextInt(4);
            ProductQuery plain = query(category, brand, words, min, max, "relevance", page, size);
            ProductQuery q = new ProductQuery(plain.categories(), plain.brands(), plain.words(), min, max, "relevance",
                page, size, true, random.nextBoolean() ? Set.copyOf(ProductQuery.FACETS) : Set.of(), false);
            answeredAlike(off, q); // facets too: the remembering index shares a tally between searches with one first word
        }
    }

    @Test
    void changesArePublishedAndOlderVersionsIgnored() {
        addProducts(1, 300);
        index.apply(catalog.values());
        List<Product> changed = new ArrayList<>();
        for (long id = 1; id <= 300; id += 7) {
            Product old = catalog.get(id);
            Product next = random.nextBoolean()
                ? old.withPrice(randomPrice(), AT)
                : product(id, old.version() + 1);
            catalog.put(id, next);
            changed.add(next);
        }
        addProducts(301, 340);
        changed.addAll(catalog.values().stream().filter(p -> p.id() > 300).toList());
        // Small batches patch the previous lists; a large one rebuilds them.
        for (int i = 0; i < changed.size(); ) {
            int n = 1 + random.nextInt(6);
            index.apply(changed.subList(i, Math.min(changed.size(), i + n)));
            i += n;
        }
        index.apply(List.of(product(7, 0)));
        checkRandomQueries(300);
        assertEquals(340, index.size());
    }

    @Test
    void stockIsServedWithTheNewestVersionEvenWhenItArrivesBeforeItsProduct() {
        addProducts(1, 20);
        index.apply(catalog.values());
        index.stock(List.of(new Stock(3, 9, 5, AT), new Stock(3, 4, 4, AT), new Stock(21, 7, 1, AT)));
        assertEquals(9, index.product(3).stock()[0]);
        assertEquals(0, index.product(21).items().length);
        addProducts(21, 21);
        index.apply(List.of(catalog.get(21L)));
        IndexSnapshot.Hits hit = index.product(21);
        assertEquals(21, hit.items()[0].id());
        assertEquals(7, hit.stock()[0]);
        IndexSnapshot.Hits page = index.search(query(null, null, List.of(), null, null, null, 0, 30));
        assertEquals(9, page.stock()[2]);
        assertEquals(7, page.stock()[20]);
    }

    @Test
    void categoriesCountEveryProductByName() {
        addProducts(1, 250);
        index.apply(catalog.values());
        Map<String, Long> counts = new TreeMap<>();
        catalog.values().forEach(p -> counts.merge(p.category(), 1L, Long::sum));
        List<CategoryResponse> expected = counts.entrySet().stream()
            .map(e -> new CategoryResponse(e.getKey(), e.getValue())).toList();
        assertEquals(expected, index.categories());
    }

    @Test
    void anEmptyIndexFindsNothing() {
        IndexSnapshot.Hits hits = index.search(query(null, null, List.of(), null, null, null, 0, 20));
        assertEquals(0, hits.total());
        assertEquals(0, hits.ids().length);
    }

    private void checkRandomQueries(int n) {
        for (int i = 0; i < n; i++) {
            String category = random.nextInt(3) == 0 ? null : CATEGORIES[random.nextInt(CATEGORIES.length)];
            String brand = random.nextInt(4) == 0 ? BRANDS[random.nextInt(BRANDS.length)] : null;
            List<String> words = random.nextInt(3) == 0 ? List.of(WORDS[random.nextInt(WORDS.length)])
                : random.nextInt(6) == 0 ? List.of(WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)])
                : List.of();
            BigDecimal min = random.nextInt(4) == 0 ? new BigDecimal("20.005") : null;
            BigDecimal max = random.nextInt(4) == 0 ? new BigDecimal("70.50") : null;
            String sort = SORTS[random.nextInt(SORTS.length)];
            int size = 1 + random.nextInt(30);
            int page = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(3);
            ProductQuery q = query(category, brand, words, min, max, sort, page, size);
            if (random.nextInt(4) == 0) { // repeated category= and brand= are OR
                q = new ProductQuery(List.of(CATEGORIES[random.nextInt(CATEGORIES.length)], CATEGORIES[random.nextInt(CATEGORIES.length)]),
                    random.nextBoolean() ? List.of() : List.of(BRANDS[0], BRANDS[random.nextInt(BRANDS.length)]).stream().distinct().toList(),
                    q.words(), min, max, sort, page, size, true, java.util.Set.of(), false);
            }
            IndexSnapshot.Hits hits = index.search(q);
            List<Product> all = scan(q);
            long[] expected = all.stream().skip((long) page * size).limit(size).mapToLong(Product::id).toArray();
            assertEquals(all.size(), hits.total(), q.toString());
            assertArrayEquals(expected, hits.ids(), q.toString());
        }
    }

    /** What the SQL did: WHERE on every filter, ORDER BY the sort and then id. */
    private List<Product> scan(ProductQuery q) {
        Stream<Product> s = catalog.values().stream()
            .filter(p -> q.categories().isEmpty() || q.categories().contains(p.category()))
            .filter(p -> q.brands().isEmpty() || q.brands().contains(p.brand()))
            .filter(p -> q.minPrice() == null || p.price().compareTo(q.minPrice()) >= 0)
            .filter(p -> q.maxPrice() == null || p.price().compareTo(q.maxPrice()) <= 0)
            .filter(p -> hasWords(SearchText.words(p.name() + " " + p.brand() + " " + p.description()), q.words()));
        Comparator<Product> byId = Comparator.comparingLong(Product::id);
        Comparator<Product> order = q.sort() == null ? byId : switch (q.sort()) {
            case "price" -> Comparator.comparing(Product::price).thenComparing(byId);
            case "-price" -> Comparator.comparing(Product::price).reversed().thenComparing(byId);
            case "name" -> Comparator.comparing(Product::name).thenComparing(byId);
            default -> Comparator.comparingDouble(Product::rating).reversed().thenComparing(byId);
        };
        return s.sorted(order).toList();
    }

    /** Every word; the last one also as the beginning of a word. */
    private static boolean hasWords(List<String> text, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean last = i == words.size() - 1;
            if (!text.contains(w) && !(last && text.stream().anyMatch(t -> t.startsWith(w)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fills {@link #index} with the catalog, and returns another index of it that remembers no search and ranks every
     * match (no {@link WordOrders}).
     */
    private CatalogIndex besideOneThatRemembersNothing() {
        CatalogIndex off = CatalogIndex.rankingEveryMatch(new ProductJson(JsonMapper.createDefault()));
        off.apply(catalog.values());
        index.apply(catalog.values());
        return off;
    }

    private void addProducts(long from, long to) {
        for (long id = from; id <= to; id++) {
            catalog.put(id, product(id, 1));
        }
    }

    private Product product(long id, long version) {
        String w1 = WORDS[random.nextInt(WORDS.length)];
        String w2 = WORDS[random.nextInt(WORDS.length)];
        String name = (random.nextInt(5) == 0 ? "Same Name" : "Item " + (char) ('A' + random.nextInt(26)) + " " + w1);
        return new Product(id, "SKU-" + id, name, "A " + w2 + " thing.", CATEGORIES[random.nextInt(CATEGORIES.length)],
            BRANDS[random.nextInt(BRANDS.length)], randomPrice(), random.nextInt(5) + random.nextInt(2) / 2.0,
            version, AT);
    }

    private BigDecimal randomPrice() {
        return BigDecimal.valueOf(500 + random.nextInt(9_000), 2).add(random.nextInt(3) == 0 ? BigDecimal.ZERO
            : BigDecimal.valueOf(random.nextInt(3)));
    }

    private static ProductQuery query(String category, String brand, List<String> words, BigDecimal min,
                                      BigDecimal max, String sort, int page, int size) {
        List<String> normal = words.stream().flatMap(w -> SearchText.words(w).stream()).toList();
        return new ProductQuery(category, brand, normal, min, max, sort, page, size);
    }
}
