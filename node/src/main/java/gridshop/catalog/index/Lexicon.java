package gridshop.catalog.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * The catalog's words, for what a query word may also mean: the words it is a prefix of (a range of the sorted
 * vocabulary) and the words within its typo allowance. Typo candidates come from the vocabulary's words of nearby
 * lengths only (a word of length n within k edits has length n-k..n+k), each compared with a distance that gives up
 * as soon as it exceeds k: the cost is the vocabulary's words of three or five lengths, never the products. Answers
 * are memoised per published snapshot (bounded, the least used forgotten first: {@link Memo}).
 */
final class Lexicon {
    static final int LONGEST = 40;
    private static final int MEMO = 8192;

    private final String[] sorted;
    private final String[][] byLength;
    /** {@link #letters} of each word of {@link #byLength}, in the same places. */
    private final long[][] lettersByLength;
    private final Memo<List<String>> memo = new Memo<>(MEMO / 2);

    private Lexicon(String[] sorted, String[][] byLength, long[][] lettersByLength) {
        this.sorted = sorted;
        this.byLength = byLength;
        this.lettersByLength = lettersByLength;
    }

    private Lexicon(String[] sorted, String[][] byLength) {
        this(sorted, byLength, Arrays.stream(byLength).map(Lexicon::letters).toArray(long[][]::new));
    }

    /**
     * The letters a word has, as bits (a to z, 0 to 9, any other character in one of 28 more): an edit brings at most
     * one letter into a word that it lacked, so two words within k edits each have at most k bits the other lacks, a
     * test of two machine words before the distance is computed (it rules out most of the vocabulary).
     */
    static long letters(String word) {
        long bits = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            int bit = c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 + c - '0' : 36 + c % 28;
            bits |= 1L << bit;
        }
        return bits;
    }

    private static long[] letters(String[] words) {
        long[] out = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            out[i] = letters(words[i]);
        }
        return out;
    }

    static Lexicon of(Set<String> words) {
        String[] sorted = words.toArray(String[]::new);
        Arrays.sort(sorted);
        List<List<String>> lengths = new ArrayList<>();
        for (int n = 0; n <= LONGEST; n++) {
            lengths.add(new ArrayList<>());
        }
        for (String w : sorted) {
            lengths.get(Math.min(w.length(), LONGEST)).add(w);
        }
        return new Lexicon(sorted, lengths.stream().map(l -> l.toArray(String[]::new)).toArray(String[][]::new));
    }

    /** The same words for a new snapshot (nothing memoised), or with the touched words added or taken out. */
    Lexicon next(Set<String> touched, Map<String, int[]> words) {
        TreeSet<String> added = new TreeSet<>();
        Set<String> removed = new java.util.HashSet<>();
        for (String w : touched) {
            boolean had = Arrays.binarySearch(sorted, w) >= 0;
            if (words.containsKey(w) && !had) {
                added.add(w);
            } else if (!words.containsKey(w) && had) {
                removed.add(w);
            }
        }
        if (added.isEmpty() && removed.isEmpty()) {
            return new Lexicon(sorted, byLength, lettersByLength);
        }
        String[][] lengths = byLength.clone();
        long[][] letters = lettersByLength.clone();
        Set<Integer> changed = new java.util.HashSet<>();
        added.forEach(w -> changed.add(Math.min(w.length(), LONGEST)));
        removed.forEach(w -> changed.add(Math.min(w.length(), LONGEST)));
        for (int n : changed) {
            lengths[n] = merged(byLength[n], added.stream().filter(w -> Math.min(w.length(), LONGEST) == n).toList(), removed);
            letters[n] = letters(lengths[n]);
        }
        return new Lexicon(merged(sorted, List.copyOf(added), removed), lengths, letters);
    }

    private static String[] merged(String[] old, List<String> added, Set<String> removed) {
        List<String> out = new ArrayList<>(old.length + added.size());
        int j = 0;
        for (String w : old) {
            while (j < added.size() && added.get(j).compareTo(w) < 0) {
                out.add(added.get(j++));
            }
            if (!removed.contains(w)) {
                out.add(w);
            }
        }
        out.addAll(added.subList(j, added.size()));
        return out.toArray(String[]::new);
    }

    int size() {
        return sorted.length;
    }

    /** Up to {@code limit} words that start with {@code prefix} (itself excluded), most products first. */
    List<String> completions(String prefix, int limit, ToIntFunction<String> products) {
        return remembered("p" + limit + ":" + prefix, () -> {
            int from = insertion(prefix);
            int to = insertion(prefix + Character.MAX_VALUE);
            List<String> range = new ArrayList<>(Arrays.asList(sorted).subList(from, to));
            range.remove(prefix);
            return top(range, limit, products);
        });
    }

    /** Every word that starts with {@code prefix}, itself included, in alphabetical order. */
    List<String> startingWith(String prefix) {
        return Arrays.asList(sorted).subList(insertion(prefix), insertion(prefix + Character.MAX_VALUE));
    }

    /** The words other than {@code word} within {@code edits} edits of it (a transposition is one edit). */
    List<String> withinEdits(String word, int edits) {
        if (edits == 0) {
            return List.of();
        }
        return remembered("t" + edits + ":" + word, () -> {
            List<String> out = new ArrayList<>();
            int n = word.length();
            long has = letters(word);
            // words of LONGEST letters or more share the last length's list: a longer word starts there
            for (int len = Math.min(LONGEST, Math.max(1, n - edits)); len <= Math.min(LONGEST, n + edits); len++) {
                String[] words = byLength[len];
                long[] letters = lettersByLength[len];
                for (int i = 0; i < words.length; i++) {
                    long other = letters[i];
                    if (Long.bitCount(other & ~has) <= edits && Long.bitCount(has & ~other) <= edits
                        && !words[i].equals(word) && Typos.distance(word, words[i], edits) <= edits) {
                        out.add(words[i]);
                    }
                }
            }
            return out;
        });
    }

    /**
     * Up to {@code limit} words whose beginning is within the typo allowance of {@code prefix} (for suggestions:
     * {@code wirles} → {@code wireless}), most products first. Scans the words at least as long as the prefix less
     * its allowance: used only when the prefix itself completes to too few words.
     */
    List<String> fuzzyCompletions(String prefix, int limit, ToIntFunction<String> products) {
        int edits = Typos.allowed(prefix.length());
        if (edits == 0) {
            return List.of();
        }
        return remembered("f" + limit + ":" + prefix, () -> {
            List<String> out = new ArrayList<>();
            long has = letters(prefix);
            for (int len = Math.min(LONGEST, Math.max(1, prefix.length() - edits)); len <= LONGEST; len++) {
                String[] words = byLength[len];
                long[] letters = lettersByLength[len];
                for (int i = 0; i < words.length; i++) {
                    // the prefix is within the edits of a beginning of the word: it lacks at most that many letters
                    if (Long.bitCount(has & ~letters[i]) <= edits && !words[i].startsWith(prefix)
                        && Typos.prefixDistance(prefix, words[i], edits) <= edits) {
                        out.add(words[i]);
                    }
                }
            }
            return top(out, limit, products);
        });
    }

    private static List<String> top(List<String> words, int limit, ToIntFunction<String> products) {
        words.sort(Comparator.comparingInt(products).reversed().thenComparing(Comparator.naturalOrder()));
        return List.copyOf(words.subList(0, Math.min(limit, words.size())));
    }

    private int insertion(String key) {
        int at = Arrays.binarySearch(sorted, key);
        return at >= 0 ? at : -at - 1;
    }

    private List<String> remembered(String key, java.util.function.Supplier<List<String>> compute) {
        List<String> found = memo.get(key);
        if (found == null) {
            found = compute.get();
            memo.put(key, found);
        }
        return found;
    }
}
