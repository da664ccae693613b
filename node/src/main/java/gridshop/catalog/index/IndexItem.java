package gridshop.catalog.index;

import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.SearchText;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the catalog index keeps of a product: its sort keys, filters and words, and its JSON up to the stock, so a
 * page is served from the index alone. Category, brand and words are shared strings (one copy per distinct
 * value across the catalog).
 */
public record IndexItem(long id, String category, String brand, long cents, double rating, String name, long version,
                 String[] words, byte[] head) {

    static IndexItem of(Product p, Map<String, String> vocabulary, ProductJson json) {
        Set<String> words = new LinkedHashSet<>();
        words.addAll(SearchText.words(p.name()));
        words.addAll(SearchText.words(p.brand()));
        words.addAll(SearchText.words(p.description()));
        String[] shared = words.stream().map(w -> vocabulary.computeIfAbsent(w, x -> x)).toArray(String[]::new);
        return new IndexItem(p.id(), vocabulary.computeIfAbsent(p.category(), x -> x),
            vocabulary.computeIfAbsent(p.brand(), x -> x), p.price().movePointRight(2).longValueExact(), p.rating(),
            p.name(), p.version(), shared, json.head(p));
    }

    boolean has(String word) {
        for (String w : words) {
            if (w.equals(word)) {
                return true;
            }
        }
        return false;
    }
}
