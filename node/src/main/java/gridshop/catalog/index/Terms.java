package gridshop.catalog.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query's words, each with every catalog word it also matches and how: exactly (the word or a synonym), as a
 * prefix (the last query word only: the {@value #COMPLETIONS} completions with most products), or by a typo (only
 * when the word has no exact match, and then also reported as corrected). A term's slots are the union of its
 * matches' lists, every completion of the last word included; of those completions only the {@value #COMPLETIONS}
 * with most products are listed by name, the others are recognised by their beginning.
 */
final class Terms {
    static final int EXACT = 0;
    static final int PREFIX = 1;
    static final int TYPO = 2;
    static final int COMPLETIONS = 50;
    static final Terms NONE = new Terms(List.of());

    /** One query word: its matches (catalog word → kind; a typo of 2 edits is {@code TYPO + 1}) and their slots. */
    record Term(String word, Map<String, Integer> matches, int[] slots, String corrected) {
    }

    private final List<Term> terms;
    /** The last word when it also matches as a prefix, and how a word it begins matches the terms. */
    private final String prefix;
    private final int[] prefixKinds;
    /** Per catalog word, per term: 0 when it does not match the term, else its kind plus one. */
    private final Map<String, int[]> kinds = new HashMap<>();
    /** {@link #kinds} by word number, made on first use by relevance (a suggestion's terms never need it). */
    private volatile WordKinds byNumber;

    private Terms(List<Term> terms) {
        this(terms, null);
    }

    private Terms(List<Term> terms, String prefix) {
        this.terms = terms;
        this.prefix = prefix;
        this.prefixKinds = new int[terms.size()];
        if (prefix != null) {
            prefixKinds[terms.size() - 1] = PREFIX + 1;
        }
        for (int t = 0; t < terms.size(); t++) {
            for (Map.Entry<String, Integer> m : terms.get(t).matches().entrySet()) {
                kinds.computeIfAbsent(m.getKey(), k -> new int[terms.size()])[t] = m.getValue() + 1;
            }
        }
    }

    static Terms of(List<String> words, boolean typos, Lexicon lexicon, Map<String, int[]> lists, Synonyms synonyms) {
        return of(words, typos, true, lexicon, lists, synonyms);
    }

    /** {@code prefix}: the last word also matches the words it begins. */
    static Terms of(List<String> words, boolean typos, boolean prefix, Lexicon lexicon, Map<String, int[]> lists,
                    Synonyms synonyms) {
        List<Term> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            out.add(term(words.get(i), prefix && i == words.size() - 1, typos, lexicon, lists, synonyms));
        }
        return new Terms(out, prefix && !words.isEmpty() ? words.get(words.size() - 1) : null);
    }

    private static Term term(String word, boolean last, boolean typos, Lexicon lexicon, Map<String, int[]> lists,
                             Synonyms synonyms) {
        Map<String, Integer> matches = new LinkedHashMap<>();
        if (lists.containsKey(word)) {
            matches.put(word, EXACT);
        }
        synonyms.of(word).stream().filter(lists::containsKey).forEach(s -> matches.put(s, EXACT));
        List<int[]> parts = new ArrayList<>();
        if (last) {
            List<String> completions = lexicon.completions(word, Integer.MAX_VALUE, w -> lists.getOrDefault(w, new int[0]).length);
            completions.stream().limit(COMPLETIONS).forEach(c -> matches.putIfAbsent(c, PREFIX));
            completions.stream().skip(COMPLETIONS).forEach(c -> parts.add(lists.get(c)));
        }
        String corrected = null;
        if (matches.isEmpty() && typos) {
            int best = Integer.MAX_VALUE;
            for (String w : lexicon.withinEdits(word, Typos.allowed(word.length()))) {
                int d = Typos.distance(word, w, 2);
                matches.put(w, TYPO + d - 1);
                int rank = d * 1_000_000_000 - Math.min(999_999_999, lists.get(w).length);
                if (rank < best || rank == best && w.compareTo(corrected) < 0) {
                    best = rank;
                    corrected = w;
                }
            }
        }
        matches.keySet().forEach(w -> parts.add(lists.get(w)));
        return new Term(word, matches, SortedInts.union(parts), corrected);
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    int size() {
        return terms.size();
    }

    Term get(int i) {
        return terms.get(i);
    }

    List<Term> all() {
        return terms;
    }

    /** Whether {@code term} is the query's last word (the one that also matches as a prefix). */
    boolean isLast(Term term) {
        return term == terms.get(terms.size() - 1);
    }

    /** How {@code catalogWord} matches each term (0: not; else kind plus one), or null when it matches none. */
    int[] kinds(String catalogWord) {
        int[] k = kinds.get(catalogWord);
        if (prefix == null || !catalogWord.startsWith(prefix)) {
            return k;
        }
        return k == null ? prefixKinds : withPrefix(k, prefixKinds);
    }

    /**
     * A word's kinds with the last term's prefix match added where it has none: a completion past the
     * {@value #COMPLETIONS} named ones that also matches another term (a synonym, a typo) is in the last term's slots,
     * so relevance must see it there too.
     */
    static int[] withPrefix(int[] kinds, int[] prefixKinds) {
        int last = kinds.length - 1;
        if (kinds[last] != 0) {
            return kinds;
        }
        int[] out = kinds.clone();
        out[last] = prefixKinds[last];
        return out;
    }

    /** {@link #kinds(String)} of every word of the lexicon, by number, packed ({@link WordKinds}). */
    WordKinds byNumber(Lexicon lexicon, WordIds ids) {
        WordKinds table = byNumber;
        if (table == null) { // two threads may both make it: the same table
            table = WordKinds.of(kinds, prefix, prefixKinds, lexicon, ids);
            byNumber = table;
        }
        return table;
    }

    /** The query words matched by a typo, with the catalog word each most likely meant. */
    Map<String, String> corrected() {
        Map<String, String> out = new LinkedHashMap<>();
        terms.stream().filter(t -> t.corrected() != null).forEach(t -> out.put(t.word(), t.corrected()));
        return out;
    }
}
