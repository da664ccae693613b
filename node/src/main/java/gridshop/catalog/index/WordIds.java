package gridshop.catalog.index;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A number for every word the index has met, so a product keeps its words as ints and relevance reads how a word
 * matches a query from an array by number instead of a hash lookup per word per product. Numbers are dense, handed
 * out in order of arrival and never reused or taken back (a word no product has any more keeps its number, as the
 * shared strings of {@link CatalogIndex} are kept): a number in a published snapshot means the same word in every
 * later one. Numbers are handed out from the threads that prepare a batch; words are read by number on the index's
 * writer only, after those threads are done.
 */
final class WordIds {
    /** A product keeps a word's number in 24 bits ({@link IndexItem#words}). */
    static final int MAX = 1 << 24;
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private String[] words = new String[1024];
    private int size;

    /** The word's number, given it now if it has none. */
    int id(String word) {
        Integer id = ids.get(word);
        return id != null ? id : ids.computeIfAbsent(word, this::append);
    }

    /** The word's number, or -1 when the index never met it. */
    int find(String word) {
        Integer id = ids.get(word);
        return id == null ? -1 : id;
    }

    private synchronized int append(String word) {
        if (size == MAX) {
            throw new IllegalStateException("the catalog index holds at most " + MAX + " distinct words [word=" + word
                + "]");
        }
        if (size == words.length) {
            words = Arrays.copyOf(words, size * 2);
        }
        words[size] = word;
        return size++;
    }

    /** Words by number, every number handed out so far included (for the writer). */
    synchronized String[] words() {
        return words;
    }

    /** How many numbers were handed out: every number is below it. */
    synchronized int size() {
        return size;
    }
}
