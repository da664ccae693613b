package gridshop.catalog.index;

import java.util.List;
import java.util.Map;

/**
 * How each catalog word, by its number ({@link WordIds}), matches a query's terms: what {@link Terms#kinds(String)}
 * says, for relevance to read per word of every candidate product with no string hashed or compared. Per word, the
 * kind plus one of each term in 3 bits (term {@code t} at bit {@code 3t}; at most 8 terms), 0 when it matches none.
 * Open addressing over two int arrays, sized by the words that match (the last word's completions included), not by
 * the vocabulary.
 */
final class WordKinds {
    static final int BITS = 3;
    private static final int FREE = -1;

    private final int[] keys;
    private final int[] packed;
    private final int mask;
    private final int shift;

    private WordKinds(int words) {
        int capacity = Integer.highestOneBit(Math.max(4, words) * 2 - 1) << 1; // at least twice the words
        keys = new int[capacity];
        packed = new int[capacity];
        mask = capacity - 1;
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        java.util.Arrays.fill(keys, FREE);
    }

    /**
     * The words of {@code exact} (catalog word → per term, kind plus one) and, when the last term is also a prefix,
     * every other word of the lexicon it begins, with {@code prefixKinds}.
     */
    static WordKinds of(Map<String, int[]> exact, String prefix, int[] prefixKinds, Lexicon lexicon, WordIds ids) {
        List<String> begun = prefix == null ? List.of() : lexicon.startingWith(prefix);
        WordKinds out = new WordKinds(exact.size() + begun.size());
        exact.forEach((word, kinds) -> out.put(ids.find(word), pack(kinds)));
        for (String word : begun) {
            int[] kinds = exact.get(word);
            out.put(ids.find(word), pack(kinds == null ? prefixKinds : Terms.withPrefix(kinds, prefixKinds)));
        }
        return out;
    }

    private static int pack(int[] kinds) {
        int p = 0;
        for (int t = 0; t < kinds.length; t++) {
            p |= kinds[t] << (BITS * t);
        }
        return p;
    }

    private void put(int id, int value) {
        if (id < 0) {
            return; // a word the index never met: no product has it
        }
        int i = slot(id);
        while (keys[i] != FREE && keys[i] != id) {
            i = (i + 1) & mask;
        }
        keys[i] = id;
        packed[i] = value;
    }

    /** The word's kinds, packed; 0 when it matches no term. */
    int of(int id) {
        for (int i = slot(id); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == id) {
                return packed[i];
            }
            if (k == FREE) {
                return 0;
            }
        }
    }

    private int slot(int id) {
        return (id * 0x9E3779B9) >>> shift;
    }
}
