package gridshop.grid.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The word form used for {@code q} and the catalog index: lower case, runs of letters and digits. */
public final class SearchText {
    private SearchText() {
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
