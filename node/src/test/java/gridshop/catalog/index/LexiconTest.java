package gridshop.catalog.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The lexicon's typo candidates, which skip a word by the letters it has before computing its distance, are the words a
 * distance computed against every word of the vocabulary finds: for whole words (search) and for prefixes
 * (suggestions), on a vocabulary close to itself (few letters, so many words are one or two edits apart), also after
 * words are added and taken out.
 */
class LexiconTest {
    private static final String LONG = "pneumonoultramicroscopicsilicovolcanoconiosis"; // 45 letters
    private final Random random = new Random(20261207);

    @Test
    void typoCandidatesAreEveryWordWithinTheEdits() {
        Set<String> vocabulary = new TreeSet<>();
        while (vocabulary.size() < 3_000) {
            vocabulary.add(word(4 + random.nextInt(9)));
        }
        vocabulary.add("caf\u00e9s");
        vocabulary.add("x-ray");
        vocabulary.add(LONG); // longer than Lexicon.LONGEST: kept with the longest
        Lexicon lexicon = Lexicon.of(vocabulary);
        sameAsEveryWordCompared(lexicon, vocabulary);

        Set<String> touched = new TreeSet<>();
        List<String> old = new ArrayList<>(vocabulary);
        for (int i = 0; i < 200; i++) {
            touched.add(old.get(random.nextInt(old.size()))); // taken out
            touched.add(word(4 + random.nextInt(9))); // added
        }
        Map<String, int[]> now = new java.util.HashMap<>();
        vocabulary.forEach(w -> now.put(w, new int[0]));
        for (String w : touched) {
            if (vocabulary.contains(w)) {
                now.remove(w);
            } else {
                now.put(w, new int[0]);
            }
        }
        sameAsEveryWordCompared(lexicon.next(touched, now), now.keySet());
    }

    private void sameAsEveryWordCompared(Lexicon lexicon, Set<String> vocabulary) {
        for (int i = 0; i < 400; i++) {
            String query = i % 10 == 0 ? "caf\u00e9s" + "s".repeat(i % 3)
                : i % 10 == 1 ? LONG.substring(0, 20) + "x" + LONG.substring(21) : word(5 + random.nextInt(8));
            int edits = Typos.allowed(query.length());
            List<String> expected = vocabulary.stream().sorted()
                .filter(w -> !w.equals(query) && Typos.distance(query, w, edits) <= edits).toList();
            List<String> found = new ArrayList<>(lexicon.withinEdits(query, edits));
            found.sort(null);
            assertEquals(expected, found, "words within " + edits + " edits of " + query);

            String prefix = query.substring(0, 5 + random.nextInt(query.length() - 4));
            int allowed = Typos.allowed(prefix.length());
            List<String> begun = vocabulary.stream().sorted()
                .filter(w -> !w.startsWith(prefix) && Typos.prefixDistance(prefix, w, allowed) <= allowed).toList();
            assertEquals(begun, lexicon.fuzzyCompletions(prefix, Integer.MAX_VALUE, w -> 0),
                "words whose beginning is within " + allowed + " edits of " + prefix);
        }
    }

    /** A word of {@code n} letters from six, so that many words of the vocabulary are near each other. */
    private String word(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("aeinrst".charAt(random.nextInt(7)));
        }
        return b.toString();
    }
}
