package gridshop.catalog;

import gridshop.grid.catalog.SearchText;
import gridshop.platform.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The query of {@code GET /api/suggest}, checked: {@code q} with at least one word, {@code size} 1..20. */
public record SuggestQuery(List<String> words, int size) {
    static final Set<String> PARAMETERS = Set.of("q", "size");
    static final int MAX_SIZE = 20;
    private static final int MAX_WORDS = 8;

    static SuggestQuery parse(Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!PARAMETERS.contains(p.getKey())) {
                throw ApiException.badRequest("unknown query parameter '" + p.getKey() + "'; known: " + PARAMETERS);
            }
            if (p.getValue().size() > 1) {
                throw ApiException.badRequest("query parameter '" + p.getKey() + "' given more than once");
            }
        }
        String q = one(params, "q");
        if (q.length() > 200) {
            throw ApiException.badRequest("q is longer than 200 characters");
        }
        List<String> words = SearchText.words(q);
        if (words.isEmpty()) {
            throw ApiException.badRequest("q must have at least one letter or digit [q=" + q + "]");
        }
        if (words.size() > MAX_WORDS) {
            throw ApiException.badRequest("q may have at most " + MAX_WORDS + " words [words=" + words.size() + "]");
        }
        String size = params.containsKey("size") ? one(params, "size") : "8";
        try {
            int n = Integer.parseInt(size.trim());
            if (n >= 1 && n <= MAX_SIZE) {
                return new SuggestQuery(words, n);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.badRequest("size must be a whole number from 1 to " + MAX_SIZE + " [size=" + size + "]");
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw ApiException.badRequest(name + " is required");
        }
        return v.get(0);
    }
}
