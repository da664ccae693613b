package gridshop.catalog.index;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Marks the words of a text that matched a query's terms in {@code <em>…</em>}, the rest of the text HTML-escaped. */
final class Highlighter {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{Nd}]+");

    private Highlighter() {
    }

    static String mark(String text, Terms terms) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher m = WORD.matcher(text);
        int at = 0;
        while (m.find()) {
            if (terms.kinds(m.group().toLowerCase(Locale.ROOT)) != null) {
                escape(text, at, m.start(), out);
                out.append("<em>");
                escape(text, m.start(), m.end(), out);
                out.append("</em>");
                at = m.end();
            }
        }
        escape(text, at, text.length(), out);
        return out.toString();
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
