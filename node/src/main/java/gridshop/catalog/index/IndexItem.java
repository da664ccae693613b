package gridshop.catalog.index;

import gridshop.grid.catalog.Product;
import gridshop.grid.catalog.SearchText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the catalog index keeps of a product: its sort keys, filters and words, and its JSON up to the stock, so a
 * page is served from the index alone. Category and brand are shared strings (one copy per distinct value across the
 * catalog). Each word is one int: its number ({@link WordIds}) above the low 8 bits, and in them where it first
 * occurs, for relevance ({@link #spot}): its field ({@link #NAME}, {@link #BRAND}, {@link #DESCRIPTION}) times
 * {@value #FIELD} plus its position in that field (capped).
 */
public record IndexItem(long id, String category, String brand, long cents, double rating, String name, long version,
                 int[] words, byte[] head) {
    static final int NAME = 0;
    static final int BRAND = 1;
    static final int DESCRIPTION = 2;
    static final int FIELD = 64;

    static IndexItem of(Product p, Map<String, String> vocabulary, WordIds ids, ProductJson json) {
        Map<String, Integer> first = new LinkedHashMap<>();
        String[] fields = {p.name(), p.brand(), p.description()};
        for (int f = 0; f < fields.length; f++) {
            List<String> words = SearchText.words(fields[f]);
            for (int i = 0; i < words.size(); i++) {
                first.putIfAbsent(words.get(i), f * FIELD + Math.min(i, FIELD - 1));
            }
        }
        int[] words = new int[first.size()];
        int i = 0;
        for (Map.Entry<String, Integer> e : first.entrySet()) {
            words[i++] = ids.id(e.getKey()) << 8 | e.getValue();
        }
        return new IndexItem(p.id(), vocabulary.computeIfAbsent(p.category(), x -> x),
            vocabulary.computeIfAbsent(p.brand(), x -> x), p.price().movePointRight(2).longValueExact(), p.rating(),
            p.name(), p.version(), words, json.head(p));
    }

    /** The rating in tenths within 0..50, as the index's columns keep it and relevance ranks by it. */
    byte rating10() {
        return (byte) Math.max(0, Math.min(50, Math.round(rating * 10)));
    }

    /** The number of a word as kept in {@link #words}. */
    static int word(int kept) {
        return kept >>> 8;
    }

    /** Where a word as kept in {@link #words} first occurs: field times {@value #FIELD} plus position. */
    static int spot(int kept) {
        return kept & 0xFF;
    }
}
