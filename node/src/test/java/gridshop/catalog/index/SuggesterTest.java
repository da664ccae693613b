package gridshop.catalog.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gridshop.api.catalog.SuggestionResponse;
import gridshop.grid.catalog.Product;
import io.micronaut.json.JsonMapper;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Suggestions count each completion's products with marked bits and stop at the first candidate word with fewer products
 * than the last one kept ({@link Suggester}); they must equal counting every candidate with a whole intersection and
 * sorting them all. A catalog of few letters, so prefixes have many completions and two-word queries overlap unevenly.
 */
class SuggesterTest {
    private static final Timestamp AT = Timestamp.valueOf("2026-01-01 00:00:00");
    private final Random random = new Random(11);
    private final List<String> vocabulary = new ArrayList<>();

    @Test
    void prunedAndMarkedCountsEqualCountingEveryCandidate() {
        for (int i = 0; i < 120; i++) {
            vocabulary.add(word(2 + random.nextInt(5)));
        }
        List<Product> catalog = new ArrayList<>();
        for (long id = 1; id <= 3_000; id++) {
            catalog.add(product(id));
        }
        CatalogIndex index = new CatalogIndex(new ProductJson(JsonMapper.createDefault()), false);
        index.apply(catalog);
        IndexSnapshot s = index.snapshot();
        int pruned = 0;
        for (int i = 0; i < 400; i++) {
            List<String> words = new ArrayList<>();
            if (random.nextBoolean()) {
                words.add(vocabulary.get(random.nextInt(vocabulary.size())));
            }
            String last = vocabulary.get(random.nextInt(vocabulary.size()));
            words.add(last.substring(0, 1 + random.nextInt(last.length())));
            int size = 1 + random.nextInt(10);
            List<SuggestionResponse> expected = everyCandidate(s, words, size);
            assertEquals(expected, index.suggest(words, size), words + " size " + size);
            pruned += expected.size() == size ? 1 : 0;
        }
        assertTrue(pruned > 100, "too few queries filled their size to exercise the pruning: " + pruned);
    }

    /** The rule as first written: every candidate counted by intersecting whole lists, all sorted, the first kept. */
    private static List<SuggestionResponse> everyCandidate(IndexSnapshot s, List<String> words, int size) {
        Suggester.Asked asked = Suggester.Asked.of(s, words, size);
        List<SuggestionResponse> out = new ArrayList<>();
        for (String c : asked.candidates()) {
            int[] slots = s.words().get(c);
            long count = asked.scope() == null ? slots.length
                : SortedInts.intersect(new ArrayList<>(List.of(asked.scope(), slots))).length;
            if (count > 0) {
                out.add(new SuggestionResponse(asked.text(c), count));
            }
        }
        out.sort(Comparator.comparingLong(SuggestionResponse::productCount).reversed()
            .thenComparing(SuggestionResponse::text));
        return List.copyOf(out.subList(0, Math.min(size, out.size())));
    }

    private String word(int length) {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < length; i++) {
            w.append("abcd".charAt(random.nextInt(4)));
        }
        return w.toString();
    }

    /**
     * Words drawn unevenly (a square favours the first) from one of 8 themes of 15 words, or now and then from all:
     * counts differ from word to word, and two words of one theme share most of their products, so a completion's
     * count can come close to its word's whole count (where a pruning bound too tight would show).
     */
    private String words(int n, int theme) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            String w = random.nextInt(5) == 0 ? vocabulary.get((int) (u * u * vocabulary.size()))
                : vocabulary.get(theme * 15 + (int) (u * u * 15));
            out.append(i == 0 ? "" : " ").append(w);
        }
        return out.toString();
    }

    private Product product(long id) {
        int theme = random.nextInt(8);
        return new Product(id, "SKU-" + id, words(3, theme), words(6, theme), "Toys", "Acme", BigDecimal.valueOf(1999, 2),
            random.nextInt(51) / 10.0, 1, AT);
    }
}
