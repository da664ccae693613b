package gridshop.catalog.index;

/**
 * The typo rules of search: a word of 5 letters or more may be 1 edit off, of 9 or more 2 edits; an edit is an
 * inserted, deleted or replaced letter, or two neighbours swapped (optimal string alignment distance).
 */
public final class Typos {
    public static final int ONE_EDIT_FROM = 5;
    public static final int TWO_EDITS_FROM = 9;

    private Typos() {
    }

    /** The edits a query word of this length may be off by. */
    public static int allowed(int length) {
        return length >= TWO_EDITS_FROM ? 2 : length >= ONE_EDIT_FROM ? 1 : 0;
    }

    /** The distance between two words, or {@code max + 1} as soon as it is sure to exceed {@code max}. */
    public static int distance(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int[] last = table(a, b, max);
        return last == null ? max + 1 : Math.min(max + 1, last[b.length()]);
    }

    /** The distance between {@code prefix} and the closest beginning of {@code word}, capped at {@code max + 1}. */
    static int prefixDistance(String prefix, String word, int max) {
        int[] last = table(prefix, word, max);
        if (last == null) {
            return max + 1;
        }
        int best = max + 1;
        for (int j = Math.max(0, prefix.length() - max); j <= Math.min(word.length(), prefix.length() + max); j++) {
            best = Math.min(best, last[j]);
        }
        return best;
    }

    /** The last row of the alignment table of {@code a} (rows) against {@code b}, or null once every cell > max. */
    private static int[] table(String a, String b, int max) {
        int m = b.length();
        int[] before = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                char cb = b.charAt(j - 1);
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (ca == cb ? 0 : 1));
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
                    v = Math.min(v, before[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return null;
            }
            int[] t = before;
            before = prev;
            prev = cur;
            cur = t;
        }
        return prev;
    }
}
