package gridshop.catalog.index;

import gridshop.api.catalog.SuggestionResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completions of a half-typed query: the words before the last are taken as typed (with their typos and synonyms),
 * the last is completed from the catalog's words (of names, brands and descriptions): first the words it begins,
 * then, when those are fewer than asked for, the words whose beginning is within its typo allowance. Each completed
 * query counts the products that have all its words; most products first, then alphabetical.
 */
final class Suggester {
    private static final int CANDIDATES = 50;

    private Suggester() {
    }

    static List<SuggestionResponse> suggest(IndexSnapshot s, List<String> words, int size) {
        Map<String, int[]> lists = s.words();
        Lexicon lexicon = s.searching().lexicon();
        List<String> before = words.subList(0, words.size() - 1);
        String last = words.get(words.size() - 1);
        Terms terms = Terms.of(before, true, false, lexicon, lists, s.searching().synonyms());
        List<int[]> parts = new ArrayList<>();
        terms.all().forEach(t -> parts.add(t.slots()));
        int[] scope = parts.isEmpty() ? null : SortedInts.intersect(parts);

        Set<String> candidates = new LinkedHashSet<>();
        if (lists.containsKey(last)) {
            candidates.add(last);
        }
        java.util.function.ToIntFunction<String> products = w -> lists.getOrDefault(w, new int[0]).length;
        candidates.addAll(lexicon.completions(last, CANDIDATES, products));
        if (candidates.size() < size) {
            candidates.addAll(lexicon.fuzzyCompletions(last, CANDIDATES, products));
        }
        String head = String.join(" ", before.stream().map(w -> terms.corrected().getOrDefault(w, w)).toList());
        List<SuggestionResponse> out = new ArrayList<>();
        for (String c : candidates) {
            int[] slots = lists.get(c);
            long count = scope == null ? slots.length : SortedInts.intersect(new ArrayList<>(List.of(scope, slots))).length;
            if (count > 0) {
                out.add(new SuggestionResponse(head.isEmpty() ? c : head + " " + c, count));
            }
        }
        out.sort(Comparator.comparingLong(SuggestionResponse::productCount).reversed()
            .thenComparing(SuggestionResponse::text));
        return List.copyOf(out.subList(0, Math.min(size, out.size())));
    }
}
