package gridshop.admin;

import gridshop.api.platform.Limits;
import gridshop.grid.catalog.SearchText;
import gridshop.platform.ApiException;
import gridshop.platform.Inputs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a merchant's synonym groups and brings their words into search form ({@link SearchText}: lower case), the
 * form the index matches query words in. Each rule names the group (and word) that broke it, 0-based.
 */
final class SynonymInput {
    private SynonymInput() {
    }

    static List<List<String>> normalised(List<List<String>> groups) {
        if (groups == null) {
            throw ApiException.badRequest("groups is required");
        }
        if (groups.size() > Limits.MAX_SYNONYM_GROUPS) {
            throw ApiException.badRequest("groups holds more than " + Limits.MAX_SYNONYM_GROUPS + " groups [groups="
                + groups.size() + "]");
        }
        List<List<String>> out = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            out.add(group(i, groups.get(i)));
        }
        return out;
    }

    private static List<String> group(int i, List<String> words) {
        String field = "groups[" + i + "]";
        if (words == null || words.size() < 2 || words.size() > Limits.MAX_SYNONYM_WORDS) {
            throw ApiException.badRequest(field + " must hold 2 to " + Limits.MAX_SYNONYM_WORDS + " words [words="
                + (words == null ? null : words.size()) + "]");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int j = 0; j < words.size(); j++) {
            distinct.add(word(field + "[" + j + "]", words.get(j)));
        }
        if (distinct.size() < 2) {
            throw ApiException.badRequest(field + " must hold 2 different words once in search form (lower case) "
                + "[words=" + distinct + "]");
        }
        return List.copyOf(distinct);
    }

    private static String word(String field, String entry) {
        Inputs.text(field, entry, Limits.MAX_SYNONYM_WORD);
        List<String> words = SearchText.words(entry);
        if (words.size() != 1) {
            throw ApiException.badRequest(field + " must be one word of letters and digits [value=" + entry + "]");
        }
        return words.get(0);
    }
}
