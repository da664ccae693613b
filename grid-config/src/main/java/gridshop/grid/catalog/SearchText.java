package gridshop.grid.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The word form used for {@code q} and the catalog index: lower case, runs of letters and digits. */
public final class SearchText {
    /** Compiled once: String.split compiles a pattern like this one on every call (every search and suggestion). */
    private static final Pattern BETWEEN_WORDS = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private SearchText() {
    }

    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String w : BETWEEN_WORDS.split(text.toLowerCase(Locale.ROOT))) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
