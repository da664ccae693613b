package gridshop.grid.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The word form used for {@code q}: lower case, letters and digits only, words separated by one space. */
public final class SearchText {
    private SearchText() {
    }

    /** " word1 word2 … " with a space on both ends, so " word " matches whole words only. */
    public static String of(String... parts) {
        Set<String> words = new LinkedHashSet<>();
        for (String part : parts) {
            words.addAll(words(part));
        }
        return " " + String.join(" ", words) + " ";
    }

    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
