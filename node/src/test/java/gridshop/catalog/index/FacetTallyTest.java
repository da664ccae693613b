package gridshop.catalog.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gridshop.api.catalog.FacetCount;
import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.SearchText;
import io.micronaut.json.JsonMapper;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Facet counts from the per-slot columns ({@link FacetTally}: the plain loop, the filtered one, a category page's
 * shortcut, remembered or not) equal counting the products one by one with the disjunctive rules of api.md.
 */
class FacetTallyTest {
    private static final String[] CATEGORIES = {"Audio", "Books", "Garden", "Toys", "Pets"};
    private static final String[] BRANDS = {"Acme", "Borealis", "Cobalt", "Dune"};
    private static final String[] WORDS = {"wireless", "oak", "red", "compact", "quiet"};
    private static final List<String> FACETS = List.of("category", "brand", "price", "rating");
    private static final Timestamp AT = Timestamp.valueOf("2026-01-01 00:00:00");

    private final Random random = new Random(7);
    private final List<Product> catalog = new ArrayList<>();

    @Test
    void everyFilterCombinationCountsAsOneByOne() {
        for (long id = 1; id <= 800; id++) {
            catalog.add(product(id, 1, CATEGORIES[random.nextInt(CATEGORIES.length)]));
        }
        countsAsOneByOne();
    }

    /** Random queries against counting one by one; halfway, a third of the products change price, rating, category, brand. */
    private void countsAsOneByOne() {
        ProductJson json = new ProductJson(JsonMapper.createDefault());
        CatalogIndex remembering = new CatalogIndex(json, true);
        CatalogIndex computing = new CatalogIndex(json, false);
        remembering.apply(catalog);
        computing.apply(catalog);
        for (int i = 0; i < 300; i++) {
            if (i == 150) {
                List<Product> changed = new ArrayList<>();
                for (int k = 0; k < catalog.size(); k += 3) {
                    Product p = product(catalog.get(k).id(), 2, random.nextBoolean() ? catalog.get(k).category()
                        : CATEGORIES[random.nextInt(CATEGORIES.length)]);
                    catalog.set(k, p);
                    changed.add(p);
                }
                remembering.apply(changed);
                computing.apply(changed);
            }
            ProductQuery q = randomQuery();
            Map<String, Map<String, Long>> expected = oneByOne(q);
            for (int round = 0; round < 2; round++) { // the second time from what the first remembered
                assertEquals(expected, counts(remembering.search(q).facets()), q.toString());
            }
            assertEquals(expected, counts(computing.search(q).facets()), q.toString());
        }
    }

    @Test
    void aPackedSlotGivesBackItsIdsBandAndStarsUpToTheLargest() {
        int[][] cases = {{0, 0, 0, 0}, {5, 3, 7, 5}, {(1 << 26) - 1, Integer.MAX_VALUE, 7, 5}, {1 << 20, 1 << 30, 1, 2}};
        for (int[] c : cases) {
            long v = Columns.facet(c[0], c[1], c[2], c[3]);
            assertEquals(List.of(c[0], c[1], c[2], c[3]),
                List.of(Columns.category(v), Columns.brand(v), Columns.priceBand(v), Columns.stars(v)), Arrays.toString(c));
        }
    }

    /**
     * A writer staging a batch moves a product into a category and a brand newer than the snapshot a search reads (the
     * packed column is shared while a batch is staged): the product is left out of that search's counts until the
     * batch's snapshot, in every way of counting, instead of a count past the end of the arrays (a 500).
     */
    @Test
    void aSlotMovedIntoANewerCategoryOrBrandIsLeftOutNotCountedPastTheEnd() {
        Columns cols = new Columns(new int[] {0, 2, 1}, new int[] {0, 0, 3}, new byte[3], new int[3][],
            new String[] {"Audio", "Books"}, new String[] {"Acme"}, Map.of("Audio", 0, "Books", 1), Map.of("Acme", 0),
            new long[] {Columns.facet(0, 0, 1, 4), Columns.facet(2, 0, 2, 3), Columns.facet(1, 3, 3, 5)});
        int[] all = {0, 1, 2};
        FacetTally every = FacetTally.unfiltered(all, cols);
        assertEquals(List.of(1L, 0L), Arrays.stream(every.byCategory()).boxed().toList(), "slots 1 and 2 are newer");
        assertEquals(List.of(1L), Arrays.stream(every.byBrand()).boxed().toList());
        SearchFilter inBooks = new SearchFilter(new ProductQuery(List.of("Books"), List.of(), List.of(), null, null,
            "id", 0, 10, true, java.util.Set.of(), false), cols, new long[] {100, 200, 300});
        FacetTally filtered = FacetTally.over(all, inBooks, cols);
        assertEquals(List.of(1L, 0L), Arrays.stream(filtered.byCategory()).boxed().toList(), "Books' own count unnarrowed");
        assertEquals(List.of(0L), Arrays.stream(filtered.byBrand()).boxed().toList(), "none of Acme's is in Books");
        assertEquals(false, inBooks.category(1), "a category newer than the snapshot's names is not kept");
        SearchFilter ofAcme = new SearchFilter(new ProductQuery(List.of(), List.of("Acme"), List.of(), null, null, "id", 0,
            10, true, java.util.Set.of(), false), cols, new long[3]);
        assertEquals(false, ofAcme.brand(2), "nor a brand newer than them");
        assertEquals(true, ofAcme.brand(0));
    }

    @Test
    void priceBandsStartAtTheirLowerBound() {
        long[] cents = {0, 999, 1_000, 1_999, 2_000, 4_999, 5_000, 9_999, 10_000, 19_999, 20_000, 49_999, 50_000,
            99_999, 100_000, 5_000_000};
        for (long c : cents) {
            int expected = 0;
            while (expected + 1 < Facets.PRICE_FROM.length && c >= Facets.PRICE_FROM[expected + 1] * 100) {
                expected++;
            }
            assertEquals(expected, FacetTally.band(c), "cents " + c);
        }
    }

    private ProductQuery randomQuery() {
        List<String> categories = some(CATEGORIES);
        List<String> brands = random.nextInt(3) == 0 ? some(BRANDS) : List.of();
        List<String> words = random.nextBoolean() ? List.of()
            : random.nextInt(3) > 0 ? List.of(WORDS[random.nextInt(WORDS.length)])
            : List.of(WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)].substring(0, 3));
        BigDecimal min = random.nextInt(3) == 0 ? BigDecimal.valueOf(random.nextInt(60)) : null;
        BigDecimal max = random.nextInt(3) == 0 ? new BigDecimal("150.50") : null;
        // Under relevance the counts are over the first word's products; in a sort order over every word's.
        String sort = words.isEmpty() ? null : random.nextBoolean() ? "relevance" : "price";
        return new ProductQuery(categories, brands, words, min, max, sort, random.nextInt(3), 10, true, Set.copyOf(FACETS),
            false);
    }

    private List<String> some(String[] from) {
        List<String> out = new ArrayList<>();
        for (int n = random.nextInt(3); n > 0; n--) {
            String v = from[random.nextInt(from.length)];
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** What api.md says, product by product: each facet over the matches that pass every filter but its own. */
    private Map<String, Map<String, Long>> oneByOne(ProductQuery q) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        FACETS.forEach(f -> out.put(f, new TreeMap<>()));
        q.categories().forEach(c -> out.get("category").put(c, 0L));
        q.brands().forEach(b -> out.get("brand").put(b, 0L));
        List<String> words = "relevance".equals(q.sort()) ? q.words().subList(0, 1) : q.words();
        for (Product p : catalog) {
            List<String> text = SearchText.words(p.name() + " " + p.brand() + " " + p.description());
            if (!hasWords(text, words, q.words().size())) {
                continue;
            }
            boolean c = q.categories().isEmpty() || q.categories().contains(p.category());
            boolean b = q.brands().isEmpty() || q.brands().contains(p.brand());
            boolean price = (q.minPrice() == null || p.price().compareTo(q.minPrice()) >= 0)
                && (q.maxPrice() == null || p.price().compareTo(q.maxPrice()) <= 0);
            if (b && price) {
                out.get("category").merge(p.category(), 1L, Long::sum);
            }
            if (c && price) {
                out.get("brand").merge(p.brand(), 1L, Long::sum);
            }
            if (c && b) {
                out.get("price").merge(band(p.price()), 1L, Long::sum);
            }
            for (int stars = 4; stars >= 1 && c && b && price; stars--) {
                if (p.rating() >= stars) {
                    out.get("rating").merge(stars + "+", 1L, Long::sum);
                }
            }
        }
        return out;
    }

    /** Every word; the query's last word (of {@code queryWords}) also as the beginning of a word. */
    private static boolean hasWords(List<String> text, List<String> words, int queryWords) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean last = i == queryWords - 1;
            if (!text.contains(w) && !(last && text.stream().anyMatch(t -> t.startsWith(w)))) {
                return false;
            }
        }
        return true;
    }

    private static String band(BigDecimal price) {
        long[] from = Facets.PRICE_FROM;
        for (int b = from.length - 1; b > 0; b--) {
            if (price.compareTo(BigDecimal.valueOf(from[b])) >= 0) {
                return b == from.length - 1 ? from[b] + "+" : from[b] + "-" + from[b + 1];
            }
        }
        return "0-10";
    }

    private static Map<String, Map<String, Long>> counts(Map<String, List<FacetCount>> facets) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        facets.forEach((facet, values) -> {
            Map<String, Long> m = new TreeMap<>();
            values.forEach(v -> m.put(v.value(), v.count()));
            out.put(facet, m);
        });
        return out;
    }

    private Product product(long id, long version, String category) {
        String name = "Item " + (char) ('A' + random.nextInt(26)) + " " + WORDS[random.nextInt(WORDS.length)];
        BigDecimal price = BigDecimal.valueOf(random.nextInt(150_000), 2).add(BigDecimal.valueOf(random.nextInt(2) * 1_000));
        double rating = random.nextInt(51) / 10.0;
        return new Product(id, "SKU-" + id, name, "A " + WORDS[random.nextInt(WORDS.length)] + " thing.",
            category, BRANDS[random.nextInt(BRANDS.length)], price, rating, version, AT);
    }
}
