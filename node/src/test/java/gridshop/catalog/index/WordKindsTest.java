package gridshop.catalog.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a word matches a query's terms, read by its number ({@link WordKinds}), is what {@link Terms#kinds} says. */
class WordKindsTest {
    private static final List<String> VOCABULARY = List.of("wire", "wired", "wireless", "wirelessly", "wires", "headphones",
        "headphone", "hedge", "sofa", "couch", "oak", "oaks", "speaker", "speakers", "wireles", "compact", "comp");

    @Test
    void everyWordMatchesByNumberAsByName() {
        WordIds ids = new WordIds();
        ids.id("unrelated"); // numbers need not start at 0 nor follow the alphabet
        Map<String, int[]> lists = new HashMap<>();
        for (int i = 0; i < VOCABULARY.size(); i++) {
            ids.id(VOCABULARY.get(VOCABULARY.size() - 1 - i));
            lists.put(VOCABULARY.get(i), new int[] {i});
        }
        Lexicon lexicon = Lexicon.of(lists.keySet());
        Synonyms synonyms = new Synonyms(List.of(List.of("sofa", "couch")));
        List<List<String>> queries = List.of(List.of("wire"), List.of("headphonez", "wirel"), List.of("sofa", "oak"),
            List.of("speaker", "compact", "w"), List.of("hedphones"), List.of("nothing"), List.of("wireless", "wireles"));
        for (List<String> words : queries) {
            for (boolean typos : List.of(true, false)) {
                Terms terms = Terms.of(words, typos, lexicon, lists, synonyms);
                WordKinds byNumber = terms.byNumber(lexicon, ids);
                for (String w : VOCABULARY) {
                    int[] kinds = terms.kinds(w);
                    int expected = 0;
                    for (int t = 0; kinds != null && t < kinds.length; t++) {
                        expected |= kinds[t] << (WordKinds.BITS * t);
                    }
                    assertEquals(expected, byNumber.of(ids.find(w)), words + " typos=" + typos + " word " + w);
                }
                assertEquals(0, byNumber.of(ids.find("unrelated")), "a word of no product");
            }
        }
    }
}
