package gridshop.catalog.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.SearchText;
import gridshop.persistence.catalog.DemoCatalog;
import io.micronaut.json.JsonMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Relevance's first products of a search: once it holds as many as asked for, a product is read only as far as its key
 * could still be among them ({@code Relevance.Keys#of(int, long)}). Whatever is asked for, the first {@code n} must be
 * the first {@code n} of ranking every match in full (asking for more than a bucket holds keys all of it, unbounded):
 * words of the demo catalog, some with a typo, some synonyms, and a word no product has.
 */
class RelevanceTest {
    @Test
    void theFirstFewAreTheFirstOfRankingEveryMatchInFull() {
        CatalogIndex index = new CatalogIndex(new ProductJson(JsonMapper.createDefault()));
        List<Product> products = new ArrayList<>();
        for (long id = 1; id <= 4_000; id++) {
            products.add(DemoCatalog.product(id));
        }
        index.apply(products);
        index.synonyms(new Synonyms(List.of(List.of("compact", "portable"), List.of("smart", "wireless"))));
        IndexSnapshot s = index.snapshot();
        Random random = new Random(20261207);
        int large = 0;
        for (int i = 0; i < 300; i++) {
            List<String> words = new ArrayList<>();
            for (int n = 1 + random.nextInt(3); words.size() < n; ) {
                Product p = products.get(random.nextInt(products.size()));
                List<String> its = SearchText.words(p.name() + " " + p.brand() + " " + p.description());
                String w = its.get(random.nextInt(its.size()));
                words.add(random.nextInt(5) == 0 && w.length() >= 5 ? swapped(w, random) : w); // a typo match
            }
            if (random.nextInt(4) == 0) {
                words.add("zzqx"); // a word no product has: missing from every key
            }
            Terms terms = s.searching().terms(words, random.nextBoolean(), s.words());
            int[] first = Relevance.usable(terms).get(0).slots();
            List<int[]> narrowing = Relevance.narrowing(terms, first);
            int[] full = Relevance.first(narrowing, terms, s, Integer.MAX_VALUE);
            large += narrowing.get(narrowing.size() - 1).length > 200 ? 1 : 0;
            for (int want : new int[] {1, 7, 40, 256}) {
                int[] some = Relevance.first(narrowing, terms, s, want);
                assertArrayEquals(Arrays.copyOf(full, Math.min(want, full.length)), some, words + ", the first " + want);
            }
        }
        assertTrue(large > 50, "searches with a bucket larger than what is asked for (there the bound is used): " + large);
    }

    /** Two neighbouring letters swapped: one edit. */
    private static String swapped(String w, Random random) {
        int i = random.nextInt(w.length() - 1);
        return w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2);
    }
}
