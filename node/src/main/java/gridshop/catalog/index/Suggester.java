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

    /**
     * What a suggestion counts: the products of the words before the last ({@code scope}, null when there are none),
     * the candidate completions of the last word, and the words before it as corrected ({@code head}).
     */
    record Asked(int[] scope, Set<String> candidates, String head) {
        static Asked of(IndexSnapshot s, List<String> words, int size) {
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
            return new Asked(scope, candidates, head);
        }

        /** A completion as the shopper sees it: the corrected words before, then the completed word. */
        String text(String completion) {
            return head.isEmpty() ? completion : head + " " + completion;
        }
    }

    static List<SuggestionResponse> suggest(IndexSnapshot s, List<String> words, int size) {
        Map<String, int[]> lists = s.words();
        Asked asked = Asked.of(s, words, size);
        int[] scope = asked.scope();
        Comparator<SuggestionResponse> order = Comparator.comparingLong(SuggestionResponse::productCount).reversed()
            .thenComparing(SuggestionResponse::text);
        List<String> widest = new ArrayList<>(asked.candidates());
        widest.sort(Comparator.comparingInt((String c) -> lists.get(c).length).reversed());
        List<SuggestionResponse> out = new ArrayList<>();
        long least = 0; // the size-th most products counted so far, once there are that many
        SortedInts.Marks marks = scope == null ? null : SortedInts.Marks.of(scope);
        try {
            for (String c : widest) {
                int[] slots = lists.get(c);
                if (size > 0 && out.size() >= size && slots.length < least) {
                    break; // this word's products, and those of every word after it, are fewer than the size-th count
                }
                long count = marks == null ? slots.length : marks.count(slots);
                if (count > 0) {
                    out.add(new SuggestionResponse(asked.text(c), count));
                    if (size > 0 && out.size() >= size) {
                        out.sort(order);
                        least = out.get(size - 1).productCount();
                    }
                }
            }
        } finally { // the bits are the thread's: left set, they would count for its next suggestion
            if (marks != null) {
                marks.clear();
            }
        }
        out.sort(order);
        return List.copyOf(out.subList(0, Math.min(size, out.size())));
    }

    /**
     * {@link #suggest} as JSON, remembered per snapshot, words and size like a search's matches (when remembering is
     * on): only the bytes are kept, weighed as they are ({@link IndexSnapshot.Remembered#suggestions}).
     */
    static byte[] json(IndexSnapshot s, List<String> words, int size, ProductJson render) {
        if (!s.remembered().enabled) {
            return render.bytes(suggest(s, words, size));
        }
        String key = String.join(" ", words) + '\u0000' + size;
        byte[] found = s.remembered().suggestions.get(key);
        if (found == null) {
            found = render.bytes(suggest(s, words, size));
            s.remembered().suggestions.put(key, found);
        }
        return found;
    }
}
