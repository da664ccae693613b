package gridshop.catalog.index;

import gridshop.grid.catalog.SearchText;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Groups of words that a search treats as one: a query word also matches, exactly, every other word of its groups. */
public final class Synonyms {
    public static final Synonyms NONE = new Synonyms(List.of());

    private final List<List<String>> groups;
    private final Map<String, Set<String>> others = new HashMap<>();

    /** Groups of single words in {@link SearchText} form (lower case). */
    public Synonyms(List<List<String>> groups) {
        this.groups = List.copyOf(groups.stream().map(List::copyOf).toList());
        for (List<String> g : this.groups) {
            for (String w : g) {
                Set<String> set = others.computeIfAbsent(w, k -> new LinkedHashSet<>());
                g.stream().filter(o -> !o.equals(w)).forEach(set::add);
            }
        }
    }

    public List<List<String>> groups() {
        return groups;
    }

    /** The other words of the groups {@code word} is in. */
    Set<String> of(String word) {
        return others.getOrDefault(word, Set.of());
    }

    /** A group entry in search form, or null when it is not exactly one word. */
    public static String word(String entry) {
        List<String> w = SearchText.words(entry);
        return w.size() == 1 ? w.get(0) : null;
    }
}
